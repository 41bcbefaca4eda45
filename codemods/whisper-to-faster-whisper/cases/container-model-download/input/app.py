import whisper

model = whisper.load_model("small")
print(model.transcribe("a.wav")["text"])
