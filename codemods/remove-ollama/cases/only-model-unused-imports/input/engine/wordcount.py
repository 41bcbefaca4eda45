"""Part of the engine: its settings are the app's, refreshed at each call."""
import json

import ollama

from engine.shared import fill_names


def _refresh():
    fill_names(globals())


def _refreshing(func):
    def wrapper(*args, **kwargs):
        _refresh()
        return func(*args, **kwargs)
    return wrapper


def summary(words):
    return json.dumps({"model": CHAT_MODEL, "words": len(words)})


for _name, _obj in list(globals().items()):
    if callable(_obj) and getattr(_obj, "__module__", None) == __name__ and _name not in ("_refresh", "_refreshing"):
        globals()[_name] = _refreshing(_obj)
