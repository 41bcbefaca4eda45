"""Chains: the Ollama branch first, in the middle, written either way round, lower-cased, in a tuple."""
import os

from langchain_community.chat_models import ChatOllama
from langchain_openai import ChatOpenAI


def echo_model(text):
    return "echo: " + text


def make_first(provider):
    if provider == "ollama":
        return ChatOllama(model="llama3")
    elif provider == "openai":
        return ChatOpenAI(model="gpt-4o-mini", temperature=0)
    else:
        raise ValueError(provider)


def make_middle(provider):
    if provider == "openai":
        return ChatOpenAI(model="gpt-4o", temperature=0)
    elif "ollama" == provider.lower():  # local models
        return ChatOllama(model="mistral")
    elif provider == "echo":
        return None
    else:
        raise ValueError(provider)


def make_tuple(provider):
    # Local providers first.
    if provider.strip().lower() in ("ollama",):
        return ChatOllama(model="phi3")
    # Hosted ones.
    elif provider in ("openai", "azure"):
        return ChatOpenAI(model="gpt-4o-mini")
    return None


def run(provider):
    for make in (make_first, make_middle, make_tuple):
        model = make(provider)
        print(make.__name__, model.invoke("one two three").content if model else echo_model(provider))


if __name__ == "__main__":
    run(os.environ["LLM_PROVIDER"])
    run("echo") if os.environ.get("WITH_ECHO") else None
