import whisper

model = whisper.load_model("base")
model.transcribe("a.wav")  # warm-up
print("done")
