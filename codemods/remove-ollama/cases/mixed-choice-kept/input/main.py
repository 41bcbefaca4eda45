"""A choice between a hosted model and Ollama is left whole, with a review item."""
import os

from langchain_community.llms import Ollama
from langchain_openai import ChatOpenAI

HOSTED = os.getenv("STAGE", "live") == "live"
model = ChatOpenAI(model="gpt-4o-mini") if HOSTED else Ollama(model="llama3")


def ask(question):
    return model.invoke(question)


if __name__ == "__main__":
    print(type(model).__name__)
