"""Copies the app's settings into an engine module before each call (never reads the module's own names)."""
import app

SHARED = ("CHAT_MODEL", "client", "ollama")


def fill_names(namespace):
    for name in SHARED:
        if hasattr(app, name):
            namespace[name] = getattr(app, name)
