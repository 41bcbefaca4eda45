import whisper

model = whisper.load_model("base")


def local_whisper(text):
    whisper = text.split()
    return len(whisper)


def other(model):
    return model.upper()


result = model.transcribe("a.wav")
print(local_whisper(result["text"]), other("x"))
