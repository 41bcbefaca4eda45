import whisper

model = whisper.load_model("base")
result = model.transcribe(
    "a.wav",
    verbose=False,
    temperature=(0.0, 0.2, 0.4),
    logprob_threshold=-1.0,
    sample_len=3,
    suppress_tokens="-1,50",
    initial_prompt="Hello.",
    language="en",
    fp16=False,
    patience=None,
    length_penalty=None,
    carry_initial_prompt=False,
    condition_on_previous_text=True,
)
print(result["text"])
beam = model.transcribe("a.wav", beam_size=5, best_of=5, fp16=False, prompt="ignored")
print(beam["text"])
greedy = model.transcribe("a.wav", temperature=0, fp16=False, suppress_tokens=[-1])
print(greedy["text"])
