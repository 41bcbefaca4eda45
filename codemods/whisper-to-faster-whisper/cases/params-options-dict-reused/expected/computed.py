import whisper

model = whisper.load_model("base")


def run(path, lang):
    chosen = {"language": lang}
    return model.transcribe(path, **chosen)


print(run("a.wav", "en")["text"])
