from faster_whisper import WhisperModel

HALF_PRECISION = False  # no GPU on the build machine

model = WhisperModel("small", compute_type="float32")


def transcribe(path):
    segments, info = model.transcribe(path, beam_size=1, best_of=1)
    return "".join(s.text for s in segments)


print(transcribe("a.wav"))
