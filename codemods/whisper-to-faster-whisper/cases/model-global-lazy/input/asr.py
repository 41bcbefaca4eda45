import whisper

_model = None


def get_model():
    global _model
    if _model is None:
        _model = whisper.load_model("base")
    return _model


def transcribe(path):
    return get_model().transcribe(path, fp16=False)["text"]


if __name__ == "__main__":
    print(transcribe("a.wav"))
    print(transcribe("a.wav") == transcribe("a.wav"))
