#!/usr/bin/env bash
# Scan many repositories with GNU parallel on this machine, then merge the reports into one
# fleet report (OUTDIR/index.html, and a text summary on stdout).
#
#   docs/ci/fleet-parallel.sh OUTDIR REPO_PATH...
#   JOBS=4 docs/ci/fleet-parallel.sh reports ~/src/*/          # at most 4 scans at once
#
# Over ssh, with the repositories checked out at the same paths on each host and repolish on
# their PATH, add the hosts and bring the reports back:
#   SSHLOGIN='8/user@build1,8/user@build2' docs/ci/fleet-parallel.sh reports /srv/repos/*/
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OUTDIR REPO_PATH..." >&2; exit 2; }
out=$1
shift
repos=("$@")
# Locally the scans run inside OUTDIR, so the repositories are named by absolute path.
[ -n "${SSHLOGIN:-}" ] || mapfile -t repos < <(realpath -- "${repos[@]}")
mkdir -p "$out"
cd "$out"
# {#} numbers the inputs: two repositories with the same folder name keep separate reports.
scan='repolish scan {} --quiet --format json --output {#}-{/}.json && repolish scan {} --quiet --format html --output {#}-{/}.html'
args=(--jobs "${JOBS:-100%}" --halt never)
if [ -n "${SSHLOGIN:-}" ]; then
  args+=(--sshlogin "$SSHLOGIN" --return '{#}-{/}.json' --return '{#}-{/}.html' --cleanup)
fi
# A repository that fails to scan is reported by parallel and left out of the merge; the rest goes on.
status=0
parallel "${args[@]}" "$scan" ::: "${repos[@]}" || status=$?
repolish merge . --format html --output index.html
repolish merge . --quiet --format text
exit "$status"
