import whisper
from whisper import load_model

# Both import styles in one file, as happens after copying snippets from two tutorials.
quick = load_model("tiny")
careful = whisper.load_model("small")
print(quick.transcribe("a.wav")["text"])
print(careful.transcribe("a.wav", temperature=0.0)["text"])
