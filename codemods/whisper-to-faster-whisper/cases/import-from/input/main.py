from whisper import load_model, load_audio
from whisper import transcribe as run_whisper

model = load_model("small")
audio = load_audio("a.wav")
result = run_whisper(model, audio, temperature=0.0)
print(result["text"])
print(len(audio) > 0)
