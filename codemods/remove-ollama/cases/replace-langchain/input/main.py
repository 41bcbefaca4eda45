"""LangChain Ollama classes become their langchain_openai counterparts."""
import os

from langchain_community.chat_models import ChatOllama
from langchain_community.llms import Ollama
from langchain_ollama import OllamaEmbeddings

OLLAMA_BASE_URL = os.getenv("OLLAMA_BASE_URL", "http://localhost:11434")

llm = Ollama(base_url=OLLAMA_BASE_URL, model="llama3", temperature=0.2, num_ctx=4096)
chat = ChatOllama(
    model="llama3",
    temperature=0,
    num_predict=5,
    keep_alive="10m",
    format="json",
)
embeddings = OllamaEmbeddings(model="nomic-embed-text")


def is_chat(model) -> bool:
    return isinstance(model, ChatOllama)


if __name__ == "__main__":
    print(llm.invoke("one two three"))
    print(chat.invoke("four five six seven eight nine ten").content, is_chat(chat))
    print(embeddings.embed_query("eleven"))
