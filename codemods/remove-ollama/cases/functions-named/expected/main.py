"""Functions named for Ollama go with their call statements; one used as a value stays."""
import ollama


def ollama_healthcheck():
    return ollama.list() is not None


def start(checks):
    print("starting")
    checks.append(ollama_healthcheck)
    return checks


async def main():
    print(start([]) and "checks registered")


if __name__ == "__main__":
    import asyncio

    asyncio.run(main())
