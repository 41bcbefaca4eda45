import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
print(result["text"])


def show():
    local = model.transcribe("a.wav")
    print(local["language"], result["text"])


def other():
    again = model.transcribe("a.wav")
    print(again["text"])


show()
other()
