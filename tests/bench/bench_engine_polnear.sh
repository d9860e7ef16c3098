#!/bin/sh
# The engine alone on PolNeAR dev: scores (polnear_score.py), review cost (review_cost.py) and
# the calibration of its confidence (fit_confidence.py calibration).
# usage: tests/bench/bench_engine_polnear.sh BENCH_ENGINE_RUN [SHARED_DIR [SPLIT]]
# Skips (exit 77) without the corpus or python3's yaml module.
set -u
run=$1
here=$(cd "$(dirname "$0")" && pwd)
shared=${2:-$here/../../../shared}
split=$shared/polnear/data/${3:-dev}
if [ ! -d "$split/text" ]; then echo "skipped: $split not found"; exit 77; fi
if ! python3 -c 'import yaml' 2>/dev/null; then echo "skipped: python3 yaml module missing"; exit 77; fi
out=$(mktemp -d "${TMPDIR:-/tmp}/saywho-engine.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
"$run" "$out" "$split"/text/*.txt || exit 1
python3 "$shared/tools/polnear_score.py" "$split" "$out" || exit 1
python3 "$shared/tools/review_cost.py" polnear "$split" "$out" || exit 1
python3 "$here/fit_confidence.py" calibration "$split" "$out"
