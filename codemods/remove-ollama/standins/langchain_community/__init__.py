"""Stand-in for langchain-community (only the Ollama classes, deprecated since 0.3.1)."""
