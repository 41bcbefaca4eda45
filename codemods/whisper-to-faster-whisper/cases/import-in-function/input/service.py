import json


def transcribe_file(path):
    import whisper

    model = whisper.load_model("base.en")
    result = model.transcribe(path)
    return [s["text"].strip() for s in result["segments"]]


def main():
    print(json.dumps(transcribe_file("a.wav")))


if __name__ == "__main__":
    main()
