"""The only model of this program is served by Ollama, and it stays."""
import ollama

from config import CHAT_MODEL


def answer(question):
    reply = ollama.chat(model=CHAT_MODEL, messages=[{"role": "user", "content": question}])
    return reply["message"]["content"]
