"""USE_OLLAMA is on unless the environment says otherwise: Ollama is the default, so the switch stays."""
import os

from openai import OpenAI

USE_OLLAMA = os.getenv("USE_OLLAMA", "true").lower() == "true"

if USE_OLLAMA:
    from ollama import chat as local_chat


def reply(text):
    if USE_OLLAMA:
        return local_chat(model="llama3", messages=[{"role": "user", "content": text}])["message"]["content"]
    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}]).choices[0].message.content
