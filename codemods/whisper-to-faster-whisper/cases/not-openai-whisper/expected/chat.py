class Whisperer:
    def transcribe(self, text):
        return text.lower()


whisper = Whisperer()
print(whisper.transcribe("A quiet WORD"))
