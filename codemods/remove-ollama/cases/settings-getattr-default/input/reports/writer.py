"""Writes report summaries; settings may come from any settings module."""
from django.conf import settings

import ollama

WAIT_SECONDS = getattr(settings, "OLLAMA_TIMEOUT", 30)
PAGE_SIZE = getattr(settings, "REPORT_PAGE_SIZE", 20)


def summary(rows):
    client = ollama.Client(timeout=WAIT_SECONDS)
    text = "\n".join(rows[:PAGE_SIZE])
    return client.generate(model="llama3", prompt=text)["response"]
