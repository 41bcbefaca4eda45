import json

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


model = WhisperModel("base")


def save(result, path):
    with open(path, "w") as f:
        json.dump(result, f)


def transcribe(path):
    return _whisper_result(*model.transcribe(path, beam_size=1, best_of=1))


result = _whisper_result(*model.transcribe("a.wav", word_timestamps=True, beam_size=1, best_of=1))
save(result, "out.json")
print(open("out.json").read())
print(json.dumps(transcribe("a.wav")))
other = _whisper_result(*model.transcribe("a.wav", beam_size=1, best_of=1))
other["source"] = "a.wav"
print(sorted(other), other.get("missing", "-"))
print([s["id"] for s in other["segments"]], other["segments"][0].keys())
