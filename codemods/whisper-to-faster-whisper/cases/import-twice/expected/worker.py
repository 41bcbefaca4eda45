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


def transcribe_later(path):
    from faster_whisper import WhisperModel

    first = WhisperModel("base")
    second = WhisperModel("base")
    segments, info = first.transcribe(path, beam_size=1, best_of=1)
    return "".join(s.text for s in segments) == _whisper_result(*second.transcribe(path, beam_size=1, best_of=1))["text"]


print(transcribe_later("a.wav"))
