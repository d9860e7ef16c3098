#!/bin/sh
# End-to-end test of the adjudication mode: the real saywho binary in a real terminal (tmux).
#   compare.sh SAYWHO_BINARY SOURCE_ROOT
# 1. `saywho review --compare alice bob`: take bob's label for a2, alice's speaker mention for a3,
#    leave a4 out then undo that and take alice's version, save, quit; the adjudicated file passes
#    `saywho check` and holds exactly the expected annotations.
# 2. SIGKILL in the middle of an adjudication: reopening offers the journal, `y` gives back the
#    decisions and the merged set exactly as they were; saved, the file is the same as in 1.
# 3. files about different articles are refused with a message naming the file (exit status 1);
#    --compare with one file is a usage error (exit status 2).
# Skips (exit 77) without tmux or python3 with PyYAML.
set -u

saywho=$1
root=$2
. "$root/tests/e2e/tmux_lib.sh"

# annotations FILE: "id status kind label | speaker mention | cue | claim" per annotation.
annotations() {
	python3 - "$1" <<'PY'
import sys, yaml
data = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
for a in data['annotations']:
    text = lambda key: (a.get(key) or {}).get('text', '-')
    print(a['id'], a['status'], a.get('kind', '-'), a.get('label', '-'), '|', text('speaker'), '|',
          text('cue'), '|', text('claim'))
print('annotator:', data.get('annotator'))
PY
}

fixtures="$root/tests/ui/fixtures/compare"
cp "$fixtures/compare.txt" "$fixtures/alice.saywho.yaml" "$fixtures/bob.saywho.yaml" "$work/"

# ---- 1. adjudicating two annotators -----------------------------------------------------------
start compare review --compare alice.saywho.yaml bob.saywho.yaml
wait_for compare "3 disagreements between alice and bob" || exit 1
wait_for compare "compare 3/3 left"
keys compare 2                         # a2: bob's label (demand)
wait_for compare "take bob's version of a2"
keys compare 1                         # a3: alice's mention "Opposition leader Tom Reyes"
wait_for compare "compare 1/3 left"
keys compare 0                         # a4: left out...
wait_for compare "leave a4 out"
keys compare u                         # ...undone: a4 is undecided again
wait_for compare "undid: leave a4 out"
wait_for compare "compare 1/3 left"
keys compare 1                         # a4: alice's version (bob had rejected it)
wait_for compare "compare 0/3 left"
keys compare C-s
wait_for compare "saved"
keys compare q
wait_gone compare
out="$work/compare.adjudicated.yaml"
if [ ! -f "$out" ]; then
	fail "no $out"
else
	"$saywho" check "$out" >"$work/check.out" 2>&1 || { fail "saywho check $out:"; cat "$work/check.out"; }
	got=$(annotations "$out")
	expected="a1 accepted indirect position | The mayor | said | the ferry would run every hour
a2 corrected direct demand | she | told | We have waited long enough
a3 accepted mixed accusation | Opposition leader Tom Reyes | called | a waste of money
a4 accepted indirect statistic | the port authority | According to | the new boats will carry 400 passengers
a5 accepted direct accusation | Ana Silva | said | Nobody asked the fishermen
annotator: adjudicated"
	if [ "$got" != "$expected" ]; then
		fail "$out holds:"
		echo "$got"
		echo "expected:"
		echo "$expected"
	fi
fi

# ---- 2. SIGKILL in the middle, then recovery ---------------------------------------------------
rm -f "$out"
start killed review --compare alice.saywho.yaml bob.saywho.yaml
wait_for killed "compare 3/3 left" || exit 1
keys killed 2
keys killed 1
keys killed 0
keys killed u
wait_for killed "undid: leave a4 out"
keys killed 1
wait_for killed "compare 0/3 left"
kill -KILL "$(pid_of killed)"
wait_gone killed
[ -s "$work/compare.adjudicated.saywho-journal" ] || fail "no journal after SIGKILL"
[ -f "$out" ] && fail "$out written without a save"
start recover review --compare alice.saywho.yaml bob.saywho.yaml
wait_for recover "5 unsaved changes from a session that ended without saving" || exit 1
keys recover y
wait_for recover "recovered 5 changes"
wait_for recover "compare 0/3 left"
keys recover C-s
wait_for recover "saved"
keys recover q
wait_gone recover
[ -f "$work/compare.adjudicated.saywho-journal" ] && fail "the journal stays after save and quit"
if [ ! -f "$out" ]; then
	fail "no $out after recovery"
else
	"$saywho" check "$out" >"$work/check.out" 2>&1 || { fail "saywho check $out:"; cat "$work/check.out"; }
	got=$(annotations "$out")
	[ "$got" = "$expected" ] || { fail "after recovery $out holds:"; echo "$got"; }
fi

# ---- 3. refusals ----------------------------------------------------------------------------
printf 'Another article, said nobody.\n' >"$work/other.txt"
printf 'saywho: 1\ndocument:\n  path: other.txt\n  length: 30\nannotations: []\n' >"$work/other.saywho.yaml"
(cd "$work" && "$saywho" review --compare alice.saywho.yaml other.saywho.yaml) </dev/null >"$work/refused.out" 2>&1
status=$?
[ $status -eq 1 ] || fail "different articles: exit status $status, not 1"
grep -q "other.saywho.yaml.*not the same document" "$work/refused.out" || { fail "no clear refusal:"; cat "$work/refused.out"; }
(cd "$work" && "$saywho" review --compare alice.saywho.yaml) </dev/null >"$work/usage.out" 2>&1
status=$?
[ $status -eq 2 ] || fail "one file: exit status $status, not 2"

if [ $failures -gt 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "ok: review --compare end to end"
exit 0
