"""What every stand-in model answers: a deterministic function of its inputs, the same whichever
client library asks, so a program prints the same after its client was swapped if (and only if)
the arguments were carried over."""


def reply(model, messages, temperature=None, max_tokens=None, stop=None, seed=None, top_p=None, json_mode=False):
    last = ""
    system = ""
    for m in messages:
        if m.get("role") == "user":
            last = str(m.get("content", ""))
        elif m.get("role") == "system":
            system = str(m.get("content", ""))
    words = last.split()
    words.reverse()
    if max_tokens is not None and max_tokens >= 0:
        words = words[:max_tokens]
    text = " ".join(words)
    if stop:
        for s in ([stop] if isinstance(stop, str) else stop):
            if s in text:
                text = text[: text.index(s)]
    parts = [f"{model}:", text]
    if system:
        parts.append(f"(system: {system})")
    if temperature is not None:
        parts.append(f"t={float(temperature):.2f}")
    if top_p is not None:
        parts.append(f"p={float(top_p):.2f}")
    if seed is not None:
        parts.append(f"seed={seed}")
    if json_mode:
        return '{"answer": "%s"}' % " ".join(parts)
    return " ".join(parts)


def embedding(model, text):
    text = str(text)
    return [float(len(text)), float(sum(map(ord, text)) % 97), float(len(model))]


def chunks(text):
    words = text.split(" ")
    return [w if i == 0 else " " + w for i, w in enumerate(words)]
