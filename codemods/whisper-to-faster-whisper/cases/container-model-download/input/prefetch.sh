#!/bin/sh
set -e
for size in tiny small; do
  python -c "from whisper import load_model; load_model('$size')"
done
