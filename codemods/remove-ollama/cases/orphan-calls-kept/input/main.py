"""Private helpers called as statements are not orphans: they and their calls stay."""
import json
import os

OLLAMA_TIMEOUT = int(os.getenv("OLLAMA_TIMEOUT", "30"))


def _write(path, payload):
    with open(path, "w") as f:
        json.dump(payload, f)


def save_report(path, payload):
    _write(path, payload)
    return path


if __name__ == "__main__":
    out = save_report(os.path.join(os.getcwd(), "report.json"), {"ok": True})
    print(open(out).read())
