import time

from config import CHAT_MODEL

from app import answer
from engine.wordcount import summary

started = time.perf_counter()
text = answer("one two three four five")
print(CHAT_MODEL, text, summary(text.split()), time.perf_counter() >= started)
