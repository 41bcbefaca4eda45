from langchain_ollama import OllamaEmbeddings

__all__ = ["OllamaEmbeddings"]
