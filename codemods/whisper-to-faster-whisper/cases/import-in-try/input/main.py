import sys

try:
    import whisper
except ImportError:
    sys.exit("install openai-whisper: pip install openai-whisper")

model = whisper.load_model("base")
print(model.transcribe("a.wav")["text"])
