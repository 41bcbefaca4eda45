"""A backup of the whole app (not only Ollama): a copy, left alone by codemods (never half migrated)."""
import ollama
from openai import OpenAI

PROVIDER = "openai"


def ask(q):
    if PROVIDER == "ollama":
        return ollama.generate(model="llama3", prompt=q)["response"]
    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}]).choices[0].message.content
