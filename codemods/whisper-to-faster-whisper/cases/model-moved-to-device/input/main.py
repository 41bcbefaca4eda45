import whisper

# Pick the GPU when there is one.
DEVICE = "cpu"

# Moved right where it is loaded, then used through the module-level function.
model = whisper.load_model("base").to(DEVICE)
print(whisper.transcribe(model, "a.wav")["text"])


def caption(path):
    helper = whisper.load_model("tiny")
    helper = helper.to(DEVICE)
    return whisper.transcribe(helper, path, temperature=0.0)["text"]


def warm():
    spare = whisper.load_model("tiny")
    spare.to("cpu")
    return spare.transcribe("a.wav")["language"]


print(caption("a.wav"), warm())
