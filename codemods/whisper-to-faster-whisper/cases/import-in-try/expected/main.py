import sys

try:
    from faster_whisper import WhisperModel
except ImportError:
    sys.exit("install openai-whisper: pip install openai-whisper")

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
