from faster_whisper import WhisperModel

model = WhisperModel("tiny", device="cpu", compute_type="int8")
segments, info = model.transcribe("audio.mp3" if False else "a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
