import ollama

print(ollama.chat(model="llama3", messages=[])["message"]["content"])
