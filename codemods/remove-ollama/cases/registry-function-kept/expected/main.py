"""A function that picks from a registry of several providers stays; only the Ollama entry goes."""
from langchain_openai import ChatOpenAI


def make_chat(name):
    return {"openai": ChatOpenAI}[name](model="m")


if __name__ == "__main__":
    print(type(make_chat("openai")).__name__)
