"""OLLAMA_URL is defined here and still used by client.py: this file stays as it is."""
OPENAI_MODEL = "gpt-4o-mini"
OLLAMA_URL = "http://localhost:11434/v1"
