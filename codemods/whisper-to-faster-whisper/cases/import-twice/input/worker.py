def transcribe_later(path):
    import whisper
    from whisper import load_model as load

    first = load("base")
    second = whisper.load_model("base")
    return first.transcribe(path)["text"] == second.transcribe(path)["text"]


print(transcribe_later("a.wav"))
