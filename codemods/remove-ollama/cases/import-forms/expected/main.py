"""Every import form: Ollama names go, other names in the same statement stay."""
import json
from langchain_community.embeddings import (
    HuggingFaceEmbeddings,  # the one we keep
)

PROVIDER = json.loads('"openai"')


def build():
    return None, HuggingFaceEmbeddings


if __name__ == "__main__":
    print(build()[1].__name__)
