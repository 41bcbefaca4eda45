import whisper

model = whisper.load_model("base")


def main():
	result = model.transcribe("a.wav")
	for seg in result["segments"]:
		print(seg["text"])
	print(result["text"])


def keys():
	r = model.transcribe("a.wav")
	return sorted(r)


main()
print(keys())
