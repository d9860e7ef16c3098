#!/bin/sh
# An engine that writes YAML that is not a schema-1 file: an unknown status on line 5.
cat >/dev/null
printf 'saywho: 1\ndocument: {length: 1}\nannotations:\n  - id: a1\n    status: maybe\n    claim: {start: 0, end: 1}\n'
