import ollama

from models import ensure_model


def answer(question):
    model = ensure_model()
    reply = ollama.chat(model=model, messages=[{"role": "user", "content": question}])
    return reply["message"]["content"]


if __name__ == "__main__":
    print(answer("what is the capital of France"))
