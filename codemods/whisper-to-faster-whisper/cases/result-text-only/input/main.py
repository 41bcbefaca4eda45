import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
text = result["text"]
print(text.upper())
