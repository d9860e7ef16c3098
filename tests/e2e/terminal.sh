#!/bin/sh
# End-to-end test of the terminal's state around the workbench: the real saywho in tmux.
#   terminal.sh SAYWHO_BINARY SOURCE_ROOT
# 1. SIGTERM, SIGHUP and SIGSEGV sent to a running workbench: the program dies of the signal
#    (exit status 128 + N, so its parent knows), the alternate screen is left, the cursor shown,
#    and `stty -a` run right after it shows the terminal cooked again (echo, icanon) although
#    nothing else restored it (a non-interactive sh, which never touches the terminal's modes).
# 2. Ctrl-Z in an interactive shell: the workbench stops with the terminal given back (normal
#    screen, echo, icanon); `fg` brings it back redrawn, in raw mode (keys work at once).
#    The same for `kill -TSTP` from elsewhere. Then q quits and leaves the terminal cooked.
# Skips (exit 77) without tmux or python3 with PyYAML.
set -u

saywho=$1
root=$2
. "$root/tests/e2e/tmux_lib.sh"

cp "$root/tests/e2e/fixtures/seed.saywho.yaml" "$work/seed.saywho.yaml"
cp "$root/samples/china-cyberattack-accusations.txt" "$work/seed.txt"
environment="env TERM=xterm-256color LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' HOME='$HOME'"

# pane NAME FORMAT: a tmux format of the pane (#{alternate_on}, #{cursor_flag}...).
pane() { tmux_ display-message -p -t "$1" "$2"; }

# child_of PARENT: the pid of the saywho child of PARENT (from /proc: no ps needed).
child_of() {
	parent=$1
	i=0
	while [ $i -lt 50 ]; do
		for dir in /proc/[0-9]*; do
			read -r line <"$dir/stat" 2>/dev/null || continue
			# shellcheck disable=SC2086
			set -- $line
			if [ "$2" = "(saywho)" ] && [ "$4" = "$parent" ]; then
				echo "${dir#/proc/}"
				return 0
			fi
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# cooked FILE WHAT: FILE (stty -a) shows echo and icanon on.
cooked() {
	for flag in echo icanon; do
		if ! tr ' ;' '\n\n' <"$1" | grep -qx "$flag"; then
			fail "$2: the terminal is left without $flag:"
			cat "$1"
		fi
	done
}

wait_file() {
	i=0
	while [ $i -lt 100 ] && [ ! -s "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -s "$1" ] || fail "no $1"
}

# ---- 1. fatal signals ------------------------------------------------------------------------
for signal in TERM HUP SEGV; do
	case $signal in
	TERM) number=15 ;;
	HUP) number=1 ;;
	SEGV) number=11 ;;
	esac
	name="fatal$signal"
	tmux_ new-session -d -s "$name" -x 120 -y 40 -c "$work" \
		"exec $environment sh -c '\"$saywho\" seed.saywho.yaml; echo \$? >$signal.status; stty -a >$signal.stty; sleep 60'"
	wait_for "$name" "reviewed" || continue
	[ "$(pane "$name" '#{alternate_on}')" = 1 ] || fail "$signal: the workbench is not on the alternate screen"
	pid=$(child_of "$(tmux_ list-panes -t "$name" -F '#{pane_pid}')") || { fail "$signal: no saywho process"; continue; }
	kill "-$signal" "$pid"
	wait_file "$work/$signal.stty"
	status=$(cat "$work/$signal.status" 2>/dev/null)
	[ "$status" = $((128 + number)) ] || fail "SIG$signal: exit status '$status', not $((128 + number))"
	[ "$(pane "$name" '#{alternate_on}')" = 0 ] || fail "SIG$signal: the alternate screen is still on"
	[ "$(pane "$name" '#{cursor_flag}')" = 1 ] || fail "SIG$signal: the cursor is still hidden"
	cooked "$work/$signal.stty" "SIG$signal"
	tmux_ kill-session -t "$name"
done

# ---- 2. Ctrl-Z and kill -TSTP, then fg -------------------------------------------------------
tmux_ new-session -d -s job -x 120 -y 40 -c "$work" "exec $environment PS1='shell-prompt> ' sh -i"
wait_for job "shell-prompt>" || exit 1
text job "'$saywho' seed.saywho.yaml"
keys job Enter
wait_for job "0/22 reviewed" || exit 1
shell_pid=$(tmux_ list-panes -t job -F '#{pane_pid}')
pid=$(child_of "$shell_pid") || fail "no saywho process under the shell"

suspend_and_resume() { # HOW: C-z or TSTP
	if [ "$1" = C-z ]; then
		keys job C-z
	else
		kill -TSTP "$pid"
	fi
	wait_for job "shell-prompt>" || return 1
	[ "$(pane job '#{alternate_on}')" = 0 ] || fail "$1: the alternate screen is still on while stopped"
	[ "$(pane job '#{cursor_flag}')" = 1 ] || fail "$1: the cursor is hidden while stopped"
	rm -f "$work/stopped.stty"
	text job "stty -a >stopped.stty"
	keys job Enter
	wait_file "$work/stopped.stty"
	cooked "$work/stopped.stty" "$1 (stopped)"
	tmux_ clear-history -t job
	text job "fg"
	keys job Enter
	wait_for job "0/22 reviewed" || return 1
	[ "$(pane job '#{alternate_on}')" = 1 ] || fail "$1: fg did not go back to the alternate screen"
	# Redrawn in full: the article's first line, the list and the status line are there.
	screen job | grep -q "China Daily" || { fail "$1: the article is not redrawn:"; screen job; }
	screen job | grep -qF "22 shown of 22" || fail "$1: the list is not redrawn"
	screen job | grep -q "shell-prompt>" && fail "$1: the shell's lines are still on the workbench's screen"
	# Raw mode again: j moves at once (no Enter), and Ctrl-S is a key, not XOFF.
	keys job j
	wait_for job "a2 candidate" || return 1
	keys job k
	wait_for job "a1 candidate"
}
suspend_and_resume C-z
suspend_and_resume TSTP
keys job q
wait_for job "shell-prompt>"
[ "$(pane job '#{alternate_on}')" = 0 ] || fail "q: the alternate screen is still on"
rm -f "$work/after.stty"
text job "stty -a >after.stty"
keys job Enter
wait_file "$work/after.stty"
cooked "$work/after.stty" "after q"

if [ $failures -gt 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "ok: the terminal is restored after SIGTERM, SIGHUP and SIGSEGV, and around Ctrl-Z and kill -TSTP"
exit 0
