from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
