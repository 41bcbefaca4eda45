"""The word names something else here: nothing changes, every mention is reported."""
from langchain_openai import ChatOpenAI

# ollama was replaced by OpenAI in 2024; this variable kept its old name.
ollama = ChatOpenAI(model="gpt-4o-mini", temperature=0)


def answer(question):
    return ollama.invoke(question).content  # not the ollama client


if __name__ == "__main__":
    print(answer("left right"))
