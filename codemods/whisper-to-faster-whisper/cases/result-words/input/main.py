import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav", word_timestamps=True)
for seg in result["segments"]:
    for word in seg["words"]:
        print(f"{word['start']:.2f} {word['end']:.2f} {word['word']!r} {word['probability']:.3f}")
plain = model.transcribe("a.wav")
for seg in plain["segments"]:
    print(len(seg.get("words", [])), seg.get("words") is None)
