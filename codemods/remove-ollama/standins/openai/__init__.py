"""Stand-in for the openai SDK (v1+ call shapes): responses are objects with attributes and are not
subscriptable; the client needs an API key."""
import os

from _llm_standin import chunks, embedding, reply


class OpenAIError(Exception):
    pass


class APIError(OpenAIError):
    def __init__(self, message="", request=None, *, body=None):
        super().__init__(message)
        self.message = message


class APIStatusError(APIError):
    def __init__(self, message="", *, response=None, body=None, status_code=400):
        super().__init__(message)
        self.status_code = status_code


class APIConnectionError(APIError):
    pass


class APITimeoutError(APIConnectionError):
    pass


class RateLimitError(APIStatusError):
    pass


class _Obj:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def __repr__(self):
        return f"{type(self).__name__}({self.__dict__})"


class ChatCompletion(_Obj):
    pass


class _Completions:
    def create(self, *, model, messages, temperature=None, max_tokens=None, max_completion_tokens=None, top_p=None, stop=None,
               seed=None, stream=False, response_format=None, tools=None, presence_penalty=None, frequency_penalty=None,
               n=None, reasoning_effort=None, stream_options=None, timeout=None, extra_body=None, **kwargs):
        if kwargs:
            raise TypeError(f"create() got unexpected keyword arguments: {sorted(kwargs)}")
        limit = max_completion_tokens if max_completion_tokens is not None else max_tokens
        json_mode = bool(response_format) and response_format.get("type") in ("json_object", "json_schema")
        text = reply(model, [dict(m) for m in messages], temperature=temperature, max_tokens=limit, stop=stop, seed=seed,
                     top_p=top_p, json_mode=json_mode)
        if stream:
            pieces = chunks(text)
            out = [ChatCompletion(choices=[_Obj(index=0, delta=_Obj(role="assistant", content=p), finish_reason=None)]) for p in pieces]
            out.append(ChatCompletion(choices=[_Obj(index=0, delta=_Obj(role=None, content=None), finish_reason="stop")]))
            return iter(out)
        message = _Obj(role="assistant", content=text, tool_calls=None)
        return ChatCompletion(model=model, choices=[_Obj(index=0, message=message, finish_reason="stop")],
                              usage=_Obj(prompt_tokens=1, completion_tokens=len(text.split()), total_tokens=1 + len(text.split())))


class _Chat:
    def __init__(self):
        self.completions = _Completions()


class _Embeddings:
    def create(self, *, model, input, dimensions=None, encoding_format=None, **kwargs):
        if kwargs:
            raise TypeError(f"create() got unexpected keyword arguments: {sorted(kwargs)}")
        items = [input] if isinstance(input, str) else list(input)
        if items and not isinstance(items[0], str):
            raise TypeError("token arrays are not accepted by this stand-in")
        return _Obj(data=[_Obj(index=i, embedding=embedding(model, t)) for i, t in enumerate(items)], model=model)


class _Models:
    def list(self):
        return _Obj(data=[_Obj(id="gpt-4o-mini")])


class OpenAI:
    def __init__(self, *, api_key=None, base_url=None, organization=None, timeout=None, max_retries=2, default_headers=None,
                 http_client=None, **kwargs):
        api_key = api_key or os.environ.get("OPENAI_API_KEY")
        if not api_key:
            raise OpenAIError("The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable")
        self.api_key = api_key
        self.base_url = base_url or os.environ.get("OPENAI_BASE_URL") or "https://api.openai.com/v1"
        self.chat = _Chat()
        self.embeddings = _Embeddings()
        self.models = _Models()


class AsyncOpenAI(OpenAI):
    pass
