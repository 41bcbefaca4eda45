from faster_whisper import WhisperModel

model = WhisperModel("base")
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
for segment in segments:
    print(segment.start, segment.end, segment.text, segment.temperature, segment.avg_logprob)
    print(segment.no_speech_prob, segment.compression_ratio, segment.seek, len(segment.tokens))
print(info.language)
