import json


def transcribe_file(path):
    from faster_whisper import WhisperModel

    model = WhisperModel("base.en")
    segments, info = model.transcribe(path, beam_size=1, best_of=1)
    return [s.text.strip() for s in segments]


def main():
    print(json.dumps(transcribe_file("a.wav")))


if __name__ == "__main__":
    main()
