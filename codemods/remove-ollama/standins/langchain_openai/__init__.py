"""Stand-in for langchain-openai: ChatOpenAI, OpenAI (completions), OpenAIEmbeddings. An API key is required."""
import os

from _langchain_standin import COMMON, ChatModel, Embeddings, TextModel, reply

OPENAI_FIELDS = {
    "model": "gpt-3.5-turbo", "api_key": None, "base_url": None, "organization": None, "temperature": None, "max_tokens": None,
    "top_p": None, "seed": None, "stop": None, "presence_penalty": None, "frequency_penalty": None, "n": None,
    "reasoning_effort": None, "timeout": None, "max_retries": None, "streaming": False, "model_kwargs": {}, "extra_body": None,
    "default_headers": None, "http_client": None, **COMMON,
}
ALIASES = {"model_name": "model", "openai_api_key": "api_key", "openai_api_base": "base_url", "stop_sequences": "stop",
           "max_completion_tokens": "max_tokens"}


class _OpenAI:
    ALIASES = ALIASES

    def check(self):
        if not (self.api_key or os.environ.get("OPENAI_API_KEY")):
            raise ValueError("Did not find openai_api_key, please add an environment variable OPENAI_API_KEY")

    def _text(self, messages):
        fmt = (self.model_kwargs or {}).get("response_format") or {}
        return reply(self.model, messages, temperature=self.temperature, max_tokens=self.max_tokens, stop=self.stop,
                     seed=self.seed, top_p=self.top_p, json_mode=fmt.get("type") in ("json_object", "json_schema"))


class ChatOpenAI(_OpenAI, ChatModel):
    FIELDS = OPENAI_FIELDS


class OpenAI(_OpenAI, TextModel):
    FIELDS = {**OPENAI_FIELDS, "model": "gpt-3.5-turbo-instruct", "temperature": 0.7, "max_tokens": 256}


class OpenAIEmbeddings(_OpenAI, Embeddings):
    FIELDS = {"model": "text-embedding-ada-002", "dimensions": None, "base_url": None, "api_key": None, "chunk_size": 1000,
              "check_embedding_ctx_length": True, "timeout": None, "max_retries": None, "default_headers": None, **COMMON}
