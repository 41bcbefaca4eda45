from faster_whisper import WhisperModel

model = WhisperModel("base", compute_type="float32")

# Spanish audio, decoded as before
options = {
    "language": "Spanish",  # a language name: faster-whisper wants its code
    "fp16": False,
    "temperature": 0,
}


def transcribe(path):
    settings = {"language": "en", "initial_prompt": "Hello.", "fp16": False}
    segments, info = model.transcribe(path, language="en", initial_prompt="Hello.", beam_size=1, best_of=1)
    return "".join(s.text for s in segments)


segments, info = model.transcribe("a.wav", language="es", temperature=0, beam_size=1)
print("".join(s.text for s in segments))
print(transcribe("a.wav"))
