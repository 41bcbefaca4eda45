from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
lines = [f"{s.start:.1f}: {s.text.strip()}" for s in segments if s.end > 1]
print("\n".join(lines))
