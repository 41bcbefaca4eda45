import functools

import whisper


@functools.lru_cache(maxsize=1)
def load(name="tiny"):
    return whisper.load_model(name)


def main():
    model = load()
    result = model.transcribe("a.wav", language="en", task="transcribe")
    print(result["text"])
    print(load() is model)


main()
