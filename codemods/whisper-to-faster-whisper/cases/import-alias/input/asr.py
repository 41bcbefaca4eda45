import whisper as w


def transcribe(path):
    model = w.load_model("tiny")
    out = model.transcribe(path, language="en")
    return out["text"].strip()


if __name__ == "__main__":
    print(transcribe("a.wav"))
