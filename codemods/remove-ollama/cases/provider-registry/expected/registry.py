"""Provider registries: entries keyed "ollama", list items and template/JSON keyword arguments go."""
from langchain_openai import ChatOpenAI

MODELS = {
    "openai": lambda: ChatOpenAI(model="gpt-4o-mini", temperature=0),
}
CHOICES = ("openai",)
LABELS = {"openai": "OpenAI"}


def choose(name):
    if name not in CHOICES:
        raise KeyError(name)
    return MODELS[name]()


def describe():
    return dict(providers=list(CHOICES), labels=LABELS)


if __name__ == "__main__":
    print(describe()["providers"][0], describe()["labels"]["openai"])
    print(choose("openai").invoke("x y z").content)
