import importlib

whisper = importlib.import_module("whisper")
model = whisper.load_model("base")
print(model.transcribe("a.wav")["text"])
