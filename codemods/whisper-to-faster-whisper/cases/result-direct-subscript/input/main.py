import whisper

model = whisper.load_model("base")
print(model.transcribe("a.wav")["text"])
for seg in model.transcribe("a.wav", language="en")["segments"]:
    print(seg["start"], seg["text"])


def language_of(path):
    return model.transcribe(path).get("language")


print(language_of("a.wav"))
