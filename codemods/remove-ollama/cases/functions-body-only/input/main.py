"""Functions whose whole body talks to Ollama go, whatever their name; mixed ones stay."""
import logging

import ollama
import requests

log = logging.getLogger(__name__)
BASE = "http://localhost:11434"


def local_models():
    response = requests.get(f"{BASE}/api/tags", timeout=2)
    names = [m["name"] for m in response.json()["models"]]
    log.info("found %d models", len(names))
    return names


def preload(model):
    ollama.generate(model=model, prompt="", keep_alive="30m")


def report(counts):
    total = sum(counts.values())
    print("total", total)
    return total


if __name__ == "__main__":
    preload("llama3")
    print(report({"a": 1, "b": 2}))
