import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
print(f"text: {result['text']!r} ({result['language']})")
print(f'again: {result["text"]}')
