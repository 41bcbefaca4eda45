from langchain_community.llms import LlamaCpp, Ollama


def load_ollama_llm(model_path="models/small.gguf"):
    try:
        return Ollama(model="llama3")
    except ImportError:
        return LlamaCpp(model_path=model_path)
