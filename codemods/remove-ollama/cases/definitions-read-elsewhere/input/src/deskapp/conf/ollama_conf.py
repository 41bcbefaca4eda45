class OllamaConf:
    host = "localhost"
