import ollama


def pull_ollama():
    ollama.pull("llama3")
