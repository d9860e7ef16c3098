#!/bin/sh
# An engine that never reads its input and proposes nothing: extract must survive the broken
# pipe. The length it writes is wrong unless the article is empty, so it is given as an option.
printf 'saywho: 1\ndocument: {length: %s}\nannotations: []\n' "${1:-0}"
