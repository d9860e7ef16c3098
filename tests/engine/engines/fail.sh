#!/bin/sh
# An engine that fails: reads its input, complains on standard error, exits with status 3.
cat >/dev/null
echo "loading model..." >&2
echo "model not found: en_core_web_sm" >&2
exit 3
