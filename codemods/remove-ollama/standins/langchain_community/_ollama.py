from _langchain_standin import COMMON, ChatModel, Embeddings, TextModel, reply

FIELDS = {
    "base_url": "http://localhost:11434", "model": "llama2", "mirostat": None, "mirostat_eta": None, "mirostat_tau": None,
    "num_ctx": None, "num_gpu": None, "num_thread": None, "num_predict": None, "repeat_last_n": None, "repeat_penalty": None,
    "temperature": None, "stop": None, "tfs_z": None, "top_k": None, "top_p": None, "system": None, "template": None,
    "format": None, "timeout": None, "keep_alive": None, "raw": None, "headers": None, "auth": None, **COMMON,
}


class _Ollama:
    def _text(self, messages):
        if self.system:
            messages = [{"role": "system", "content": self.system}] + messages
        return reply(self.model, messages, temperature=self.temperature, max_tokens=self.num_predict, stop=self.stop,
                     top_p=self.top_p, json_mode=self.format == "json")


class Ollama(_Ollama, TextModel):
    FIELDS = FIELDS


class ChatOllama(_Ollama, ChatModel):
    FIELDS = FIELDS


class OllamaEmbeddings(Embeddings):
    FIELDS = {"base_url": "http://localhost:11434", "model": "llama2", "embed_instruction": "passage: ",
              "query_instruction": "query: ", "num_ctx": None, "num_gpu": None, "num_thread": None, "temperature": None,
              "show_progress": False, "headers": None}


class HuggingFaceEmbeddings(Embeddings):
    FIELDS = {"model_name": "sentence-transformers/all-mpnet-base-v2", "encode_kwargs": {}, "model_kwargs": {}}
