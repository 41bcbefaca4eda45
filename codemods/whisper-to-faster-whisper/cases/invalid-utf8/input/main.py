import whisper
# café without a declaration
model = whisper.load_model("base")
