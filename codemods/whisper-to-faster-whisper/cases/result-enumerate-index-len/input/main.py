import whisper

model = whisper.load_model("base")
result = model.transcribe("a.wav")
if result["segments"]:
    print("first starts at", result["segments"][0]["start"], "last ends at", result["segments"][-1]["end"])
print(len(result["segments"]), "segments")
for i, seg in enumerate(result["segments"], start=1):
    print(i, seg["id"], seg["text"])
