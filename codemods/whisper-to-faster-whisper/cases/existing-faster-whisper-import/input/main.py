import whisper
from faster_whisper import WhisperModel

fast = WhisperModel("tiny")
slow = whisper.load_model("tiny")
print(slow.transcribe("a.wav")["text"])
segments, info = fast.transcribe("a.wav")
print(info.language)
