import whisper

model = whisper.load_model("base")


def log(value):
    print(sorted(value))


def run(path):
    extra = {"language": "en"}
    log(extra)
    return model.transcribe(path, **extra)


print(run("a.wav")["text"])
