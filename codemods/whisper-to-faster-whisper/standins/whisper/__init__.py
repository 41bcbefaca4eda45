"""Stand-in for openai-whisper 20250625 (import name `whisper`), for tests only.

Same public names, signatures, defaults, validation and result shapes as the real package; the
recognition itself is the deterministic fake in _asr_standin (see there).
"""
import dataclasses
import os
import warnings
from dataclasses import dataclass, field, replace
from typing import Iterable, List, Optional, Tuple, Union

import _asr_standin as _core

__version__ = "20250625"

SAMPLE_RATE = 16000
HOP_LENGTH = 160
N_SAMPLES = 480000
N_FRAMES = 3000

_MODELS = {
    name: f"https://openaipublic.azureedge.net/main/whisper/models/{name}.pt"
    for name in ["tiny.en", "tiny", "base.en", "base", "small.en", "small", "medium.en", "medium",
                 "large-v1", "large-v2", "large-v3", "large", "large-v3-turbo", "turbo"]
}

LANGUAGES = {"en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian", "ja": "japanese"}
# Names are accepted too, plus a few other names (whisper/tokenizer.py has all of them).
TO_LANGUAGE_CODE = {**{name: code for code, name in LANGUAGES.items()}, "castilian": "es"}


def _tokenizer_language(language: Optional[str]) -> Optional[str]:
    """What get_tokenizer does with a language: lower-cased, a name mapped to its code."""
    if language is None:
        return None
    language = language.lower()
    if language not in LANGUAGES:
        if language in TO_LANGUAGE_CODE:
            language = TO_LANGUAGE_CODE[language]
        else:
            raise ValueError(f"Unsupported language: {language}")
    return language


@dataclass
class ModelDimensions:
    n_mels: int
    n_audio_ctx: int
    n_audio_state: int
    n_audio_head: int
    n_audio_layer: int
    n_vocab: int
    n_text_ctx: int
    n_text_state: int
    n_text_head: int
    n_text_layer: int


@dataclass(frozen=True)
class DecodingOptions:
    task: str = "transcribe"
    language: Optional[str] = None
    temperature: float = 0.0
    sample_len: Optional[int] = None
    best_of: Optional[int] = None
    beam_size: Optional[int] = None
    patience: Optional[float] = None
    length_penalty: Optional[float] = None
    prompt: Optional[Union[str, List[int]]] = None
    prefix: Optional[Union[str, List[int]]] = None
    suppress_tokens: Optional[Union[str, Iterable[int]]] = "-1"
    suppress_blank: bool = True
    without_timestamps: bool = False
    max_initial_timestamp: Optional[float] = 1.0
    fp16: bool = True


@dataclass(frozen=True)
class DecodingResult:
    audio_features: object
    language: str
    language_probs: Optional[dict] = None
    tokens: List[int] = field(default_factory=list)
    text: str = ""
    avg_logprob: float = float("nan")
    no_speech_prob: float = float("nan")
    temperature: float = float("nan")
    compression_ratio: float = float("nan")


def _verify_options(options: DecodingOptions):
    if options.beam_size is not None and options.best_of is not None:
        raise ValueError("beam_size and best_of can't be given together")
    if options.temperature == 0 and options.best_of is not None:
        raise ValueError("best_of with greedy sampling (T=0) is not compatible")
    if options.patience is not None and options.beam_size is None:
        raise ValueError("patience requires beam_size to be given")
    if options.length_penalty is not None and not (0 <= options.length_penalty <= 1):
        raise ValueError("length_penalty (alpha) should be a value between 0 and 1")


def available_models() -> List[str]:
    return list(_MODELS.keys())


def load_audio(file: str, sr: int = SAMPLE_RATE):
    if not isinstance(file, str):
        raise TypeError("load_audio takes a path")
    return _core.read_audio(file)


def pad_or_trim(array, length: int = N_SAMPLES, *, axis: int = -1):
    return array[:length]


def log_mel_spectrogram(audio, n_mels: int = 80, padding: int = 0, device=None):
    return _core.read_audio(audio)


class Whisper:
    def __init__(self, dims: ModelDimensions, name: str, device: str):
        self.dims = dims
        self.name = name
        self.device = device

    @property
    def is_multilingual(self):
        return not self.name.endswith(".en")

    def to(self, device):
        # torch.nn.Module.to: moves the parameters and returns the module itself.
        self.device = str(device)
        return self

    def transcribe(self, audio, **kwargs):
        return transcribe(self, audio, **kwargs)

    def detect_language(self, mel, tokenizer=None):
        return detect_language(self, mel, tokenizer)

    def decode(self, mel, options: DecodingOptions = DecodingOptions(), **kwargs):
        return decode(self, mel, options, **kwargs)


def load_model(name: str, device=None, download_root: str = None, in_memory: bool = False) -> Whisper:
    if device is None:
        device = "cpu"
    device = str(device)
    if name not in _MODELS and not os.path.isfile(name):
        raise RuntimeError(f"Model {name} not found; available models = {available_models()}")
    n_mels = 128 if name.startswith("large-v3") or name == "turbo" else 80
    dims = ModelDimensions(n_mels, 1500, 512, 8, 6, 51865, 448, 512, 8, 6)
    return Whisper(dims, os.path.basename(name), device)


def detect_language(model: Whisper, mel, tokenizer=None):
    lang = _core.detect_language(mel, model.name)
    return [50259], {code: (0.99 if code == lang else 0.01 / (len(LANGUAGES) - 1)) for code in LANGUAGES}


def decode(model: Whisper, mel, options: DecodingOptions = DecodingOptions(), **kwargs):
    if kwargs:
        options = replace(options, **kwargs)
    _verify_options(options)
    segs = _core.recognize(mel, temperatures=[options.temperature], beam_size=options.beam_size,
                           best_of=options.best_of, word_timestamps=False, max_words=options.sample_len)
    text = "".join(s["text"] for s in segs)
    return DecodingResult(audio_features=None, language=options.language or _core.detect_language(mel, model.name),
                          tokens=[t for s in segs for t in s["tokens"]], text=text, avg_logprob=-0.25,
                          no_speech_prob=0.01, temperature=options.temperature,
                          compression_ratio=_core._compression_ratio(text))


def transcribe(
    model: Whisper,
    audio,
    *,
    verbose: Optional[bool] = None,
    temperature: Union[float, Tuple[float, ...]] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
    compression_ratio_threshold: Optional[float] = 2.4,
    logprob_threshold: Optional[float] = -1.0,
    no_speech_threshold: Optional[float] = 0.6,
    condition_on_previous_text: bool = True,
    initial_prompt: Optional[str] = None,
    carry_initial_prompt: bool = False,
    word_timestamps: bool = False,
    prepend_punctuations: str = "\"'“¿([{-",
    append_punctuations: str = "\"'.。,，!！?？:：”)]}、",
    clip_timestamps: Union[str, List[float]] = "0",
    hallucination_silence_threshold: Optional[float] = None,
    **decode_options,
):
    if type(audio).__module__.startswith("torch"):
        samples = audio.numpy()
    else:
        samples = _core.read_audio(audio)
    if decode_options.get("fp16", True) and model.device == "cpu":
        warnings.warn("FP16 is not supported on CPU; using FP32 instead")
        decode_options["fp16"] = False
    if decode_options.get("language", None) is None:
        language = _core.detect_language(samples, model.name)
        if verbose:
            print(f"Detected language: {LANGUAGES.get(language, language).title()}")
        decode_options["language"] = language
    language = decode_options["language"]
    _tokenizer_language(language)  # validated as the tokenizer does; the result reports it as given
    temperatures = (temperature,) if isinstance(temperature, (int, float)) else tuple(temperature)
    options_per_t = []
    for t in temperatures:
        kwargs = dict(decode_options)
        if t > 0:
            kwargs.pop("beam_size", None)
            kwargs.pop("patience", None)
        else:
            kwargs.pop("best_of", None)
        kwargs["prompt"] = []  # the transcribe loop always sets the prompt itself
        options = DecodingOptions(**kwargs, temperature=t)
        _verify_options(options)
        options_per_t.append(options)
    first = options_per_t[0]
    beam_size = next((o.beam_size for o in options_per_t if o.temperature == 0), None)
    best_of = next((o.best_of for o in options_per_t if o.temperature > 0), None)
    segs = _core.recognize(samples, temperatures=list(temperatures), beam_size=beam_size, best_of=best_of,
                           word_timestamps=word_timestamps, max_words=first.sample_len)
    segments = []
    for i, s in enumerate(segs):
        seg = {
            "id": i,
            "seek": s["seek"],
            "start": s["start"],
            "end": s["end"],
            "text": s["text"],
            "tokens": s["tokens"],
            "temperature": s["temperature"],
            "avg_logprob": s["avg_logprob"],
            "compression_ratio": s["compression_ratio"],
            "no_speech_prob": s["no_speech_prob"],
        }
        if word_timestamps:
            seg["words"] = [dict(w) for w in s["words"]]
        if verbose:
            print(f"[{_core.format_timestamp(seg['start'])} --> {_core.format_timestamp(seg['end'])}] {seg['text']}")
        segments.append(seg)
    return {"text": "".join(s["text"] for s in segments), "segments": segments, "language": language}
