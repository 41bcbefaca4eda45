import whisper_timestamped as whisper

# import whisper
# model = whisper.load_model("base")

audio = whisper.load_audio("a.wav")
model = whisper.load_model("tiny")
result = whisper.transcribe(model, audio)
