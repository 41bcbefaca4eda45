"""Shared parts of the LangChain stand-ins: messages, and strict keyword checking (a field the real
class does not have is an error here, so a wrong parameter mapping fails loudly)."""
from _llm_standin import chunks, embedding, reply


class AIMessage:
    def __init__(self, content):
        self.content = content
        self.type = "ai"

    def __repr__(self):
        return f"AIMessage(content={self.content!r})"


class AIMessageChunk(AIMessage):
    pass


def as_messages(value):
    if isinstance(value, str):
        return [{"role": "user", "content": value}]
    out = []
    for m in value:
        if isinstance(m, tuple):
            role, content = m
            out.append({"role": {"human": "user", "ai": "assistant"}.get(role, role), "content": content})
        elif isinstance(m, dict):
            out.append(m)
        else:
            out.append({"role": {"human": "user", "ai": "assistant"}.get(m.type, m.type), "content": m.content})
    return out


class Strict:
    """Keyword-only construction against a fixed field list with defaults."""

    FIELDS = {}
    ALIASES = {}

    def __init__(self, **kwargs):
        for key, value in kwargs.items():
            key = self.ALIASES.get(key, key)
            if key not in self.FIELDS:
                raise TypeError(f"{type(self).__name__} got an unexpected field {key!r}")
            setattr(self, key, value)
        for key, default in self.FIELDS.items():
            if not hasattr(self, key):
                setattr(self, key, default)
        self.check()

    def check(self):
        pass


COMMON = {"callbacks": None, "verbose": False, "tags": None, "metadata": None, "cache": None}


class ChatModel(Strict):
    def _text(self, messages):
        raise NotImplementedError

    def invoke(self, input, config=None, **kwargs):
        return AIMessage(self._text(as_messages(input)))

    def stream(self, input, config=None, **kwargs):
        for piece in chunks(self._text(as_messages(input))):
            yield AIMessageChunk(piece)

    def batch(self, inputs, config=None, **kwargs):
        return [self.invoke(i) for i in inputs]


class TextModel(ChatModel):
    def invoke(self, input, config=None, **kwargs):
        return self._text(as_messages(input))

    def stream(self, input, config=None, **kwargs):
        yield from chunks(self._text(as_messages(input)))


class Embeddings(Strict):
    def embed_query(self, text):
        return embedding(self.model, text)

    def embed_documents(self, texts):
        return [embedding(self.model, t) for t in texts]


__all__ = ["AIMessage", "AIMessageChunk", "ChatModel", "TextModel", "Embeddings", "COMMON", "reply"]
