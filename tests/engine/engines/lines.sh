#!/bin/sh
# A small external engine for the tests of `saywho extract --engine`: proposes every non-empty
# line of the article as an indirect claim, its first word as the mention of "the minister". It reads its whole input before
# writing, as most engines do. Offsets count code points (wc -m under a UTF-8 locale).
export LC_ALL=C.UTF-8
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
cat >"$tmp"
length=$(wc -m <"$tmp")
printf 'saywho: 1\n'
printf 'document: {length: %d}\n' "$length"
printf 'engine: {name: lines, version: "1.0"}\n'
printf 'speakers:\n  - {id: minister, name: the minister, type: person}\n'
printf 'annotations:\n'
offset=0
n=0
while IFS= read -r line || [ -n "$line" ]; do
	size=$(printf '%s' "$line" | wc -m)
	if [ "$size" -gt 0 ]; then
		n=$((n + 1))
		quoted=$(printf '%s' "$line" | sed "s/'/''/g")
		printf '  - id: e%d\n    status: candidate\n    kind: indirect\n' "$n"
		word=${line%% *}
		word_size=$(printf '%s' "$word" | wc -m)
		quoted_word=$(printf '%s' "$word" | sed "s/'/''/g")
		printf "    speaker: {start: %d, end: %d, text: '%s', ref: minister}\n" "$offset" \
			$((offset + word_size)) "$quoted_word"
		printf "    claim: {start: %d, end: %d, text: '%s'}\n" "$offset" $((offset + size)) "$quoted"
		printf '    label: position\n    confidence: 0.5\n'
	fi
	offset=$((offset + size + 1))
done <"$tmp"
[ "$n" -eq 0 ] && printf '  []\n'
exit 0
