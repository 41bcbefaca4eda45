from langchain_community._ollama import HuggingFaceEmbeddings, OllamaEmbeddings

__all__ = ["HuggingFaceEmbeddings", "OllamaEmbeddings"]
