"""The OpenAI SDK pointed at Ollama's OpenAI-compatible endpoint: reported, not touched."""
from openai import OpenAI

from config import OLLAMA_URL, OPENAI_MODEL

client = OpenAI(base_url=OLLAMA_URL, api_key="ollama")
MODEL = OPENAI_MODEL
