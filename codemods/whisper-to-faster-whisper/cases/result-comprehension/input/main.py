import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
lines = [f"{s['start']:.1f}: {s['text'].strip()}" for s in result["segments"] if s["end"] > 1]
print("\n".join(lines))
