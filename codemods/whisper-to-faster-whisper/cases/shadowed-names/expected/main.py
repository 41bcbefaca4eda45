from faster_whisper import WhisperModel

model = WhisperModel("base")


def local_whisper(text):
    whisper = text.split()
    return len(whisper)


def other(model):
    return model.upper()


segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print(local_whisper("".join(s.text for s in segments)), other("x"))
