import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
for segment in result["segments"]:
    print(segment["start"], segment["end"], segment["text"], segment["temperature"], segment["avg_logprob"])
    print(segment["no_speech_prob"], segment["compression_ratio"], segment["seek"], len(segment["tokens"]))
print(result["language"])
