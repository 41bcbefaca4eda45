"""Removed settings fields take their keys out of the tracked env example."""
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    openai_api_key: str = ""
    ollama_host: str = "http://localhost:11434"
