"""Stand-in for whisper.audio."""
from . import HOP_LENGTH, N_FRAMES, N_SAMPLES, SAMPLE_RATE, load_audio, log_mel_spectrogram, pad_or_trim  # noqa: F401
