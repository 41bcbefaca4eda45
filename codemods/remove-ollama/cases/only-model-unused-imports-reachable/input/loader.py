import plugins

COMMANDS = ("ask", "ollama")

for name in COMMANDS:
    print(name, hasattr(plugins, name))
print(plugins.ask("one two"))
