"""What replace-with=openai cannot map is reported, and then nothing of the program is changed (not even its model pull)."""
import ollama

OPTIONS = {"temperature": 0}


def ask(question, **extra):
    return ollama.chat(model="llama3", messages=[{"role": "user", "content": question}], options=OPTIONS)["message"]["content"]


def ask_with_tools(question, tools):
    return ollama.chat(model="llama3", messages=[{"role": "user", "content": question}], tools=tools)


def installed():
    return [m.model for m in ollama.list().models]


def setup():
    ollama.pull("llama3")
    print("ready")
