import functools

from faster_whisper import WhisperModel


@functools.lru_cache(maxsize=1)
def load(name="tiny"):
    return WhisperModel(name)


def main():
    model = load()
    segments, info = model.transcribe("a.wav", language="en", task="transcribe", beam_size=1, best_of=1)
    print("".join(s.text for s in segments))
    print(load() is model)


main()
