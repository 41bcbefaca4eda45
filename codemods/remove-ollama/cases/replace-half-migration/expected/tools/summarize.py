"""A separate command: nothing here depends on the chat program."""
from openai import OpenAI

openai_client = OpenAI()


def summarize(text):
    reply = openai_client.chat.completions.create(model="llama3", messages=[{"role": "user", "content": "Summarize: " + text}])
    return reply.choices[0].message.content


if __name__ == "__main__":
    print(summarize("one two three four"))
