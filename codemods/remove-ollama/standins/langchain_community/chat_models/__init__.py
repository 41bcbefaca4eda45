from langchain_community._ollama import ChatOllama

__all__ = ["ChatOllama"]
