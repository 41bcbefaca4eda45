"""The OpenAI SDK pointed at Ollama's OpenAI-compatible API on port 11434: reported, not touched."""
from langchain_openai import ChatOpenAI
from openai import OpenAI

client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
chat = ChatOpenAI(model="llama3", base_url="http://127.0.0.1:11434/v1", api_key="unused")


def ask(question):
    r = client.chat.completions.create(model="llama3", messages=[{"role": "user", "content": question}])
    return r.choices[0].message.content


if __name__ == "__main__":
    print(ask("to be or not"), chat.invoke("x").content)
