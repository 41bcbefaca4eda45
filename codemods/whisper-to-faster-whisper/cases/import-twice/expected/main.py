from faster_whisper import WhisperModel

# Both import styles in one file, as happens after copying snippets from two tutorials.
quick = WhisperModel("tiny")
careful = WhisperModel("small")
segments, info = quick.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
segments_2, info_2 = careful.transcribe("a.wav", temperature=0.0, beam_size=1)
print("".join(s.text for s in segments_2))
