from typing import Optional

import whisper

MODEL: Optional[whisper.Whisper] = None


def get() -> whisper.Whisper:
    global MODEL
    if MODEL is None:
        MODEL = whisper.load_model("base")
    return MODEL


print(get().transcribe("a.wav")["text"])
