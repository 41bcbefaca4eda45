import torch
import whisper

DEVICE = "cpu"
a = whisper.load_model("base", "cuda:1", "/tmp/models")
b = whisper.load_model(name="tiny", device=None, in_memory=True)
c = whisper.load_model("small", device=DEVICE, download_root="/tmp/models")
d = whisper.load_model("base", device="cuda" if torch.cuda.is_available() else "cpu")
e = whisper.load_model("tiny", device=torch.device("cuda:0"))
f = whisper.load_model(size, device=settings.DEVICE)
GPU = torch.device("cuda:1")
g = whisper.load_model("base", device=GPU)
AUTO = "cuda" if torch.cuda.is_available() else "cpu"
h = whisper.load_model("base", device=AUTO)
