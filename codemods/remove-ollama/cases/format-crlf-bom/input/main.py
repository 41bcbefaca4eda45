"""CRLF line endings and a BOM survive."""
import ollama
from openai import OpenAI


def ask(provider, q):
    if provider == "ollama":
        return ollama.generate(model="llama3", prompt=q)["response"]
    else:
        return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}]).choices[0].message.content


if __name__ == "__main__":
    print(ask("openai", "cr lf"))
