"""Provider registries: entries keyed "ollama", list items and template/JSON keyword arguments go."""
from langchain_ollama import ChatOllama
from langchain_openai import ChatOpenAI

MODELS = {
    "openai": lambda: ChatOpenAI(model="gpt-4o-mini", temperature=0),
    "ollama": lambda: ChatOllama(model="llama3"),
}
CHOICES = ("openai", "ollama")
LABELS = {"openai": "OpenAI", "ollama": "Ollama (local)"}


def choose(name):
    if name not in CHOICES:
        raise KeyError(name)
    return MODELS[name]()


def describe():
    return dict(providers=list(CHOICES), labels=LABELS, ollama_hint="run `ollama serve` first")


if __name__ == "__main__":
    print(describe()["providers"][0], describe()["labels"]["openai"])
    print(choose("openai").invoke("x y z").content)
