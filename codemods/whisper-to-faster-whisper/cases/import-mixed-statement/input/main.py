import os, whisper, json  # everything at once

model = whisper.load_model(os.environ.get("WHISPER_MODEL", "base"))
result = model.transcribe("a.wav")
print(json.dumps({"text": result["text"], "language": result["language"]}))
