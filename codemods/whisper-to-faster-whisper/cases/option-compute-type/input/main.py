from whisper import load_model

model = load_model("tiny")
result = model.transcribe("audio.mp3" if False else "a.wav")
print(result["text"])
