import whisper

HALF_PRECISION = False  # no GPU on the build machine

model = whisper.load_model("small")


def transcribe(path):
    return model.transcribe(path, fp16=HALF_PRECISION)["text"]


print(transcribe("a.wav"))
