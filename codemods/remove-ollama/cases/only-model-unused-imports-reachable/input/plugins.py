"""Commands the loader finds by name."""
import ollama

from app import answer


def ask(question):
    return answer(question)
