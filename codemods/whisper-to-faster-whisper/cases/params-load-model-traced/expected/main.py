from faster_whisper import WhisperModel

gpu = WhisperModel("base", "cuda", download_root="/tmp/models", device_index=1)
small = WhisperModel("tiny")
segments, info = gpu.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
segments_2, info_2 = small.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments_2))
