import whisper

model = whisper.load_model("base")

# Spanish audio, decoded as before
options = {
    "language": "Spanish",  # a language name: faster-whisper wants its code
    "fp16": False,
    "temperature": 0,
}


def transcribe(path):
    settings = {"language": "en", "initial_prompt": "Hello.", "fp16": False}
    return model.transcribe(path, **settings)["text"]


result = model.transcribe("a.wav", **options)
print(result["text"])
print(transcribe("a.wav"))
