import whisper
import whisper.audio

audio = whisper.load_audio("a.wav", sr=whisper.audio.SAMPLE_RATE)
model = whisper.load_model("base")
print(whisper.SAMPLE_RATE, "base" in whisper.available_models())
print(model.transcribe(audio)["text"])
