import whisper

model = whisper.load_model("base")
opts = {"language": "en"}
a = model.transcribe("a.wav", **opts)
b = model.transcribe("a.wav", prefix="So,")
c = model.transcribe("a.wav", length_penalty=0.5)
d = model.transcribe("a.wav", carry_initial_prompt=True, initial_prompt="x")
