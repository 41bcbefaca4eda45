#!/bin/sh
set -e
for size in tiny small; do
  python -c "from faster_whisper import WhisperModel; WhisperModel('$size')"
done
