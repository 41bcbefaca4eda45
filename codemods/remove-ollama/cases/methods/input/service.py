"""A multi-provider service class: Ollama methods, their self calls and the Ollama attribute go."""
import ollama
from openai import OpenAI


class LLMService:
    def __init__(self, provider="openai"):
        self.provider = provider
        self.openai = OpenAI()
        if self.provider == "ollama":
            self._init_ollama()

    def _init_ollama(self):
        self.ollama_client = ollama.Client(host="http://localhost:11434")
        self.ollama_client.pull("llama3")

    def _ask_ollama(self, prompt):
        return self.ollama_client.chat(model="llama3", messages=[{"role": "user", "content": prompt}])["message"]["content"]

    def ask(self, prompt):
        if self.provider == "ollama":
            return self._ask_ollama(prompt)
        return self.openai.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]).choices[0].message.content


if __name__ == "__main__":
    print(LLMService().ask("sun moon stars"))
