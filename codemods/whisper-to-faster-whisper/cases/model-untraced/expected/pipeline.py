import whisper

model = whisper.load_model("base")


def run(model, path):
    return model.transcribe(path)["text"]


print(run(model, "a.wav"))
