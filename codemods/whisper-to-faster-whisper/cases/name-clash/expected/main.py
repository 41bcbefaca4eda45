from faster_whisper import WhisperModel as FasterWhisperModel


class WhisperModel:
    """The application's own wrapper (not faster-whisper's)."""

    def __init__(self, size):
        self.inner = FasterWhisperModel(size)

    def text(self, path):
        segments, info = self.inner.transcribe(path, beam_size=1, best_of=1)
        return "".join(s.text for s in segments).strip()


def segments(x):
    return x


info = "keep me"
print(WhisperModel("base").text("a.wav"), info, segments(1))
