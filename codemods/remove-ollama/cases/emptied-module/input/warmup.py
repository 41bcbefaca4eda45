import ollama

ollama.pull("llama3")
