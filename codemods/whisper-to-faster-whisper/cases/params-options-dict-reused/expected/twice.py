import whisper

model = whisper.load_model("base")


def run(path, fast):
    opts = {"language": "en"}
    if fast:
        opts = {"language": "en", "beam_size": 1}
    return model.transcribe(path, **opts)


print(run("a.wav", True)["text"])
