"""Every import form: Ollama names go, other names in the same statement stay."""
import json, ollama
import ollama as ol
from ollama import Client, chat
import langchain_ollama
from langchain_ollama.chat_models import ChatOllama
from langchain_community.embeddings import (
    HuggingFaceEmbeddings,  # the one we keep
    OllamaEmbeddings,
)

PROVIDER = json.loads('"openai"')


def build():
    if PROVIDER == "ollama":
        return ChatOllama(model="llama3"), OllamaEmbeddings(), ol, Client, chat, langchain_ollama, ollama
    return None, HuggingFaceEmbeddings


if __name__ == "__main__":
    print(build()[1].__name__)
