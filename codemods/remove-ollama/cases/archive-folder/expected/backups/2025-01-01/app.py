"""A backup of the whole app (not only Ollama): edited like any code, not deleted."""
from openai import OpenAI


def ask(q):
    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}]).choices[0].message.content
