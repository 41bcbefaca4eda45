"""A tool that still talks to Ollama: its folder's requirement stays, reported."""
import ollama


class Puller:
    def run(self, name):
        return ollama.Client().pull(name)
