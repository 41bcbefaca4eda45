"""An if/else provider switch: the else body is dedented into place."""
from openai import OpenAI


def answer(question: str) -> str:
    messages = [{"role": "user", "content": question}]
    client = OpenAI()
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=messages,
        temperature=0.1,
    )
    # The SDK returns objects, not dicts.
    text = """first line
    an indented line inside a string
last line"""
    return reply.choices[0].message.content + "\n" + text


if __name__ == "__main__":
    print(answer("what is retrieval augmented generation"))
