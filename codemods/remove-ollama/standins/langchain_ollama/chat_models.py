from langchain_ollama import ChatOllama

__all__ = ["ChatOllama"]
