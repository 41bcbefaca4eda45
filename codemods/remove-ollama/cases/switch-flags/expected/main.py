"""Availability flags and USE_OLLAMA settings: the try-import block and the flag go with their branches."""

from openai import OpenAI


def complete(prompt):
    client = OpenAI()
    return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": prompt}]).choices[0].message.content


def status():
    print("ready")


if __name__ == "__main__":
    status()
    print(complete("red green blue"))
