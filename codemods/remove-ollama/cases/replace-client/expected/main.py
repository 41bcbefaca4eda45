"""ollama.chat / generate / embed / embeddings calls become calls of the openai client."""
from openai import OpenAI

openai_client = OpenAI()

MODEL = "llama3"
client = OpenAI()


def ask(question):
    response = openai_client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": question}],
        temperature=0.1,
        max_completion_tokens=3,
    )
    return response.choices[0].message.content


def summarize(text):
    return openai_client.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Summarize: " + text}]).choices[0].message.content


def vectors(texts):
    return [d.embedding for d in openai_client.embeddings.create(model="nomic-embed-text", input=texts).data]


def vector(text):
    return openai_client.embeddings.create(model="nomic-embed-text", input=text).data[0].embedding


def streamed(question):
    parts = []
    for chunk in openai_client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}], stream=True):
        parts.append((chunk.choices[0].delta.content or ""))
    return "".join(parts)


def ask_client(question):
    reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": question}], response_format={"type": "json_object"})
    return reply.choices[0].message.content


def warm():
    pass


if __name__ == "__main__":
    warm()
    print(ask("a b c d e"))
    print(summarize("x y"))
    print(vectors(["p", "qq"]), vector("r"))
    print(streamed("s t u"))
    print(ask_client("v w"))
