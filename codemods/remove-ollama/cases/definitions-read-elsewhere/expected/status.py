"""Reports settings, Ollama's among them: the setting stays while this reads it."""
import config
import config as cfg


def describe():
    return {"database": config.DATABASE, "model_server": cfg.OLLAMA_URL}


if __name__ == "__main__":
    print(describe())
