import whisper

model = whisper.load_model("base")
print(model.transcribe("a.wav")["text"])
