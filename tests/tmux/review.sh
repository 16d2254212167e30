#!/usr/bin/env bash
# Drive the real binary in tmux: start it on a fresh data directory, review a few cards of
# the built-in pack with the keyboard, quit, restart, and check that the counts moved.
#
#   cargo build --release && bash tests/tmux/review.sh
#
# DECKHAND_BIN picks another binary (default target/release/deckhand). Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${DECKHAND_BIN:-target/release/deckhand}
SESSION=deckhand-smoke-$$
DATA=$(mktemp -d)
ANSWERS=${ANSWERS:-5}
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$DATA"' EXIT

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 2; }
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release first)"; exit 2; }

screen() { tmux capture-pane -p -t "$SESSION"; }

wait_for() { # wait until the screen shows $1
    for _ in $(seq 1 100); do
        if screen | grep -q -- "$1"; then return 0; fi
        sleep 0.1
    done
    echo "timed out waiting for: $1"; screen; exit 1
}

start() {
    tmux new-session -d -s "$SESSION" -x 100 -y 30 \
        "DECKHAND_DATA_DIR=$DATA DECKHAND_CONFIG_DIR=$DATA/config NO_COLOR=1 $BIN"
    wait_for "Packs and topics"
}

# The new-card count on the pack row of the home screen.
pack_new() { screen | grep "AWS container services" | awk '{print $(NF-1)}'; }

start
echo "== first start"
screen | sed -n '2,5p;25,30p'
before=$(pack_new)

tmux send-keys -t "$SESSION" Enter
for i in $(seq 1 "$ANSWERS"); do
    wait_for "Review"
    s=$(screen)
    kind=$(echo "$s" | grep -o '· \(basic\|reversed\|cloze\|multiple choice\|multiple response\|typed\|true or false\) ' | head -1)
    case "$kind" in
        *"multiple response"*)
            n=$(echo "$s" | grep -o 'Choose [0-9]' | head -1 | awk '{print $2}')
            for l in a b c d e f; do [ "$n" -le 0 ] && break; tmux send-keys -t "$SESSION" "$l"; n=$((n-1)); done
            tmux send-keys -t "$SESSION" Enter ;;
        *"multiple choice"*) tmux send-keys -t "$SESSION" b Enter ;;
        *typed*) tmux send-keys -t "$SESSION" -l "awslogs"; tmux send-keys -t "$SESSION" Enter ;;
        *"true or false"*) tmux send-keys -t "$SESSION" t ;;
        *) tmux send-keys -t "$SESSION" Space ;;
    esac
    wait_for "1 again"
    echo "-- card $i:$kind"
    screen | grep -E "✓|✗|≈|Right|Wrong|Again" | head -3
    tmux send-keys -t "$SESSION" 3
done
sleep 0.3
# Esc ends the session (or first stops typing, on a typed card).
tmux send-keys -t "$SESSION" Escape
sleep 0.3
screen | grep -q "finished" || tmux send-keys -t "$SESSION" Escape
wait_for "finished"
echo "== summary"
screen | grep -E "answered|right|next due"
tmux send-keys -t "$SESSION" q
wait_for "Packs and topics"
after=$(pack_new)
tmux send-keys -t "$SESSION" C-c
sleep 0.5

start
echo "== after a restart"
screen | grep -E "AWS container services|reviewed"
restarted=$(pack_new)
echo "new cards on the pack row: $before before, $after after the session, $restarted after a restart"
[ "$restarted" = "$after" ] || { echo "FAIL: counts differ after the restart"; exit 1; }
[ "$after" -lt "$before" ] || { echo "FAIL: the review did not change the counts"; exit 1; }
screen | grep -q "reviewed $ANSWERS cards" || { echo "FAIL: today's figures do not show $ANSWERS cards"; exit 1; }
echo "PASS"
