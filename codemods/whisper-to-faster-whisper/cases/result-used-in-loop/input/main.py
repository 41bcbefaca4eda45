import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
for attempt in range(2):
    print(attempt, result["text"])


def show():
    print(result["language"], result["text"])


show()
