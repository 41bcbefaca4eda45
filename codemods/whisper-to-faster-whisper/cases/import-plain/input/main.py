"""Transcribe a file and print the text, each segment and the language."""
import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
print(result["text"])
for seg in result["segments"]:
    print(f"{seg['id']:>2} [{seg['start']:6.2f} -> {seg['end']:6.2f}]{seg['text']}")
print("language:", result["language"])
