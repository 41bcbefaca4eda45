"""Words about Ollama in labels and titles are not Ollama code: only the provider branch goes."""
from openai import OpenAI


class Board:
    def __init__(self, title):
        self.title = title
        self.pages = []

    def add(self, page):
        self.pages.append(page)


board = Board(title="Notes desk (OpenAI or Ollama)")
board.add("inbox")
board.add("archive")


def reply(text):
    return OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}]).choices[0].message.content


if __name__ == "__main__":
    print("Board ready")
    print(board.title, board.pages)
    print(reply("one two three"))
