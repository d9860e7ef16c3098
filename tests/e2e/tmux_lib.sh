# Helpers for end-to-end tests that drive the real saywho in tmux; sourced by the e2e scripts
# after setting `saywho`. Skips the script (exit 77) without tmux or python3 with PyYAML.
# Gives: $work (a temporary folder, removed at exit), start NAME ARGS..., screen NAME,
# wait_for NAME TEXT, keys NAME KEY..., text NAME STRING, pid_of NAME, wait_gone NAME, fail MESSAGE,
# and $failures.
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux is not installed"; exit 77; }
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3 with PyYAML is needed to read the saved files"; exit 77; }

work=$(mktemp -d /tmp/saywho-e2e-XXXXXX)
socket="saywho-e2e-$$"
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" HOME="$work"
failures=0
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() { tmux_ kill-server 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# start NAME ARGS...: saywho in its own tmux session of 120x40 (exec: the pane's pid is saywho's).
start() {
	name=$1
	shift
	tmux_ new-session -d -s "$name" -x 120 -y 40 -c "$work" \
		"exec env TERM=xterm-256color LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' XDG_CONFIG_HOME='$XDG_CONFIG_HOME' HOME='$HOME' '$saywho' $*"
}
screen() { tmux_ capture-pane -p -t "$1" 2>/dev/null; }
# wait_for NAME TEXT: until the screen shows TEXT (10 s at most).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "screen of $1 never showed '$2'; it shows:"
	screen "$1"
	return 1
}
keys() { name=$1; shift; tmux_ send-keys -t "$name" "$@"; sleep 0.15; }
text() { tmux_ send-keys -t "$1" -l "$2"; sleep 0.15; }
pid_of() { tmux_ list-panes -t "$1" -F '#{pane_pid}'; }
# wait_gone NAME: until the session's program has ended.
wait_gone() {
	i=0
	while [ $i -lt 100 ] && tmux_ has-session -t "$1" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	tmux_ has-session -t "$1" 2>/dev/null && { fail "$1 did not quit"; tmux_ kill-session -t "$1"; }
	return 0
}
