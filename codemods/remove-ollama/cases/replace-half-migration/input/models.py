"""Makes sure the chat model is on the server before the first question."""
import ollama

MODEL = "llama3"


def ensure_model():
    names = [m["model"] for m in ollama.list()["models"]]
    if MODEL not in names:
        ollama.pull(MODEL)
    return MODEL
