"""Settings: Ollama ones used only by removed code go; one still used is reported."""
import os


class Settings:
    OPENAI_MODEL = os.getenv("OPENAI_MODEL", "gpt-4o-mini")
    OLLAMA_MODEL = "llama3"


def banner(settings=Settings):
    return f"models: {settings.OPENAI_MODEL} / {settings.OLLAMA_MODEL}"
