"""Functions whose whole body talks to Ollama go, whatever their name; mixed ones stay."""
import logging

log = logging.getLogger(__name__)


def report(counts):
    total = sum(counts.values())
    print("total", total)
    return total


if __name__ == "__main__":
    print(report({"a": 1, "b": 2}))
