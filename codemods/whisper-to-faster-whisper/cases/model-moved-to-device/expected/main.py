from faster_whisper import WhisperModel

# Pick the GPU when there is one.
DEVICE = "cpu"

# Moved right where it is loaded, then used through the module-level function.
model = WhisperModel("base", device=DEVICE)
segments, info = model.transcribe("a.wav", beam_size=1, best_of=1)
print("".join(s.text for s in segments))


def caption(path):
    helper = WhisperModel("tiny", device=DEVICE)
    segments, info = helper.transcribe(path, temperature=0.0, beam_size=1)
    return "".join(s.text for s in segments)


def warm():
    spare = WhisperModel("tiny", device="cpu")
    segments, info = spare.transcribe("a.wav", beam_size=1, best_of=1)
    return info.language


print(caption("a.wav"), warm())
