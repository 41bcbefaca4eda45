import ollama
from langchain_ollama import ChatOllama

llm = ChatOllama(model="llama3")


def ask(q):
    return ollama.chat(model="llama3", messages=[{"role": "user", "content": q}])["message"]["content"]
