"""Tab indentation."""
import ollama


def ask(provider, q):
	if provider == "ollama":
		return ollama.generate(model="llama3", prompt=q)["response"]
	elif provider == "echo":
		return q
	else:
		raise ValueError(provider)


if __name__ == "__main__":
	print(ask("echo", "tabs"))
