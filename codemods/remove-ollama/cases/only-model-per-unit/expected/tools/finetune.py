"""Fine-tunes a small model offline; nothing in agent/ imports this."""
from transformers import AutoModelForCausalLM


def load_base(name="distilgpt2"):
    return AutoModelForCausalLM.from_pretrained(name)
