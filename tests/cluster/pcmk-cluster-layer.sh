#!/bin/bash
# libcrmcluster on 3 nodes of our corosync, seen through cluster-probe (one
# per node, driven through a FIFO, its event lines in a file): every probe
# sees the 3 members by their nodelist names; bursts sent to all from two
# nodes at once arrive everywhere in one order; a message to one node
# arrives there only; 300 KiB (the compressed path) arrives intact; a node
# partitioned alone loses quorum while the others keep it and see it
# lost; after a kill the survivors see the node lost and stay quorate.
#   PCMK_LAYER_BURST=N (default 100): messages per paced burst
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

# PCMK_LAYER_PROBE: a probe from another build, e.g. one linked with the
# system's corosync libraries (list its build directory in CLUSTER_SHARE
# when it lives under /tmp).
PROBE=${PCMK_LAYER_PROBE:-$BUILD_DIR/pacemaker/lib/cluster/examples/cluster-probe}
[ -x "$PROBE" ] || skip "$PROBE is not built (make -C $BUILD_DIR/pacemaker/lib/cluster)"
export CLUSTER_STACK=corosync
GROUP=pcmk-layer-test
WORK=$(mktemp -d /var/tmp/pcmk-cluster-layer.XXXXXX) || exit 99
BURST=${PCMK_LAYER_BURST:-100}
declare -A MARK=()
echo "# probe output in $WORK"

on() {
	local n=$1
	shift
	"$CLUSTER" exec "node$n" "$@"
}

# Node1's probe runs under valgrind when it is installed.
PROBE_BUILD=${PROBE%/pacemaker/lib/cluster/examples/cluster-probe}
VALGRIND=""
if command -v valgrind >/dev/null && [ -x "$PROBE_BUILD/libtool" ]; then
	VALGRIND="$PROBE_BUILD/libtool --mode=execute valgrind -q --leak-check=full \
--show-leak-kinds=definite,indirect \
--errors-for-leak-kinds=definite,indirect --suppressions=$TOP/tests/valgrind.supp \
--log-file=$WORK/node1.valgrind"
fi

# The probe reads commands from a FIFO it opens read-write, so it never
# sees end of file and writers never block while it runs.
start_probe() {
	local wrap=""
	[ "$1" != 1 ] || wrap=$VALGRIND
	mkfifo "$WORK/node$1.in" || return 1
	on "$1" sh -c "setsid -f $wrap '$PROBE' -g $GROUP -V <>'$WORK/node$1.in' \
		>'$WORK/node$1.out' 2>'$WORK/node$1.log'"
}

# cmd N WORDS...: one command line to node N's probe
cmd() {
	local n=$1
	shift
	# shellcheck disable=SC2016 # the inner shell expands them
	timeout 5 sh -c 'printf "%s\n" "$1" >"$2"' - "$*" "$WORK/node$n.in"
}

out() {
	cat "$WORK/node$1.out" 2>/dev/null
}

# mark N...: later checks with since look only at lines after this point
mark() {
	local n
	for n in "$@"; do MARK[$n]=$(out "$n" | wc -l); done
}

since() {
	out "$1" | tail -n +"$((${MARK[$1]:-0} + 1))"
}

# has N REGEX / has_since N REGEX: a line of node N's probe matches
has() {
	out "$1" | grep -qE "$2"
}

has_since() {
	since "$1" | grep -qE "$2"
}

# every REGEX N...: has, on each listed node
every() {
	local re=$1 n
	shift
	for n in "$@"; do has "$n" "$re" || return 1; done
}

every_since() {
	local re=$1 n
	shift
	for n in "$@"; do has_since "$n" "$re" || return 1; done
}

# none_has REGEX N...: no line of the listed nodes' probes matches
none_has() {
	local re=$1 n
	shift
	for n in "$@"; do ! has "$n" "$re" || return 1; done
}

# stayed_quorate N...: no quorum loss reported since the mark
stayed_quorate() {
	local n
	for n in "$@"; do ! has_since "$n" '^quorum quorate=0' || return 1; done
}

# sees_lost N ID...: node N's last word on each peer ID is "lost"
sees_lost() {
	local n=$1 id
	shift
	for id in "$@"; do [ "$(peer_of "$n" "$id")" = "name=node$id state=lost" ] || return 1; done
}

probes_gone() {
	local n
	for n in "$@"; do ! on "$n" pgrep -f cluster-probe >/dev/null || return 1; done
}

# The last state line node N printed for peer ID: "name=... state=..."
peer_of() {
	out "$1" | grep -E "^peer id=$2 " | tail -1 | grep -oE 'name=[^ ]+ state=[a-z]+'
}

quorate_of() {
	out "$1" | grep -oE '^(local|quorum) .*quorate=[01]' | tail -1 | grep -oE '[01]$'
}

last_group() {
	out "$1" | grep -E '^group ' | tail -1
}

sees_all_three() {
	local n=$1 id
	for id in 1 2 3; do
		[ "$(peer_of "$n" "$id")" = "name=node$id state=member" ] || return 1
	done
	last_group "$n" | grep -qE '^group members=1:[0-9]+,2:[0-9]+,3:[0-9]+ '
}

# burst_order N LETTERS: the burst messages (seq LETTER0...) node N
# delivered, in order, one per line.
burst_order() {
	out "$1" | grep -oE "^msg from=[0-9]+ seq=[$2][0-9]+ " | awk '{print $3}'
}

# burst_complete LETTERS COUNT N...: COUNT such messages on each node
burst_complete() {
	local letters=$1 count=$2 n
	shift 2
	for n in "$@"; do [ "$(burst_order "$n" "$letters" | wc -l)" -eq "$count" ] || return 1; done
}

same_order() {
	local o1
	o1=$(burst_order 1 "$1")
	[ -n "$o1" ] && [ "$o1" = "$(burst_order 2 "$1")" ] && [ "$o1" = "$(burst_order 3 "$1")" ]
}

# Both senders' messages are interleaved in the order, not one block each.
interleaved() {
	burst_order 1 "$1" | sed 's/[0-9]*$//' | uniq | wc -l | awk '{exit !($1 > 2)}'
}

# The libtool wrapper finishes its program on first use: do it here, not
# in three nodes at once.
"$PROBE" -N 1 >/dev/null 2>&1

"$CLUSTER" up 3 >/dev/null || { fail "the harness did not bring up 3 nodes"; finish; exit; }
"$CLUSTER" start all >/dev/null || { fail "corosync did not start on 3 nodes"; finish; exit; }
wait_for 60 ring_is "1 2 3" 1 2 3 || { fail "the ring did not form"; finish; exit; }

# Names without a group: cmap only.
check "node2 names itself node2 without joining a group" \
	test "$(on 2 "$PROBE" -N 0)" = "name id=0 name=node2"
check "node2 finds node3's name in the nodelist" \
	test "$(on 2 "$PROBE" -N 3)" = "name id=3 name=node3"
check "an id outside the nodelist has no name" \
	sh -c "'$CLUSTER' exec node2 '$PROBE' -N 77 | grep -q '^name-failed id=77 rc=-2 '"

for n in 1 2 3; do start_probe "$n"; done
for n in 1 2 3; do
	check "node$n's probe joins as node$n, quorate" \
		wait_for 20 has "$n" "^local id=$n name=node$n quorate=1$"
done
for n in 1 2 3; do
	check "node$n sees the 3 members by name, group sorted by node id" \
		wait_for 20 sees_all_three "$n"
done

# Total order: two senders at once, everyone delivers the same sequence;
# first paced (5 ms apart, so the bursts overlap), then as fast as they go.
cmd 1 burst 0 "$BURST" a 5 &
cmd 2 burst 0 "$BURST" b 5 &
wait
check "all $((2 * BURST)) paced burst messages arrive on every node" \
	wait_for 30 burst_complete ab $((2 * BURST)) 1 2 3
check "every node delivers the paced bursts in the same order" same_order ab
check "the two paced bursts interleave (they were concurrent)" interleaved ab
cmd 2 burst 0 "$((3 * BURST))" c 0 &
cmd 3 burst 0 "$((3 * BURST))" d 0 &
wait
check "all $((6 * BURST)) unpaced burst messages arrive on every node" \
	wait_for 60 burst_complete cd $((6 * BURST)) 1 2 3
check "every node delivers the unpaced bursts in the same order" same_order cd
check "no send failed" none_has '^send-failed' 1 2 3

# To one node: the marker sent to all afterwards is ordered after it, so
# once the marker is in, the unicast would be too.
mark 1 2 3
cmd 1 send 2 only-for-2
cmd 1 send 0 marker1
check "the marker after a unicast reaches all nodes" wait_for 20 every_since '^msg from=1 seq=marker1 ' 1 2 3
check "a message to node2 arrives on node2" has_since 2 '^msg from=1 seq=only-for-2 '
check "a message to node2 does not arrive on node1 or node3" \
	none_has '^msg from=1 seq=only-for-2 ' 1 3
cmd 3 send 3 to-self
check "a message a node sends to itself arrives" wait_for 20 has 3 '^msg from=3 seq=to-self '

# 300 KiB: above the compression threshold.
cmd 3 big 0 307200 big1
wait_for 20 has 3 '^sent to=0 seq=big1 ' || true
sent=$(out 3 | grep -E '^sent to=0 seq=big1 ' | sed 's/^sent to=0 //')
check "node3 sent the 300 KiB message" test -n "$sent"
check "the 300 KiB message arrives intact on all nodes (same length and SHA-1)" \
	wait_for 30 every "^msg from=3 ${sent:-none}\$" 1 2 3

# Node3 alone: it loses quorum, the others keep it and see node3 lost.
mark 1 2 3
"$CLUSTER" partition 1,2 3 >/dev/null
check "node3, partitioned alone, reports quorum lost" \
	wait_for 30 has_since 3 '^quorum quorate=0$'
check "node1 and node2 see node3 lost" \
	wait_for 30 every_since '^peer id=3 name=node3 state=lost ' 1 2
check "node1 and node2 see node3's process leave the group" \
	wait_for 30 every_since '^group members=1:[0-9]+,2:[0-9]+ joined= left=3:' 1 2
check "node1 and node2 stay quorate" stayed_quorate 1 2
check "node3 sees node1 and node2 lost" wait_for 30 sees_lost 3 1 2
"$CLUSTER" heal >/dev/null
check "the ring re-forms after the heal" wait_for 60 ring_is "1 2 3" 1 2 3
check "node3 regains quorum" wait_for 30 has_since 3 '^quorum quorate=1$'
for n in 1 2 3; do
	check "node$n sees the 3 members again" wait_for 30 sees_all_three "$n"
done

# Kill node3: the survivors see it lost and keep quorum (2 of 3).
mark 1 2
"$CLUSTER" kill node3 >/dev/null
check "node1 and node2 see node3 lost after the kill" \
	wait_for 30 every_since '^peer id=3 name=node3 state=lost ' 1 2
check "node1 and node2 see node3's process leave the group" \
	wait_for 30 every_since '^group members=1:[0-9]+,2:[0-9]+ joined= left=3:' 1 2
cmd 1 peers
cmd 2 peers
check "node1 and node2 are still quorate" \
	wait_for 10 every_since '^quorum quorate=1$' 1 2
check "and never reported quorum lost meanwhile" stayed_quorate 1 2
mark 1 2
cmd 2 send 0 after-kill
check "messages still flow between the survivors" \
	wait_for 20 every_since '^msg from=2 seq=after-kill ' 1 2
check "no probe lost its corosync connection" none_has '^lost' 1 2 3

# A daemon may disconnect from inside a callback: node1 does on bye0,
# and the rest of the burst must not reach it.
mark 1 2
cmd 1 leave-on bye0
cmd 1 peers
wait_for 10 has_since 1 '^quorum quorate=' || true # the command is in
cmd 2 burst 0 3 bye 0
check "node1 disconnects from inside the callback of bye0" wait_for 20 has_since 1 '^left$'
check "node2 sees node1's process leave the group" \
	wait_for 20 has_since 2 '^group members=2:[0-9]+ joined= left=1:'
check "no callback runs on node1 after it disconnected" \
	test "$(since 1 | sed -n '/^left$/,$p' | grep -cv '^left$')" -eq 0

for n in 1 2; do cmd "$n" quit; done
check "the probes leave cleanly on quit" wait_for 10 probes_gone 1 2
if [ -n "$VALGRIND" ]; then
	check "node1's probe ran without memory errors or leaks under valgrind" \
		sh -c "[ -f '$WORK/node1.valgrind' ] && ! grep -q . '$WORK/node1.valgrind'"
fi

"$CLUSTER" down >/dev/null
[ "$TESTS_FAILED" -gt 0 ] || rm -rf "$WORK"
finish
