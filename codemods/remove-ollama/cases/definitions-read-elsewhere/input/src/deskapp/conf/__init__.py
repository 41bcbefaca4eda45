from deskapp.conf.ollama_conf import OllamaConf
from deskapp.conf.base import BaseConf
