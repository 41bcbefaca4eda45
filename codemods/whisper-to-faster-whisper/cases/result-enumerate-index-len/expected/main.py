from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
segments = list(segments)
if segments:
    print("first starts at", segments[0].start, "last ends at", segments[-1].end)
print(len(segments), "segments")
for i, seg in enumerate(segments, start=1):
    print(i, (seg.id - 1), seg.text)
