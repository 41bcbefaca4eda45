from faster_whisper import WhisperModel, decode_audio, available_models

audio = decode_audio("a.wav", sampling_rate=16000)
model = WhisperModel("base")
print(16000, "base" in available_models())
segments, info = model.transcribe(audio, beam_size=1, best_of=1)
print("".join(s.text for s in segments))
