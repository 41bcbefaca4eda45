"""Transcribe a file and print the text, each segment and the language."""
from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
segments = list(segments)
print("".join(s.text for s in segments))
for seg in segments:
    print(f"{(seg.id - 1):>2} [{seg.start:6.2f} -> {seg.end:6.2f}]{seg.text}")
print("language:", info.language)
