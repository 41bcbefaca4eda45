"""Transcribes an interview; the language is written the way people say it."""
import whisper

SPOKEN = "english"

model = whisper.load_model("small")

# A name with a capital letter: openai-whisper lower-cases it and looks it up.
result = model.transcribe("entrevista.wav", language="Spanish")
print(result["language"], "->", result["text"])

# An alias and an upper-case code are accepted too.
print(model.transcribe("entrevista.wav", language="castilian")["text"])
print(model.transcribe("entrevista.wav", language='ES')["text"])

# The whole result is kept: it still reports the language as it was given.
kept = model.transcribe("entrevista.wav", language="Spanish")
print(sorted(kept), kept["language"])


def caption(path, lang):
    # The caller decides: this may be a name or a code.
    return model.transcribe(path, language=lang)["text"]


print(caption("entrevista.wav", "es"))
print(model.transcribe("entrevista.wav", language=SPOKEN)["language"])
