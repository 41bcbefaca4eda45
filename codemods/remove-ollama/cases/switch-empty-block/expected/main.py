"""A kept block whose only statement goes gets `pass`; a with block keeps its context manager."""
import contextlib

PROVIDER = "openai"


def warm(provider):
    for attempt in range(2):
        pass
    with contextlib.suppress(Exception):
        pass
    if provider == "openai":
        print("hosted")
    print("warm", provider)


if __name__ == "__main__":
    warm(PROVIDER)
