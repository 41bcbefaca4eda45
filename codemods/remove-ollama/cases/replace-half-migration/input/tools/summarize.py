"""A separate command: nothing here depends on the chat program."""
import ollama


def summarize(text):
    reply = ollama.chat(model="llama3", messages=[{"role": "user", "content": "Summarize: " + text}])
    return reply["message"]["content"]


if __name__ == "__main__":
    print(summarize("one two three four"))
