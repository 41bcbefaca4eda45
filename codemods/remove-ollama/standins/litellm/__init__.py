"""Stand-in for litellm.completion: "ollama/<model>" routes to Ollama, anything else to OpenAI."""
from _llm_standin import reply


class _Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def completion(model, messages, temperature=None, max_tokens=None, api_base=None, **kwargs):
    text = reply(model.split("/", 1)[-1], messages, temperature=temperature, max_tokens=max_tokens)
    return _Obj(choices=[_Obj(message=_Obj(content=text))])
