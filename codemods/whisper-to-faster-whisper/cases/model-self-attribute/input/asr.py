import whisper


class Transcriber:
    def __init__(self, size="base"):
        self.model = None
        self.size = size

    def load(self):
        if self.model is None:
            self.model = whisper.load_model(self.size, device="cpu")
        return self

    def run(self, path):
        result = self.model.transcribe(path, verbose=False)
        return [(s["start"], s["text"]) for s in result["segments"]]


if __name__ == "__main__":
    for start, text in Transcriber().load().run("a.wav"):
        print(start, text)
