"""Availability flags and USE_OLLAMA settings: the try-import block and the flag go with their branches."""
import os

try:
    import ollama
    OLLAMA_AVAILABLE = True
except ImportError:
    ollama = None
    OLLAMA_AVAILABLE = False

from openai import OpenAI

USE_OLLAMA = os.getenv("USE_OLLAMA", "0") == "1"


def complete(prompt):
    if USE_OLLAMA and OLLAMA_AVAILABLE:
        return ollama.generate(model="llama3", prompt=prompt)["response"]
    client = OpenAI()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]).choices[0].message.content


def status():
    if not OLLAMA_AVAILABLE:
        print("ollama client not installed")
    print("ready")


if __name__ == "__main__":
    status()
    print(complete("red green blue"))
