from faster_whisper import decode_audio


def text_of(model, path):
    """model comes from the caller: it may be a whisper model."""
    return model.transcribe(path)["text"]


def load():
    return decode_audio("a.wav")
