from faster_whisper import WhisperModel

fast = WhisperModel("tiny")
slow = WhisperModel("tiny")
segments_2, info_2 = slow.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments_2))
segments, info = fast.transcribe("a.wav")
print(info.language)
