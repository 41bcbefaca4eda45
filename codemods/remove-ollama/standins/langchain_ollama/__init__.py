"""Stand-in for langchain-ollama: ChatOllama, OllamaLLM, OllamaEmbeddings (model is required)."""
from _langchain_standin import COMMON, ChatModel, Embeddings, TextModel, reply

OLLAMA_FIELDS = {
    "model": None, "base_url": None, "reasoning": None, "validate_model_on_init": False, "mirostat": None, "mirostat_eta": None,
    "mirostat_tau": None, "num_ctx": None, "num_gpu": None, "num_thread": None, "num_predict": None, "repeat_last_n": None,
    "repeat_penalty": None, "temperature": None, "seed": None, "stop": None, "tfs_z": None, "top_k": None, "top_p": None,
    "format": None, "keep_alive": None, "client_kwargs": {}, "sync_client_kwargs": {}, "async_client_kwargs": {}, **COMMON,
}


class _Ollama:
    def check(self):
        if not self.model:
            raise TypeError("model is required")

    def _text(self, messages):
        return reply(self.model, messages, temperature=self.temperature, max_tokens=self.num_predict, stop=self.stop,
                     seed=self.seed, top_p=self.top_p, json_mode=self.format == "json")


class ChatOllama(_Ollama, ChatModel):
    FIELDS = OLLAMA_FIELDS


class OllamaLLM(_Ollama, TextModel):
    FIELDS = {**OLLAMA_FIELDS, "system": None, "template": None, "raw": None}


class OllamaEmbeddings(_Ollama, Embeddings):
    FIELDS = {"model": None, "base_url": None, "validate_model_on_init": False, "keep_alive": None, "client_kwargs": {},
              "num_ctx": None, "num_gpu": None, "num_thread": None, "temperature": None, "dimensions": None}
