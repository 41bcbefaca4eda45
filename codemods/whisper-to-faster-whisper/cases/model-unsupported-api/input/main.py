import whisper
from whisper.utils import get_writer

model = whisper.load_model("base")
audio = whisper.load_audio("a.wav")
audio = whisper.pad_or_trim(audio)
mel = whisper.log_mel_spectrogram(audio, n_mels=model.dims.n_mels).to(model.device)
_, probs = model.detect_language(mel)
options = whisper.DecodingOptions(language="en")
result = whisper.decode(model, mel, options)
writer = get_writer("srt", ".")
writer(model.transcribe("a.wav"), "a.wav")
