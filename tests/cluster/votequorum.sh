#!/bin/bash
# votequorum on our corosync, read through corosync-quorumtool as an admin
# would: a 3-node cluster keeps quorum with 2 and loses it with 1; two_node
# keeps the survivor quorate but waits for both after a cold start;
# last_man_standing steps expected votes down; auto_tie_breaker decides a
# 2|2 split; -e lowers expected votes by hand.  Every member of a ring must
# report the same quorum state and expected votes.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')

qt() {
	local node=$1
	shift
	"$CLUSTER" exec "node$node" "$PREFIX/sbin/corosync-quorumtool" "$@" 2>&1
}

# quorate N...: quorumtool -s exits 0 on every listed node
quorate() {
	local n
	for n in "$@"; do
		qt "$n" -s >/dev/null || return 1
	done
}

# inquorate N...: quorumtool -s exits 2 (not quorate) on every listed node
inquorate() {
	local n rc
	for n in "$@"; do
		qt "$n" -s >/dev/null
		rc=$?
		[ "$rc" -eq 2 ] || return 1
	done
}

# value N "Expected votes": that line of the status block
value() {
	qt "$1" -s | sed -n "s/^$2: *//p" | sed 's/ *$//'
}

# votes_are EXPECTED QUORUM N...: every listed node shows them
votes_are() {
	local expected=$1 quorum=$2 n
	shift 2
	for n in "$@"; do
		[ "$(value "$n" "Expected votes")" = "$expected" ] || return 1
		[ "$(value "$n" "Quorum" | cut -d' ' -f1)" = "$quorum" ] || return 1
	done
}

flags_have() {
	qt "$1" -s | grep -q "^Flags: .*$2"
}

# cmap_has N KEY: runtime KEY exists on node N (as corosync, only with its option)
cmap_has() {
	"$CLUSTER" exec "node$1" "$PREFIX/sbin/corosync-cmapctl" -g "$2" >/dev/null 2>&1
}

show() {
	echo "# node$1: $(qt "$1" -s | grep -E '^(Quorate|Expected votes|Quorum|Flags|Nodes):' | tr -s ' ' | tr '\n' ';')"
}

# ---- three nodes: a majority
"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
check "3 nodes: all quorate" wait_for 30 quorate 1 2 3
check "3 nodes: expected votes 3, quorum 2 everywhere" votes_are 3 2 1 2 3
check "3 nodes: no wait_for_all_status and no atb_type without their options" \
	eval '! cmap_has 1 runtime.votequorum.wait_for_all_status && ! cmap_has 1 runtime.votequorum.atb_type'
"$CLUSTER" kill node3 >/dev/null
wait_for 30 ring_is "1 2" 1 2
check "node3 killed: the 2 survivors stay quorate" wait_for 10 quorate 1 2
check "the survivors still expect 3 votes (quorum 2)" votes_are 3 2 1 2
"$CLUSTER" kill node2 >/dev/null
wait_for 30 ring_is "1" 1
check "node2 killed too: node1 alone is not quorate" wait_for 10 inquorate 1
check "the status says activity is blocked" sh -c "'$CLUSTER' exec node1 '$PREFIX/sbin/corosync-quorumtool' -s | grep -q '^Quorum: *2 Activity blocked'"
check "the log says it left the primary component" sh -c \
	"'$CLUSTER' log node1 | grep -q 'This node is within the non-primary component and will NOT provide any services.'"
# the admin lowers expected votes by hand
qt 1 -e 1 >/dev/null
check "corosync-quorumtool -e 1 makes node1 quorate again" wait_for 10 quorate 1
show 1
"$CLUSTER" down >/dev/null

# ---- two_node: the survivor keeps quorum; a cold start waits for both
"$CLUSTER" up 2 >/dev/null
"$CLUSTER" start node1 >/dev/null
wait_for 30 ring_is "1" 1
check "two_node cold start: node1 alone waits for node2" wait_for 10 inquorate 1
check "two_node: runtime.votequorum.wait_for_all_status is there" cmap_has 1 runtime.votequorum.wait_for_all_status
check "two_node: flags show 2Node and WaitForAll" sh -c "'$CLUSTER' exec node1 '$PREFIX/sbin/corosync-quorumtool' -s | grep -q '^Flags: *2Node WaitForAll'"
check "the log says it waits for all members" sh -c \
	"'$CLUSTER' log node1 | grep -q 'Waiting for all cluster members. Current votes: 1 expected_votes: 2'"
"$CLUSTER" start node2 >/dev/null
check "two_node: both quorate once both are up" wait_for 30 quorate 1 2
check "two_node: quorum is 1" votes_are 2 1 1 2
"$CLUSTER" kill node2 >/dev/null
wait_for 30 ring_is "1" 1
check "two_node: node2 killed, node1 keeps quorum" quorate 1
show 1
"$CLUSTER" down >/dev/null

# ---- last_man_standing: 4 nodes shrink to 2, then 1 node is not enough
export CLUSTER_QUORUM_OPTS="last_man_standing: 1; last_man_standing_window: 2000"
"$CLUSTER" up 4 >/dev/null
"$CLUSTER" start all >/dev/null
check "LMS: 4 nodes quorate" wait_for 30 quorate 1 2 3 4
"$CLUSTER" kill node4 >/dev/null
wait_for 30 ring_is "1 2 3" 1 2 3
check "LMS: after the window, expected votes come down to 3" wait_for 10 votes_are 3 2 1 2 3
"$CLUSTER" kill node3 >/dev/null
wait_for 30 ring_is "1 2" 1 2
check "LMS: 2 of 3 stay quorate" quorate 1 2
check "LMS: after the window, expected votes come down to 2" wait_for 10 votes_are 2 2 1 2
check "LMS: flags show LastManStanding" flags_have 1 LastManStanding
"$CLUSTER" kill node2 >/dev/null
wait_for 30 ring_is "1" 1
check "LMS without a tie breaker: the last node is not quorate" wait_for 10 inquorate 1
show 1
"$CLUSTER" down >/dev/null
unset CLUSTER_QUORUM_OPTS

# ---- auto_tie_breaker: a 2|2 split goes to the side with the lowest id
export CLUSTER_QUORUM_OPTS="auto_tie_breaker: 1"
"$CLUSTER" up 4 >/dev/null
"$CLUSTER" start all >/dev/null
check "ATB: 4 nodes quorate" wait_for 30 quorate 1 2 3 4
"$CLUSTER" partition 1,2 3,4 >/dev/null
wait_for 30 ring_is "1 2" 1 2
wait_for 30 ring_is "3 4" 3 4
check "ATB: the half with node 1 stays quorate" wait_for 10 quorate 1 2
check "ATB: the other half is not" wait_for 10 inquorate 3 4
check "ATB: flags show AutoTieBreaker" flags_have 1 AutoTieBreaker
check "ATB: runtime.votequorum.atb_type is there" cmap_has 1 runtime.votequorum.atb_type
"$CLUSTER" heal >/dev/null
check "ATB: healed, all 4 quorate again" wait_for 30 quorate 1 2 3 4
check "ATB: healed, the same votes everywhere" votes_are 4 3 1 2 3 4
"$CLUSTER" down >/dev/null
unset CLUSTER_QUORUM_OPTS

finish
