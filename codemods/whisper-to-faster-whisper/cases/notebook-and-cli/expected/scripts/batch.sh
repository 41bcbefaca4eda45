#!/bin/sh
for f in audio/*.mp3; do
  whisper "$f" --model base --output_format srt
done
