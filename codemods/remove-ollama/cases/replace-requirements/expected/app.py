from langchain_openai import ChatOpenAI
from openai import OpenAI

openai_client = OpenAI()

llm = ChatOpenAI(model="llama3")


def ask(q):
    return openai_client.chat.completions.create(model="llama3", messages=[{"role": "user", "content": q}]).choices[0].message.content
