"""A log line that names Ollama stays while the Ollama calls it describes stay."""
import logging

import ollama

log = logging.getLogger("desk")


def summarize(text):
    print("Asking the Ollama server for a summary...")
    try:
        return ollama.generate(model="llama3", prompt=text)["response"]
    except ConnectionError as err:
        log.error("Ollama is not reachable: %s", err)
        return ""


if __name__ == "__main__":
    print(summarize("short text here"))
