import sys

import whisper

model = whisper.load_model("base")
if len(sys.argv) > 1:
    options = {"language": sys.argv[1]}
else:
    options = {"language": "en"}
print(model.transcribe("a.wav", **options)["text"])
