"""LangChain Ollama classes become their langchain_openai counterparts."""

from langchain_openai import ChatOpenAI, OpenAI, OpenAIEmbeddings


llm = OpenAI(model="llama3", temperature=0.2, max_tokens=-1)
chat = ChatOpenAI(
    model="llama3",
    temperature=0,
    max_tokens=5,
    model_kwargs={"response_format": {"type": "json_object"}},
)
embeddings = OpenAIEmbeddings(model="nomic-embed-text")


def is_chat(model) -> bool:
    return isinstance(model, ChatOpenAI)


if __name__ == "__main__":
    print(llm.invoke("one two three"))
    print(chat.invoke("four five six seven eight nine ten").content, is_chat(chat))
    print(embeddings.embed_query("eleven"))
