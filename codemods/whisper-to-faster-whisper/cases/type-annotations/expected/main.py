from typing import Optional

from faster_whisper import WhisperModel

MODEL: Optional[WhisperModel] = None


def get() -> WhisperModel:
    global MODEL
    if MODEL is None:
        MODEL = WhisperModel("base")
    return MODEL


segments, info = get().transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))
