from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav")
print("".join(s.text for s in segments))
