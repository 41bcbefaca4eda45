"""Ollama is the only model and it stays in use: nothing of it is removed piecemeal."""
import ollama

MODEL = "llama3"


def ensure_model():
    names = [m["model"] for m in ollama.list()["models"]]
    if MODEL not in names:
        print("Fetching the model for Ollama...")
        ollama.pull(MODEL)


def ollama_status():
    return "up" if ollama.list() else "down"


def answer(text):
    ensure_model()
    return ollama.chat(model=MODEL, messages=[{"role": "user", "content": text}])["message"]["content"]


if __name__ == "__main__":
    print(answer("hello there friend"))
