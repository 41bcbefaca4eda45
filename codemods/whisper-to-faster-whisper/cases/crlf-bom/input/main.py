import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
print(result["text"])
for seg in result["segments"]:
    print(seg["text"])
