"""Transcribes an interview; the language is written the way people say it."""
from faster_whisper import WhisperModel


def _whisper_result(segments, info):
    """openai-whisper's result dict, built from faster-whisper's segments and info (added by repolish)."""
    segments = [
        {
            "id": s.id - 1,
            "seek": s.seek,
            "start": s.start,
            "end": s.end,
            "text": s.text,
            "tokens": s.tokens,
            "temperature": s.temperature,
            "avg_logprob": s.avg_logprob,
            "compression_ratio": s.compression_ratio,
            "no_speech_prob": s.no_speech_prob,
            **({"words": [{"word": w.word, "start": w.start, "end": w.end, "probability": w.probability} for w in s.words]}
                if s.words is not None else {}),
        }
        for s in segments
    ]
    return {"text": "".join(s["text"] for s in segments), "segments": segments, "language": info.language}


SPOKEN = "english"

model = WhisperModel("small")

# A name with a capital letter: openai-whisper lower-cases it and looks it up.
segments, info = model.transcribe("entrevista.wav", language="es", beam_size=1, best_of=1)
print("Spanish", "->", "".join(s.text for s in segments))

# An alias and an upper-case code are accepted too.
segments_2, info_2 = model.transcribe("entrevista.wav", language="es", beam_size=1, best_of=1)
print("".join(s.text for s in segments_2))
segments_3, info_3 = model.transcribe("entrevista.wav", language='es', beam_size=1, best_of=1)
print("".join(s.text for s in segments_3))

# The whole result is kept: it still reports the language as it was given.
kept = {**_whisper_result(*model.transcribe("entrevista.wav", language="es", beam_size=1, best_of=1)), "language": "Spanish"}
print(sorted(kept), kept["language"])


def caption(path, lang):
    # The caller decides: this may be a name or a code.
    segments, info = model.transcribe(path, language=lang, beam_size=1, best_of=1)
    return "".join(s.text for s in segments)


print(caption("entrevista.wav", "es"))
segments_4, info_4 = model.transcribe("entrevista.wav", language="en", beam_size=1, best_of=1)
print("english")
