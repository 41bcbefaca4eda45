"""The app reads engine.engine: engine.py stays whole; warmup.py, which nothing imports, is deleted."""
import engine
from openai import OpenAI


def local_answer(q):
    return engine.engine.invoke(q)


def hosted_answer(q):
    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": q}]).choices[0].message.content
