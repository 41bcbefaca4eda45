from faster_whisper import WhisperModel


class Transcriber:
    def __init__(self, size="base"):
        self.model = None
        self.size = size

    def load(self):
        if self.model is None:
            self.model = WhisperModel(self.size, device="cpu")
        return self

    def run(self, path):
        segments, info = self.model.transcribe(path, beam_size=1, best_of=1)
        return [(s.start, s.text) for s in segments]


if __name__ == "__main__":
    for start, text in Transcriber().load().run("a.wav"):
        print(start, text)
