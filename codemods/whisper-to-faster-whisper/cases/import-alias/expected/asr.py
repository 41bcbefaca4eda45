from faster_whisper import WhisperModel


def transcribe(path):
    model = WhisperModel("tiny")
    segments, info = model.transcribe(path, language="en", beam_size=1, best_of=1)
    return "".join(s.text for s in segments).strip()


if __name__ == "__main__":
    print(transcribe("a.wav"))
