"""Deterministic speech "recognition" shared by the stand-in whisper and faster_whisper modules.

The real libraries cannot be installed in the test environment, so the tests run programs
against these stand-ins. An "audio file" here is a UTF-8 script: one segment per line, spoken
at half a second per word. `{a|b|c}` offers alternatives so that the decoding strategy shows in
the output: greedy decoding takes `a`, beam search (beam_size >= 2) takes `b`, sampling with
best_of >= 2 takes `c`. A line starting with `~` fails at temperature 0 and needs a fallback.
A first line `lang: xx` sets the spoken language (default en).
"""
import re
import zlib

try:
    import numpy as _np
except ImportError:  # the stand-ins work without numpy, with plain lists
    _np = None

SAMPLE_RATE = 16000
SECONDS_PER_WORD = 0.5
PUNCTUATION_END = ".!?"


def samples_from_text(text):
    codes = [float(ord(c)) for c in text]
    return _np.array(codes, dtype=_np.float32) if _np is not None else codes


def text_from_samples(samples):
    return "".join(chr(int(round(float(x)))) for x in samples)


def read_audio(source):
    """Samples of an audio source: a path, a binary file object, or samples already decoded."""
    if isinstance(source, str):
        with open(source, "rb") as f:
            return samples_from_text(f.read().decode("utf-8"))
    if hasattr(source, "read"):
        return samples_from_text(source.read().decode("utf-8"))
    if type(source).__module__.startswith("torch"):
        raise TypeError("a torch.Tensor is not an accepted audio input")
    return source


def _parse(script):
    language = None
    lines = script.splitlines()
    if lines and lines[0].startswith("lang:"):
        language = lines[0][5:].strip()
        lines = lines[1:]
    return language, [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]


def detect_language(samples, model_name):
    language, _ = _parse(text_from_samples(samples))
    if model_name.endswith(".en"):
        return "en"
    return language or "en"


def duration(samples):
    _, lines = _parse(text_from_samples(samples))
    return sum(len(l.lstrip("~").split()) for l in lines) * SECONDS_PER_WORD


def _choose(alternatives, temperature, beam_size, best_of):
    if temperature == 0:
        index = 1 if beam_size and beam_size >= 2 else 0
    else:
        index = 2 if best_of and best_of >= 2 else 0
    return alternatives[min(index, len(alternatives) - 1)]


def _render(line, temperature, beam_size, best_of):
    return re.sub(r"\{([^}]*)\}", lambda m: _choose(m.group(1).split("|"), temperature, beam_size, best_of), line)


def _compression_ratio(text):
    data = text.encode("utf-8")
    return round(len(data) / len(zlib.compress(data)), 4)


def recognize(samples, *, temperatures, beam_size, best_of, word_timestamps, max_words=None):
    """Segments as dicts: seek, start, end, text, tokens, temperature, avg_logprob,
    compression_ratio, no_speech_prob, and words (list of dicts) when word_timestamps."""
    _, lines = _parse(text_from_samples(samples))
    if isinstance(temperatures, (int, float)):
        temperatures = [temperatures]
    out = []
    clock = 0.0
    for line in lines:
        hard = line.startswith("~")
        body = line.lstrip("~").strip()
        chosen_t = temperatures[-1]
        for t in temperatures:
            if not (hard and t == 0):
                chosen_t = t
                break
        text_words = _render(body, chosen_t, beam_size, best_of).split()
        spoken = len(body.split())
        if max_words is not None:
            text_words = text_words[:max_words]
        start = clock
        end = round(clock + spoken * SECONDS_PER_WORD, 2)
        clock = end
        text = " " + " ".join(text_words)
        words = []
        t = start
        for w in text_words:
            words.append({"word": " " + w, "start": round(t, 2), "end": round(t + SECONDS_PER_WORD, 2),
                          "probability": round(0.5 + min(len(w), 9) / 20, 4)})
            t += SECONDS_PER_WORD
        out.append({
            "seek": int(round(start * 100)),
            "start": round(start, 2),
            "end": end,
            "text": text,
            "tokens": [50364] + [ord(c) for c in text.strip()][:40] + [50257],
            "temperature": float(chosen_t),
            "avg_logprob": -0.25 if chosen_t == 0 else -0.5,
            "compression_ratio": _compression_ratio(text),
            "no_speech_prob": 0.01,
            "words": words if word_timestamps else None,
        })
    return out


def format_timestamp(seconds, always_include_hours=False, decimal_marker="."):
    milliseconds = round(seconds * 1000.0)
    hours = milliseconds // 3_600_000
    milliseconds -= hours * 3_600_000
    minutes = milliseconds // 60_000
    milliseconds -= minutes * 60_000
    secs = milliseconds // 1_000
    milliseconds -= secs * 1_000
    hours_marker = f"{hours:02d}:" if always_include_hours or hours > 0 else ""
    return f"{hours_marker}{minutes:02d}:{secs:02d}{decimal_marker}{milliseconds:03d}"
