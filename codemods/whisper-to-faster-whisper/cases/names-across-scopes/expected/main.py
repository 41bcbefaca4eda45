from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
segments = list(segments)
print("".join(s.text for s in segments))


def show():
    local_segments, local_info = model.transcribe("a.wav", beam_size=1, best_of=1)
    print(local_info.language, "".join(s.text for s in segments))


def other():
    segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
    print("".join(s.text for s in segments))


show()
other()
