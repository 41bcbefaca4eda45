from faster_whisper import WhisperModel, decode_audio

model = WhisperModel("small")
audio = decode_audio("a.wav")
segments, info = model.transcribe(audio, temperature=0.0, beam_size=1)
print("".join(s.text for s in segments))
print(len(audio) > 0)
