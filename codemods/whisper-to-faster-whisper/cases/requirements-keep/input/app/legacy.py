import whisper

model = whisper.load_model("base")
mel = whisper.log_mel_spectrogram(whisper.load_audio("a.wav"))
