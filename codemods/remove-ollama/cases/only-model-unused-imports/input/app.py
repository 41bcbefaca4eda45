"""Answers questions with the one model this program has, served by Ollama."""
import ollama

from config import CHAT_MODEL, OLLAMA_URL

client = ollama.Client(host=OLLAMA_URL)


def answer(question):
    reply = client.chat(model=CHAT_MODEL, messages=[{"role": "user", "content": question}])
    return reply["message"]["content"]
