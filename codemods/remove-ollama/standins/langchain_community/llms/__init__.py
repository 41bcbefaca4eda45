from langchain_community._ollama import Ollama

__all__ = ["Ollama"]
