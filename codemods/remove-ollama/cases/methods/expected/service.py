"""A multi-provider service class: Ollama methods, their self calls and the Ollama attribute go."""
from openai import OpenAI


class LLMService:
    def __init__(self, provider="openai"):
        self.provider = provider
        self.openai = OpenAI()

    def ask(self, prompt):
        return self.openai.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]).choices[0].message.content


if __name__ == "__main__":
    print(LLMService().ask("sun moon stars"))
