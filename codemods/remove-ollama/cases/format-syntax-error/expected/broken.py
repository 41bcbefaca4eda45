import ollama

def broken(:
    ollama.pull("x")
