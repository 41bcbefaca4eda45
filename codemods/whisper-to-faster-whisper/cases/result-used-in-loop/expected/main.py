from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
segments = list(segments)
for attempt in range(2):
    print(attempt, "".join(s.text for s in segments))


def show():
    print(info.language, "".join(s.text for s in segments))


show()
