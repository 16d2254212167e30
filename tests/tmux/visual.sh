#!/usr/bin/env bash
# Drive the real binary in tmux: open the visualiser from Home, play the seed example
# (desired 10, minimum healthy 60 %, maximum 100 %), capture two frames a few seconds apart
# and check they differ and show the batches; then measure the CPU the process used while
# playing and while paused.
#
#   cargo build --release && bash tests/tmux/visual.sh
#
# DECKHAND_BIN picks another binary (default target/release/deckhand). Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${DECKHAND_BIN:-target/release/deckhand}
SESSION=deckhand-visual-$$
DATA=$(mktemp -d)
W=${W:-160}
H=${H:-48}
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$DATA"' EXIT

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 2; }
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release first)"; exit 2; }

screen() { tmux capture-pane -p -t "$SESSION"; }
wait_for() {
    for _ in $(seq 1 100); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
    echo "timed out waiting for: $1"; screen; exit 1
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }

tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
    "DECKHAND_DATA_DIR=$DATA DECKHAND_CONFIG_DIR=$DATA/config NO_COLOR=1 $BIN"
wait_for "Packs and topics"
PID=$(tmux list-panes -t "$SESSION" -F '#{pane_pid}')
tmux send-keys -t "$SESSION" v
wait_for "Rolling update"
tmux send-keys -t "$SESSION" Space
sleep 2
first=$(screen)
t0=$(cpu_ticks)
sleep 5
second=$(screen)
t1=$(cpu_ticks)
echo "== frame after 2 s"; echo "$first" | sed -n '2p;4,6p'
echo "== frame after 7 s"; echo "$second" | sed -n '2p;4,6p'
[ "$first" != "$second" ] || { echo "FAIL: the two frames are the same"; exit 1; }
echo "$second" | grep -q "stop 4 (6/0) → start 4 (6/4)" || { echo "FAIL: no batches shown"; exit 1; }
playing=$((t1 - t0))
# Faster (60x), let it finish, then measure while nothing plays.
tmux send-keys -t "$SESSION" + +
for _ in $(seq 1 300); do screen | grep -q "finished" && break; sleep 0.1; done
wait_for "finished"
p0=$(cpu_ticks); sleep 5; p1=$(cpu_ticks)
paused=$((p1 - p0))
screen | grep -E "start 2 \(0/10\)" >/dev/null || { echo "FAIL: the update did not finish with start 2 (0/10)"; exit 1; }
echo "CPU while playing at ${W}x${H}: $playing ticks in 5 s ($((playing * 100 / 5 / 100))% of a core, ticks of 10 ms)"
echo "CPU while finished/paused: $paused ticks in 5 s"
[ "$paused" -eq 0 ] || { echo "FAIL: CPU used while paused"; exit 1; }
[ "$playing" -lt 25 ] || { echo "FAIL: more than 5% of a core while playing"; exit 1; }
echo "PASS"
