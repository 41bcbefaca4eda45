import ollama

from app import answer

print(answer("red green"), sorted(n for n in globals() if not n.startswith("_")))
