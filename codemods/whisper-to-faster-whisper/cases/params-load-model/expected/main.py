import torch
from faster_whisper import WhisperModel

DEVICE = "cpu"
a = WhisperModel("base", "cuda", download_root="/tmp/models", device_index=1)
b = WhisperModel("tiny")
c = WhisperModel("small", device=DEVICE, download_root="/tmp/models")
d = WhisperModel("base", device="cuda" if torch.cuda.is_available() else "cpu")
e = WhisperModel("tiny", device="cuda", device_index=0)
f = WhisperModel(size, device=settings.DEVICE)
GPU = torch.device("cuda:1")
g = WhisperModel("base", device="cuda", device_index=1)
AUTO = "cuda" if torch.cuda.is_available() else "cpu"
h = WhisperModel("base", device=AUTO)
