from langchain_ollama import ChatOllama

llm = ChatOllama(model="llama3")


def reply(text):
    return llm.invoke(text).content
