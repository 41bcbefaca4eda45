try:
    import whisper
except ImportError:
    whisper = None


def transcribe(path):
    if whisper is None:
        raise RuntimeError("whisper is not installed")
    return whisper.load_model("base").transcribe(path)["text"]
