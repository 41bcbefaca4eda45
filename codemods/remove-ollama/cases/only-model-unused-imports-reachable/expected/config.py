CHAT_MODEL = "llama3"
OLLAMA_URL = "http://localhost:11434"
