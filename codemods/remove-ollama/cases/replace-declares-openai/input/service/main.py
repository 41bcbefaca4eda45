"""The service folder has its own requirements (without ollama); the root pyproject declared ollama."""
import os

import ollama

MODEL = os.getenv("CHAT_MODEL", "qwen2.5:7b")


def answer(q):
    return ollama.chat(model=MODEL, messages=[{"role": "user", "content": q}])["message"]["content"]
