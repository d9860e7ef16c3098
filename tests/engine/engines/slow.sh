#!/bin/sh
# An engine that never finishes: `extract --timeout` must kill it (and its children).
cat >/dev/null
sleep 30
sleep 30
