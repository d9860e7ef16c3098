#!/bin/sh
# An engine that passes a reviewed annotation off as its own: refused, engines propose only.
export LC_ALL=C.UTF-8
length=$(wc -m)
printf 'saywho: 1\ndocument: {length: %d}\nannotations:\n' "$length"
printf '  - id: a1\n    status: accepted\n    claim: {start: 0, end: 1}\n'
