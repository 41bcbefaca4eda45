"""LiteLLM routes "ollama/..." models to an Ollama server: reported, not touched."""
import litellm

MODEL = "ollama/llama3"


def ask(question):
    response = litellm.completion(model="ollama/llama3", messages=[{"role": "user", "content": question}], api_base="http://localhost:11434")
    return response.choices[0].message.content


def ask_default(question):
    return litellm.completion(model=MODEL, messages=[{"role": "user", "content": question}]).choices[0].message.content


if __name__ == "__main__":
    print(ask("one two"), ask_default("three four"))
