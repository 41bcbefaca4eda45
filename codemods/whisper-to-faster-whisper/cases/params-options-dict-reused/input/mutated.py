import whisper

model = whisper.load_model("base")
options = {"language": "en"}
options["fp16"] = False
print(model.transcribe("a.wav", **options)["text"])
