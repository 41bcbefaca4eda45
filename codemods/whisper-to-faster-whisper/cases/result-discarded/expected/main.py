from faster_whisper import WhisperModel

model = WhisperModel("base")
list(model.transcribe("a.wav", beam_size=1, best_of=1)[0])  # warm-up
print("done")
