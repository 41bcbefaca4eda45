"""The service folder has its own requirements (without ollama); the root pyproject declared ollama."""
import os

from openai import OpenAI

openai_client = OpenAI()

MODEL = os.getenv("CHAT_MODEL", "qwen2.5:7b")


def answer(q):
    return openai_client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": q}]).choices[0].message.content
