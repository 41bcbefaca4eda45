from langchain_community._ollama import OllamaEmbeddings

__all__ = ["OllamaEmbeddings"]
