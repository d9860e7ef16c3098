#!/bin/sh
# An engine that writes a lot (a long YAML comment) before it reads its input: with a large
# article, a runner that writes all the input before reading any output would deadlock.
i=0
while [ $i -lt 2000 ]; do
	printf '# %0500d\n' 0
	i=$((i + 1))
done
exec sh "$(dirname "$0")/lines.sh"
