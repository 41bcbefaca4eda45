from langchain_ollama import OllamaLLM

__all__ = ["OllamaLLM"]
