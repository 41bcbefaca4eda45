"""ollama.chat / generate / embed / embeddings calls become calls of the openai client."""
import ollama

MODEL = "llama3"
client = ollama.Client(host="http://localhost:11434")


def ask(question):
    response = ollama.chat(
        model=MODEL,
        messages=[{"role": "user", "content": question}],
        options={"temperature": 0.1, "num_predict": 3, "num_ctx": 2048},
    )
    return response["message"]["content"]


def summarize(text):
    return ollama.generate(MODEL, "Summarize: " + text, system="Be brief.")["response"]


def vectors(texts):
    return ollama.embed(model="nomic-embed-text", input=texts)["embeddings"]


def vector(text):
    return ollama.embeddings(model="nomic-embed-text", prompt=text).embedding


def streamed(question):
    parts = []
    for chunk in ollama.chat(model=MODEL, messages=[{"role": "user", "content": question}], stream=True):
        parts.append(chunk["message"]["content"])
    return "".join(parts)


def ask_client(question):
    reply = client.chat(model=MODEL, messages=[{"role": "user", "content": question}], format="json")
    return reply.message.content


def warm():
    ollama.pull(MODEL)


if __name__ == "__main__":
    warm()
    print(ask("a b c d e"))
    print(summarize("x y"))
    print(vectors(["p", "qq"]), vector("r"))
    print(streamed("s t u"))
    print(ask_client("v w"))
