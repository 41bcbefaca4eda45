from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
segments_2, info_2 = model.transcribe("a.wav", language="en", beam_size=1, best_of=1)
for seg in segments_2:
    print(seg.start, seg.text)


def language_of(path):
    segments, info = model.transcribe(path, beam_size=1, best_of=1)
    return info.language


print(language_of("a.wav"))
