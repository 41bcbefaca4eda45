"""Stand-in for the ollama client (ollama-python 0.4+): module functions are methods of a default
Client; responses support both attribute and item access, like its pydantic models."""
import builtins
import os

from _llm_standin import chunks, embedding, reply

__all__ = ["Client", "AsyncClient", "ResponseError", "RequestError", "chat", "generate", "embed", "embeddings",
           "list", "pull", "show", "ps", "create", "delete", "copy", "push", "Options", "Message"]


class ResponseError(Exception):
    def __init__(self, error, status_code=-1):
        super().__init__(error)
        self.error = error
        self.status_code = status_code


class RequestError(Exception):
    def __init__(self, error):
        super().__init__(error)
        self.error = error


class _Response(dict):
    """Subscriptable and attribute access, as ollama's SubscriptableBaseModel."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


Message = _Response
Options = dict


def _options(options):
    o = dict(options or {})
    return dict(temperature=o.get("temperature"), max_tokens=o.get("num_predict"), stop=o.get("stop"), seed=o.get("seed"), top_p=o.get("top_p"))


class Client:
    def __init__(self, host=None, *, follow_redirects=True, timeout=None, headers=None, **kwargs):
        self.host = host or os.environ.get("OLLAMA_HOST") or "http://127.0.0.1:11434"

    def chat(self, model="", messages=None, *, tools=None, stream=False, think=None, logprobs=None, top_logprobs=None,
             format=None, options=None, keep_alive=None):
        text = reply(model, [dict(m) for m in (messages or [])], json_mode=format == "json", **_options(options))
        if stream:
            pieces = chunks(text)
            return iter([_Response(model=model, done=i == len(pieces) - 1, message=_Response(role="assistant", content=p))
                         for i, p in enumerate(pieces)])
        return _Response(model=model, done=True, done_reason="stop", message=_Response(role="assistant", content=text),
                         prompt_eval_count=1, eval_count=len(text.split()))

    def generate(self, model="", prompt=None, suffix=None, *, system=None, template=None, context=None, stream=False, think=None,
                 logprobs=None, top_logprobs=None, raw=None, format=None, images=None, options=None, keep_alive=None,
                 width=None, height=None, steps=None):
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": prompt or ""}]
        text = reply(model, messages, json_mode=format == "json", **_options(options))
        if stream:
            pieces = chunks(text)
            return iter([_Response(model=model, done=i == len(pieces) - 1, response=p) for i, p in enumerate(pieces)])
        return _Response(model=model, done=True, response=text, context=[1, 2, 3])

    def embed(self, model="", input="", truncate=None, options=None, keep_alive=None, dimensions=None):
        items = [input] if isinstance(input, str) else builtins.list(input)
        return _Response(model=model, embeddings=[embedding(model, t) for t in items])

    def embeddings(self, model="", prompt=None, options=None, keep_alive=None):
        return _Response(embedding=embedding(model, prompt or ""))

    def list(self):
        return _Response(models=[_Response(model="llama3.1:8b", size=4_900_000_000)])

    def pull(self, model, *, insecure=False, stream=False):
        return _Response(status="success")

    def show(self, model):
        return _Response(modelfile="FROM " + model)

    def ps(self):
        return _Response(models=[])

    def create(self, model, quantize=None, from_=None, files=None, adapters=None, template=None, license=None, system=None,
               parameters=None, messages=None, *, stream=False):
        return _Response(status="success")

    def delete(self, model):
        return _Response(status="success")

    def copy(self, source, destination):
        return _Response(status="success")

    def push(self, model, *, insecure=False, stream=False):
        return _Response(status="success")


class AsyncClient(Client):
    pass


_client = Client()
chat = _client.chat
generate = _client.generate
embed = _client.embed
embeddings = _client.embeddings
list = _client.list
pull = _client.pull
show = _client.show
ps = _client.ps
create = _client.create
delete = _client.delete
copy = _client.copy
push = _client.push
