"""Tab indentation."""


def ask(provider, q):
	if provider == "echo":
		return q
	else:
		raise ValueError(provider)


if __name__ == "__main__":
	print(ask("echo", "tabs"))
