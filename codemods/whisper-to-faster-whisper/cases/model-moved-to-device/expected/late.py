import whisper

model = whisper.load_model("base")
print(model.transcribe("a.wav")["text"])
# Moving a model that is already in use: a CTranslate2 model cannot be moved.
model = model.to("cpu")
print(model.transcribe("a.wav")["text"])
