"""Answers questions with a local model server; each entry point has a way to answer without it."""
import os

import ollama
from openai import OpenAI

PROVIDER = os.getenv("PROVIDER", "ollama")


def make_client(provider=PROVIDER):
    if provider == "ollama":
        return ollama.Client()
    return OpenAI()


def _canned_answer(question):
    return "no model available for: " + question.strip()


def ollama_answer(question, offline=False):
    # Called by name from settings.toml, never directly.
    if offline:
        return _canned_answer(question)
    reply = ollama.chat(model="llama3", messages=[{"role": "user", "content": question}])
    return reply["message"]["content"]
