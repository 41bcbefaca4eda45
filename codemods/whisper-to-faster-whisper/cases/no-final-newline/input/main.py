import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
print(result["text"])