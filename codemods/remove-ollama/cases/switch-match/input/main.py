"""match statements: the Ollama case goes; a match with only Ollama cases goes whole."""
import sys

from langchain_ollama import OllamaLLM
from langchain_openai import OpenAI


def build(provider: str):
    match provider:
        case "ollama":
            return OllamaLLM(model="llama3")
        case "openai":
            return OpenAI(model="gpt-3.5-turbo-instruct", temperature=0)
        case _:
            raise SystemExit(f"unknown provider {provider}")


def warm_up(provider: str):
    match provider:
        case "ollama":
            print("pulling the model")


if __name__ == "__main__":
    warm_up(sys.argv[1] if len(sys.argv) > 1 else "openai")
    print(build("openai").invoke("alpha beta"))
