import whisper


class ASR:
    def __init__(self):
        self.model = whisper.load_model("base")

    def text(self, path):
        return self.model.transcribe(path)["text"]


asr = ASR()
print(asr.model.transcribe("a.wav")["language"])
