from langchain_ollama import ChatOllama

llm = ChatOllama(model="m")
