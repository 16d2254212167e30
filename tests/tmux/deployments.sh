#!/usr/bin/env bash
# Drive the real binary in tmux through every new view of the visualiser: an ECS blue/green
# deployment played to its end, a linear one to half its traffic, a canary and a CodeDeploy
# canary to their canary step, the deployment alarm tripped during a blue/green bake time
# (rollback), and task placement (spread by AZ, then distinctInstance leaving tasks
# unplaced). Each step waits for what the screen must show, and prints a frame.
#
#   cargo build --release && bash tests/tmux/deployments.sh
#
# DECKHAND_BIN picks another binary (default target/release/deckhand); W and H the size
# (default 80x24). Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${DECKHAND_BIN:-target/release/deckhand}
SESSION=deckhand-deploy-$$
DATA=$(mktemp -d)
W=${W:-80}
H=${H:-24}
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$DATA"' EXIT

command -v tmux >/dev/null || { echo "tmux is not installed"; exit 2; }
[ -x "$BIN" ] || { echo "no binary at $BIN (cargo build --release first)"; exit 2; }

screen() { tmux capture-pane -p -t "$SESSION"; }
keys() { tmux send-keys -t "$SESSION" "$@"; }
wait_for() {
    for _ in $(seq 1 ${2:-300}); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
    echo "FAIL: timed out waiting for: $1"; screen; exit 1
}
frame() { echo "== $1"; screen; }
# Open the parameters, go to field $1 (0-based, from the top), press Right $2 times, close.
set_field() {
    keys e
    for _ in $(seq 1 20); do keys Up; done
    for _ in $(seq 1 "$1"); do keys Down; done
    for _ in $(seq 1 "$2"); do keys Right; done
    keys Escape
}

tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
    "DECKHAND_DATA_DIR=$DATA DECKHAND_CONFIG_DIR=$DATA/config NO_COLOR=1 $BIN"
wait_for "Packs and topics"
keys v
wait_for "Tasks"

# 1. ECS blue/green, all at once, played to the end (fastest speed).
keys 3
wait_for "Blue/green"
wait_for "all traffic to rev 1"
keys + + + + Space
wait_for "production: green 100%, blue 0%"
frame "blue/green: production traffic moved"
wait_for "finished" 600
screen | grep -q "all traffic to rev 2" || { echo "FAIL: blue/green did not end on revision 2"; screen; exit 1; }
frame "blue/green: completed"

# 2. The deployment alarm during the bake time: traffic back to blue.
keys r
wait_for "all traffic to rev 1"
keys Space
wait_for "stage BAKE_TIME"
keys Space x
wait_for "rollback: all production and test traffic back to blue"
frame "blue/green: alarm tripped in the bake time"

# 3. Linear: strategy one step on (linear), 10 % every 6 minutes; wait for 50 %.
keys r
set_field 1 1
wait_for "an ECS linear deployment"
keys Space
wait_for "production: green 50%, blue 50%" 900
keys Space
frame "linear: half the traffic on green"

# 4. Canary: strategy one more step (canary), 5 % for 10 minutes.
keys r
set_field 1 1
wait_for "an ECS canary deployment"
keys Space
wait_for "production: green 5%, blue 95%" 900
keys Space
frame "canary: the canary step"

# 5. CodeDeploy: the controller field, ECSAllAtOnce then one step on (Linear 10 % / 1 min).
keys r
set_field 0 1
set_field 1 1
wait_for "ECSLinear10PercentEvery1Minutes"
keys Space
wait_for "stage AllowTraffic" 900
keys Space
frame "CodeDeploy: AllowTraffic"

# 6. Placement: spread by AZ, played until every task is placed.
keys 4
wait_for "Task placement"
keys Space
wait_for "placed 8 of 8"
wait_for "finished"
frame "placement: spread(attribute:ecs.availability-zone)"

# 7. distinctInstance on 6 instances: 6 placed, the 7th cannot be.
set_field 4 1
wait_for "distinctInstance"
keys Space
wait_for "unable to place a task because no container"
frame "placement: distinctInstance"
screen | grep -q "placed 6 of 8" || { echo "FAIL: distinctInstance should place 6 of 8"; exit 1; }

# 8. Quiz me on placement: a question, answered.
keys r p Space
wait_for "your prediction"
frame "placement: quiz me"
keys a
wait_for "let the simulator do it"
echo "PASS"
