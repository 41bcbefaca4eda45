"""Ollama is the default: the switch stays, with review items saying why."""
import os

from langchain_community.llms import Ollama
from langchain_openai import ChatOpenAI

LLM_PROVIDER = os.getenv("LLM_PROVIDER", "ollama")


def create_llm(provider=LLM_PROVIDER):
    if provider == "ollama":
        return Ollama(model="llama3")
    return ChatOpenAI(model="gpt-4o-mini")


def create_embedder(settings: dict):
    provider = settings.get("provider", "ollama")
    if provider == "openai":
        return "openai-embeddings"
    elif provider == "ollama":
        return "ollama-embeddings"
    raise ValueError(provider)
