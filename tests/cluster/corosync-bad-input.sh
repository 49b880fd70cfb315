#!/bin/bash
# Bad input never takes corosync down: random and truncated totem packets
# from a node of the cluster and from outside the nodelist, and garbage
# IPC requests, are dropped and logged (rate-limited); the ring and CPG
# keep working.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

GARBAGE=$BUILD_DIR/tests/tools/inject_garbage
"$CLUSTER" up 2 >/dev/null
"$CLUSTER" start all >/dev/null
check "2 nodes form a ring" wait_for 30 ring_is "1 2" 1 2

check "node2 sends 20000 malformed packets to node1" \
	"$CLUSTER" exec node2 "$GARBAGE" udp 10.213.0.1 5405 20000
check "node1 sends 100 connections' worth of garbage to its cpg IPC" \
	"$CLUSTER" exec node1 "$GARBAGE" ipc cpg 100
check "the ring is still whole" wait_for 30 ring_is "1 2" 1 2
check "corosync still runs on node1" "$CLUSTER" exec node1 pgrep -x corosync
log=$("$CLUSTER" log node1)
drops=$(grep -c "Dropped" <<<"$log")
if [ "$drops" -ge 1 ] && [ "$drops" -le 40 ]; then ok "drops are logged, rate-limited ($drops lines)"
else fail "drops logged $drops times (want 1..40)"; fi
check "CPG still delivers" "$CLUSTER" exec node1 "$BUILD_DIR/tests/tools/cpg_test_client" \
	-g after -o /tmp/after.log -r 20 -t 2
check "the messages came back" "$CLUSTER" exec node1 grep -q "^M 1:" /tmp/after.log
"$CLUSTER" down >/dev/null
finish
