from whisper import *

model = load_model("base")
print(model.transcribe("a.wav")["text"])
