"""Checks the model server before the bot starts; the bot itself still talks to Ollama."""
import ollama

from chat.client import generate


async def check_ollama_ready():
    ollama.show("llama3")


async def main():
    await check_ollama_ready()
    print("starting")
    return generate("hi")
