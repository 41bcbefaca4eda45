import ollama

from app import answer
from hooks import expose

expose(globals())
print(answer("up down"))
