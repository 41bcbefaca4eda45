import whisper

gpu = whisper.load_model("base", "cuda:1", "/tmp/models")
small = whisper.load_model(name="tiny", device=None, in_memory=True)
print(gpu.transcribe("a.wav")["text"])
print(small.transcribe("a.wav")["text"])
