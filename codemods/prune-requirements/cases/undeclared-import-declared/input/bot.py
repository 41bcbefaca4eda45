"""Transcribes voice notes with a speech pipeline the requirements declare."""
import numpy as np
from speech_pipeline_jax import Pipeline

pipeline = Pipeline("small")


def loudness(samples):
    return float(np.abs(samples).mean())


def transcribe(path):
    return pipeline(path)["text"]
