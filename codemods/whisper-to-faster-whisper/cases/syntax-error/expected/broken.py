import whisper

def f(:
    return whisper.load_model("base")
