"""Stand-in for whisper.utils (writers)."""
import json
import os


def get_writer(output_format: str, output_dir: str):
    def write(result, audio_path, **options):
        base = os.path.splitext(os.path.basename(audio_path))[0]
        with open(os.path.join(output_dir, f"{base}.{output_format}"), "w", encoding="utf-8") as f:
            if output_format == "json":
                json.dump(result, f)
            else:
                f.write(result["text"])
    return write
