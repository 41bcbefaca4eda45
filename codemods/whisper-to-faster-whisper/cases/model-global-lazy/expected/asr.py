from faster_whisper import WhisperModel

_model = None


def get_model():
    global _model
    if _model is None:
        _model = WhisperModel("base", compute_type="float32")
    return _model


def transcribe(path):
    segments, info = get_model().transcribe(path, beam_size=1, best_of=1)
    return "".join(s.text for s in segments)


if __name__ == "__main__":
    print(transcribe("a.wav"))
    print(transcribe("a.wav") == transcribe("a.wav"))
