"""A class wrapping ollama.Client: callers depend on Ollama under another name, so it is only reported."""
import ollama


class LocalModel:
    def __init__(self, host="http://localhost:11434", model="llama3"):
        self.client = ollama.Client(host=host)
        self.model = model

    def ask(self, question):
        return self.client.chat(model=self.model, messages=[{"role": "user", "content": question}])["message"]["content"]


def summarize(text, model=None):
    model = model or LocalModel()
    return model.ask("Summarize: " + text)


if __name__ == "__main__":
    print(summarize("a b c"))
