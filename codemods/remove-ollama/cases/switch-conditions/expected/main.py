"""Conditions that lose an Ollama test: negations, and/or, not, conditional expressions."""
import os

from langchain_openai import OpenAIEmbeddings

PROVIDER = os.getenv("LLM_PROVIDER", "openai")
DEBUG = os.getenv("DEBUG") == "1"


def embedder():
    return OpenAIEmbeddings(model="text-embedding-3-small")


def label():
    return "hosted"


def describe():
    print("remote embeddings")
    if DEBUG:
        print("verbose")
    if not DEBUG:
        print("quiet")


if __name__ == "__main__":
    describe()
    print(label(), embedder().embed_query("hello"))
