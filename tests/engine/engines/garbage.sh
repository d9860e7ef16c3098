#!/bin/sh
# An engine that writes something that is not YAML at all.
cat >/dev/null
printf 'Traceback (most recent call last):\n  oops: [unclosed\n'
