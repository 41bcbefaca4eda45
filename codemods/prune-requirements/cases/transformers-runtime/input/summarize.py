"""Summarizes a text file with a sequence-to-sequence model."""
import sys

from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

CHECKPOINT = "some-org/tiny-summarizer"


def summarize(text):
    tokenizer = AutoTokenizer.from_pretrained(CHECKPOINT)
    model = AutoModelForSeq2SeqLM.from_pretrained(CHECKPOINT, device_map="auto")
    batch = tokenizer(text, return_tensors="pt", truncation=True)
    out = model.generate(**batch, max_new_tokens=60)
    return tokenizer.decode(out[0], skip_special_tokens=True)


if __name__ == "__main__":
    print(summarize(open(sys.argv[1]).read()))
