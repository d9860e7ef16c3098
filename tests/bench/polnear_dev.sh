#!/bin/sh
# Runs `saywho extract` over the PolNeAR development articles and scores the candidates with the
# shared scorers: polnear_score.py (lenient/strict F1, speaker accuracy) and review_cost.py (keys
# an analyst needs to reach the gold, against annotating from scratch).
#
# usage: tests/bench/polnear_dev.sh [SAYWHO [SHARED_DIR]]
#   SAYWHO      the saywho binary (default: build/saywho, then saywho on PATH)
#   SHARED_DIR  the shared folder (default: ../shared beside the repository)
# Environment: KEEP=DIR keeps the annotation files in DIR; JOBS=N (default: all cores);
# EXTRACT_ARGS="--engine CMD" scores another engine the same way.
# Skips (exit 77) when the corpus, python3 or its yaml module is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
saywho=${1:-}
if [ -z "$saywho" ]; then
	if [ -x "$repo/build/saywho" ]; then saywho=$repo/build/saywho; else saywho=saywho; fi
fi
shared=${2:-$repo/../shared}
dev=$shared/polnear/data/dev
tools=$shared/tools
if [ ! -d "$dev/text" ] || [ ! -d "$dev/attributions" ]; then
	echo "skipped: ../shared/polnear not found ($dev)"
	exit 77
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "skipped: python3 with the yaml module is needed by the scorers"
	exit 77
fi
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
if [ -n "${KEEP:-}" ]; then
	out=$KEEP
	mkdir -p "$out"
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/saywho-polnear-dev.XXXXXX") || exit 1
	trap 'rm -rf "$out"' EXIT
fi
count=$(ls "$dev"/text/*.txt | wc -l)
start=$(date +%s.%N)
# shellcheck disable=SC2086 # EXTRACT_ARGS is a list of words on purpose
"$saywho" extract -q --force -j "$jobs" -o "$out" ${EXTRACT_ARGS:-} "$dev"/text/*.txt
status=$?
end=$(date +%s.%N)
echo "extract: $count dev articles in $(awk "BEGIN { printf \"%.1f\", $end - $start }") s with -j $jobs (exit status $status)"
python3 "$tools/polnear_score.py" "$dev" "$out" || exit 1
python3 "$tools/review_cost.py" polnear "$dev" "$out" || exit 1
echo "targets: all lenient F1 >= 0.75, strict F1 >= 0.68, speaker acc >= 0.86; review cost ratio <= 0.45"
exit "$status"
