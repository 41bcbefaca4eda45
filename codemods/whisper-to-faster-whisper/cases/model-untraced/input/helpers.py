import whisper


def text_of(model, path):
    """model comes from the caller: it may be a whisper model."""
    return model.transcribe(path)["text"]


def load():
    return whisper.load_audio("a.wav")
