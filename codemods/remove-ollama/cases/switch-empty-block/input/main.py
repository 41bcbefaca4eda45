"""A kept block whose only statement goes gets `pass`; a with block keeps its context manager."""
import contextlib

import ollama

PROVIDER = "openai"


def warm(provider):
    for attempt in range(2):
        ollama.pull("llama3")
    with contextlib.suppress(Exception):
        ollama.pull("nomic-embed-text")
    if provider == "openai":
        print("hosted")
    elif provider == "ollama":
        print("local")
    print("warm", provider)


if __name__ == "__main__":
    warm(PROVIDER)
