from faster_whisper import WhisperModel

model = WhisperModel("base", compute_type="float32")
segments, info = model.transcribe(
    "a.wav",
    temperature=(0.0, 0.2, 0.4),
    log_prob_threshold=-1.0,
    max_new_tokens=3,
    suppress_tokens=[-1, 50],
    initial_prompt="Hello.",
    language="en",
    condition_on_previous_text=True,
    beam_size=1,
    best_of=1,
)
print("".join(s.text for s in segments))
beam_segments, beam_info = model.transcribe("a.wav", beam_size=5, best_of=5)
print("".join(s.text for s in beam_segments))
greedy_segments, greedy_info = model.transcribe("a.wav", temperature=0, suppress_tokens=[-1], beam_size=1)
print("".join(s.text for s in greedy_segments))
