import tomllib

import llm

with open("settings.toml", "rb") as f:
    settings = tomllib.load(f)

answer = getattr(llm, settings["answer_function"])
print(answer("  what is two plus two?  ", offline=True))
