"""Functions named for Ollama go with their call statements; one used as a value stays."""
import ollama

OLLAMA_MODEL = "llama3"


def pull_ollama_model(name=OLLAMA_MODEL):
    """Downloads the model into the local Ollama server."""
    ollama.pull(name)


async def warm_ollama():
    ollama.chat(model=OLLAMA_MODEL, messages=[])


def ollama_healthcheck():
    return ollama.list() is not None


def start(checks):
    pull_ollama_model()
    print("starting")
    checks.append(ollama_healthcheck)
    return checks


async def main():
    await warm_ollama()
    print(start([]) and "checks registered")


if __name__ == "__main__":
    import asyncio

    asyncio.run(main())
