"""Stand-in for faster-whisper 1.2.1 (import name `faster_whisper`), for tests only.

Same public names, signatures, defaults, validation and result types as the real package:
`WhisperModel.transcribe` returns a one-shot generator of Segment dataclasses (ids from 1, words
None unless word_timestamps) and a TranscriptionInfo; decoding defaults to beam search (5).
The recognition itself is the deterministic fake in _asr_standin.
"""
import os
from dataclasses import asdict, dataclass
from typing import BinaryIO, Iterable, List, NamedTuple, Optional, Tuple, Union

import _asr_standin as _core

__version__ = "1.2.1"

__all__ = ["available_models", "decode_audio", "WhisperModel", "BatchedInferencePipeline", "download_model", "format_timestamp"]

_MODELS = {
    "tiny.en": "Systran/faster-whisper-tiny.en",
    "tiny": "Systran/faster-whisper-tiny",
    "base.en": "Systran/faster-whisper-base.en",
    "base": "Systran/faster-whisper-base",
    "small.en": "Systran/faster-whisper-small.en",
    "small": "Systran/faster-whisper-small",
    "medium.en": "Systran/faster-whisper-medium.en",
    "medium": "Systran/faster-whisper-medium",
    "large-v1": "Systran/faster-whisper-large-v1",
    "large-v2": "Systran/faster-whisper-large-v2",
    "large-v3": "Systran/faster-whisper-large-v3",
    "large": "Systran/faster-whisper-large-v3",
    "distil-large-v2": "Systran/faster-distil-whisper-large-v2",
    "distil-medium.en": "Systran/faster-distil-whisper-medium.en",
    "distil-small.en": "Systran/faster-distil-whisper-small.en",
    "distil-large-v3": "Systran/faster-distil-whisper-large-v3",
    "distil-large-v3.5": "distil-whisper/distil-large-v3.5-ct2",
    "large-v3-turbo": "mobiuslabsgmbh/faster-whisper-large-v3-turbo",
    "turbo": "mobiuslabsgmbh/faster-whisper-large-v3-turbo",
}

_COMPUTE_TYPES = {"default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "float32", "bfloat16"}


def available_models() -> List[str]:
    return list(_MODELS.keys())


def format_timestamp(seconds: float, always_include_hours: bool = False, decimal_marker: str = "."):
    return _core.format_timestamp(seconds, always_include_hours, decimal_marker)


def decode_audio(input_file: Union[str, BinaryIO], sampling_rate: int = 16000, split_stereo: bool = False):
    samples = _core.read_audio(input_file)
    if split_stereo:
        return samples, samples
    return samples


def download_model(size_or_id: str, output_dir: Optional[str] = None, local_files_only: bool = False,
                   cache_dir: Optional[str] = None, revision: Optional[str] = None, use_auth_token=None):
    if size_or_id not in _MODELS and "/" not in size_or_id:
        raise ValueError(f"Invalid model size '{size_or_id}', expected one of: {', '.join(_MODELS.keys())}")
    return output_dir or os.path.join(cache_dir or "hf-cache", _MODELS.get(size_or_id, size_or_id))


_LANGUAGE_CODES = (
    "en", "zh", "de", "es", "ru", "ko", "fr", "ja", "pt", "tr", "pl", "ca", "nl", "ar", "sv", "it", "id",
    "hi", "fi", "vi", "he", "uk", "el", "ms", "cs", "ro", "da", "hu", "ta", "no", "th", "ur", "hr", "bg",
    "lt", "la", "mi", "ml", "cy", "sk", "te", "fa", "lv", "bn", "sr", "az", "sl", "kn", "et", "mk", "br",
    "eu", "is", "hy", "ne", "mn", "bs", "kk", "sq", "sw", "gl", "mr", "pa", "si", "km", "sn", "yo", "so",
    "af", "oc", "ka", "be", "tg", "sd", "gu", "am", "yi", "lo", "uz", "fo", "ht", "ps", "tk", "nn", "mt",
    "sa", "lb", "my", "bo", "tl", "mg", "as", "tt", "haw", "ln", "ha", "ba", "jw", "su", "yue",
)


@dataclass
class Word:
    start: float
    end: float
    word: str
    probability: float

    def _asdict(self):
        return asdict(self)


@dataclass
class Segment:
    id: int
    seek: int
    start: float
    end: float
    text: str
    tokens: List[int]
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float
    words: Optional[List[Word]]
    temperature: Optional[float]

    def _asdict(self):
        return asdict(self)


@dataclass
class VadOptions:
    threshold: float = 0.5
    neg_threshold: float = None
    min_speech_duration_ms: int = 0
    max_speech_duration_s: float = float("inf")
    min_silence_duration_ms: int = 2000
    speech_pad_ms: int = 400


@dataclass
class TranscriptionOptions:
    beam_size: int
    best_of: int
    patience: float
    length_penalty: float
    temperatures: List[float]
    max_new_tokens: Optional[int]
    word_timestamps: bool


@dataclass
class TranscriptionInfo:
    language: str
    language_probability: float
    duration: float
    duration_after_vad: float
    all_language_probs: Optional[List[Tuple[str, float]]]
    transcription_options: TranscriptionOptions
    vad_options: VadOptions


class WhisperModel:
    def __init__(
        self,
        model_size_or_path: str,
        device: str = "auto",
        device_index: Union[int, List[int]] = 0,
        compute_type: str = "default",
        cpu_threads: int = 0,
        num_workers: int = 1,
        download_root: Optional[str] = None,
        local_files_only: bool = False,
        files: dict = None,
        revision: Optional[str] = None,
        use_auth_token: Optional[Union[str, bool]] = None,
        **model_kwargs,
    ):
        if not isinstance(device, str) or device not in ("cpu", "cuda", "auto"):
            raise ValueError(f"unsupported device {device}")
        if compute_type not in _COMPUTE_TYPES:
            raise ValueError(f"invalid compute type '{compute_type}'")
        resolved = "cpu" if device == "auto" else device
        if resolved == "cpu" and compute_type in ("float16", "int8_float16"):
            raise ValueError("Requested float16 compute type, but the target device or backend do not support efficient float16 computation.")
        if os.path.isdir(model_size_or_path):
            if not os.path.isfile(os.path.join(model_size_or_path, "model.bin")):
                raise RuntimeError(f"Unable to open file 'model.bin' in model '{model_size_or_path}'")
            self._name = os.path.basename(model_size_or_path.rstrip("/"))
        elif model_size_or_path in _MODELS:
            self._name = model_size_or_path
        else:
            raise ValueError(f"Invalid model size '{model_size_or_path}', expected one of: {', '.join(_MODELS.keys())}")
        self.device = resolved
        self.device_index = device_index
        self.compute_type = compute_type
        self.download_root = download_root
        self.model_kwargs = model_kwargs

    @property
    def supported_languages(self) -> List[str]:
        return ["en"] if self._name.endswith(".en") else ["en", "de", "fr", "es", "it", "ja"]

    def detect_language(self, audio=None, features=None, vad_filter: bool = False, vad_parameters=None,
                        language_detection_segments: int = 1, language_detection_threshold: float = 0.5):
        samples = _core.read_audio(audio)
        lang = _core.detect_language(samples, self._name)
        probs = [(code, 0.99 if code == lang else 0.002) for code in self.supported_languages]
        probs.sort(key=lambda p: -p[1])
        return lang, 0.99, probs

    def transcribe(
        self,
        audio: Union[str, BinaryIO, object],
        language: Optional[str] = None,
        task: str = "transcribe",
        log_progress: bool = False,
        beam_size: int = 5,
        best_of: int = 5,
        patience: float = 1,
        length_penalty: float = 1,
        repetition_penalty: float = 1,
        no_repeat_ngram_size: int = 0,
        temperature: Union[float, List[float], Tuple[float, ...]] = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
        compression_ratio_threshold: Optional[float] = 2.4,
        log_prob_threshold: Optional[float] = -1.0,
        no_speech_threshold: Optional[float] = 0.6,
        condition_on_previous_text: bool = True,
        prompt_reset_on_temperature: float = 0.5,
        initial_prompt: Optional[Union[str, Iterable[int]]] = None,
        prefix: Optional[str] = None,
        suppress_blank: bool = True,
        suppress_tokens: Optional[List[int]] = [-1],
        without_timestamps: bool = False,
        max_initial_timestamp: float = 1.0,
        word_timestamps: bool = False,
        prepend_punctuations: str = "\"'“¿([{-",
        append_punctuations: str = "\"'.。,，!！?？:：”)]}、",
        multilingual: bool = False,
        vad_filter: bool = False,
        vad_parameters: Optional[Union[dict, VadOptions]] = None,
        max_new_tokens: Optional[int] = None,
        chunk_length: Optional[int] = None,
        clip_timestamps: Union[str, List[float]] = "0",
        hallucination_silence_threshold: Optional[float] = None,
        hotwords: Optional[str] = None,
        language_detection_threshold: Optional[float] = 0.5,
        language_detection_segments: int = 1,
    ):
        if suppress_tokens is not None and not isinstance(suppress_tokens, (list, tuple)):
            raise TypeError("suppress_tokens must be a list of token ids")
        if language is not None and language not in _LANGUAGE_CODES:
            # The tokenizer knows codes only: "Spanish" or "EN" are rejected.
            raise ValueError(f"'{language}' is not a valid language code (accepted language codes: {', '.join(_LANGUAGE_CODES)})")
        samples = _core.read_audio(audio)
        if language is None:
            language = _core.detect_language(samples, self._name)
        temperatures = list(temperature) if isinstance(temperature, (list, tuple)) else [temperature]
        options = TranscriptionOptions(beam_size, best_of, patience, length_penalty, temperatures, max_new_tokens, word_timestamps)
        vad = VadOptions(**vad_parameters) if isinstance(vad_parameters, dict) else (vad_parameters or VadOptions())
        total = _core.duration(samples)
        info = TranscriptionInfo(language=language, language_probability=0.99, duration=total,
                                 duration_after_vad=total, all_language_probs=None,
                                 transcription_options=options, vad_options=vad)
        return self._generate(samples, options), info

    def _generate(self, samples, options: TranscriptionOptions):
        # Decoding happens lazily, while the caller iterates.
        segs = _core.recognize(samples, temperatures=options.temperatures, beam_size=options.beam_size,
                               best_of=options.best_of, word_timestamps=options.word_timestamps,
                               max_words=options.max_new_tokens)
        for i, s in enumerate(segs, start=1):
            words = None
            if s["words"] is not None:
                words = [Word(start=w["start"], end=w["end"], word=w["word"], probability=w["probability"]) for w in s["words"]]
            yield Segment(id=i, seek=s["seek"], start=s["start"], end=s["end"], text=s["text"], tokens=s["tokens"],
                          avg_logprob=s["avg_logprob"], compression_ratio=s["compression_ratio"],
                          no_speech_prob=s["no_speech_prob"], words=words, temperature=s["temperature"])


class BatchedInferencePipeline:
    def __init__(self, model: WhisperModel):
        self.model = model

    def transcribe(self, audio, language=None, task="transcribe", log_progress=False, beam_size=5, best_of=5,
                   patience=1, length_penalty=1, repetition_penalty=1, no_repeat_ngram_size=0,
                   temperature=[0.0, 0.2, 0.4, 0.6, 0.8, 1.0], compression_ratio_threshold=2.4,
                   log_prob_threshold=-1.0, no_speech_threshold=0.6, condition_on_previous_text=True,
                   prompt_reset_on_temperature=0.5, initial_prompt=None, prefix=None, suppress_blank=True,
                   suppress_tokens=[-1], without_timestamps=True, max_initial_timestamp=1.0,
                   word_timestamps=False, prepend_punctuations="\"'“¿([{-",
                   append_punctuations="\"'.。,，!！?？:：”)]}、", multilingual=False, vad_filter=True,
                   vad_parameters=None, max_new_tokens=None, chunk_length=None, clip_timestamps=None,
                   hallucination_silence_threshold=None, batch_size=8, hotwords=None,
                   language_detection_threshold=0.5, language_detection_segments=1):
        first = temperature[0] if isinstance(temperature, (list, tuple)) else temperature
        return self.model.transcribe(audio, language=language, task=task, beam_size=beam_size, best_of=best_of,
                                     temperature=[first], word_timestamps=word_timestamps,
                                     max_new_tokens=max_new_tokens, initial_prompt=initial_prompt)
