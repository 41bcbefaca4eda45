import time

from config import CHAT_MODEL

from app import answer

started = time.perf_counter()
text = answer("one two three four five")
print(CHAT_MODEL, text, time.perf_counter() >= started)
