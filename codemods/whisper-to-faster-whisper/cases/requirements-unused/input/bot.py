# The project once used openai-whisper; transcription now goes through a hosted API.
import requests


def transcribe(path):
    with open(path, "rb") as f:
        return requests.post("http://localhost:9000/asr", files={"audio_file": f}).text
