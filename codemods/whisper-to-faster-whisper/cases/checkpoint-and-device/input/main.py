import whisper

custom = whisper.load_model("/models/fine-tuned.pt")
mac = whisper.load_model("base", device="mps")
print(custom.transcribe("a.wav")["text"], mac)
