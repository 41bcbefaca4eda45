from app.models import model


def transcribe(path):
    return model.transcribe(path)["text"]
