import requests

SERVER = "http://localhost:11434"


def generate(prompt):
    return requests.post(f"{SERVER}/api/generate", json={"model": "llama3", "prompt": prompt, "stream": False}).json()["response"]
