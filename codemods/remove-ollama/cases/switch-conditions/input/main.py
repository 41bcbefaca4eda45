"""Conditions that lose an Ollama test: negations, and/or, not, conditional expressions."""
import os

from langchain_ollama import OllamaEmbeddings
from langchain_openai import OpenAIEmbeddings

PROVIDER = os.getenv("LLM_PROVIDER", "openai")
DEBUG = os.getenv("DEBUG") == "1"


def embedder():
    return OllamaEmbeddings(model="nomic-embed-text") if PROVIDER == "ollama" else OpenAIEmbeddings(model="text-embedding-3-small")


def label():
    return "hosted" if PROVIDER != "ollama" else "local"


def describe():
    if PROVIDER != "ollama":
        print("remote embeddings")
    if DEBUG or PROVIDER == "ollama":
        print("verbose")
    if not (PROVIDER == "ollama") and not DEBUG:
        print("quiet")
    if PROVIDER == "ollama" and DEBUG:
        print("local debug")


if __name__ == "__main__":
    describe()
    print(label(), embedder().embed_query("hello"))
