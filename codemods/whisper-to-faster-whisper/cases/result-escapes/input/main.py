import json

import whisper

model = whisper.load_model("base")


def save(result, path):
    with open(path, "w") as f:
        json.dump(result, f)


def transcribe(path):
    return model.transcribe(path)


result = model.transcribe("a.wav", word_timestamps=True)
save(result, "out.json")
print(open("out.json").read())
print(json.dumps(transcribe("a.wav")))
other = model.transcribe("a.wav")
other["source"] = "a.wav"
print(sorted(other), other.get("missing", "-"))
print([s["id"] for s in other["segments"]], other["segments"][0].keys())
