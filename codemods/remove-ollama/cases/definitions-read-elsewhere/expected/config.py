"""Settings of the desk."""
import os

DATABASE = os.getenv("DATABASE", "sqlite:///desk.db")
OLLAMA_URL = os.getenv("OLLAMA_URL", "http://localhost:11434")
