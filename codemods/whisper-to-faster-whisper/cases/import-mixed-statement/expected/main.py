import os, json  # everything at once
from faster_whisper import WhisperModel

model = WhisperModel(os.environ.get("WHISPER_MODEL", "base"))
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print(json.dumps({"text": "".join(s.text for s in segments), "language": info.language}))
