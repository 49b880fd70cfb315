#!/bin/bash
# The cib daemon on 3 nodes of our corosync: a change made on one node is
# on every node with the same digest; concurrent writers on all nodes lose
# nothing and end with identical CIBs; a node that was down while the CIB
# changed gets the newest CIB back; kill -9 during a write storm never
# leaves an unreadable CIB on disk nor loses an acknowledged update; bad
# requests are refused with nothing changed.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
CIBD=$PREFIX/libexec/pacemaker/cib
[ -x "$CIBD" ] && [ -x "$PREFIX/sbin/cibadmin" ] ||
	skip "the cib daemon or cibadmin is not installed in $PREFIX"
ECHO_CLIENT=$BUILD_DIR/pacemaker/lib/common/examples/echo-client
export CLUSTER_STACK=corosync
WRITES=${CIB_TEST_WRITES:-1000}
KILLS=${CIB_TEST_KILLS:-20}

on() {
	local n=$1
	shift
	"$CLUSTER" exec "node$n" "$@"
}

# start_cib N [valgrind]: the daemon on node N (under valgrind, its
# report in VALGRIND_LOG on the node)
VALGRIND_LOG=/var/log/cluster/cib-valgrind.log
start_cib() {
	local wrap=""
	if [ "${2:-}" = valgrind ]; then
		wrap="valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --suppressions=$TOP/tests/valgrind.supp --log-file=$VALGRIND_LOG"
	fi
	on "$1" sh -c "mkdir -p /var/lib/pacemaker/cib && setsid -f $wrap $CIBD </dev/null >/dev/null 2>&1"
	wait_for 60 on "$1" cibadmin -Q -o nodes >/dev/null 2>&1
}

stop_cib() {
	on "$1" sh -c 'pkill -TERM -x cib; for i in $(seq 100); do pgrep -x cib >/dev/null || exit 0; sleep 0.1; done; exit 1'
}

digest_of() {
	on "$1" sh -c 'cibadmin -Q > /tmp/q.xml && cibadmin -5 -x /tmp/q.xml' 2>/dev/null
}

version_of() {
	on "$1" cibadmin -Q 2>/dev/null | head -1 | grep -o 'admin_epoch="[0-9]*"\|epoch="[0-9]*"\|num_updates="[0-9]*"' | tr '\n' ' '
}

same_everywhere() {
	local d1 d2 d3
	d1=$(digest_of 1) && d2=$(digest_of 2) && d3=$(digest_of 3) || return 1
	[ -n "$d1" ] && [ "$d1" = "$d2" ] && [ "$d2" = "$d3" ]
}

count_on() {
	on "$1" cibadmin -Q -o crm_config 2>/dev/null | grep -c "<nvpair id=\"$2"
}

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
for n in 1 2 3; do check "cib serves on node$n" start_cib "$n"; done

# one change, seen everywhere
on 1 cibadmin -C -o resources -X \
	'<primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/>' >/dev/null
check "a create on node1 is on node2 and node3" wait_for 10 sh -c \
	"'$CLUSTER' exec node2 cibadmin -Q -o resources | grep -q 'id=\"web\"' &&
	 '$CLUSTER' exec node3 cibadmin -Q -o resources | grep -q 'id=\"web\"'"
check "the 3 CIBs have the same digest" wait_for 10 same_everywhere
echo "# digest $(digest_of 1), $(version_of 1)"

# concurrent writers on the 3 nodes
writer() {
	local n=$1 count=$2 i
	on "$n" sh -c "
		i=0
		while [ \$i -lt $count ]; do
			cibadmin -M -c -o crm_config -X \"<cluster_property_set id='w$n'><nvpair id='w$n-\$i' name='w$n-\$i' value='\$i'/></cluster_property_set>\" || echo FAILED \$i >&2
			i=\$((i + 1))
		done"
}
per_node=$((WRITES / 3))
t0=$(now_ms)
for n in 1 2 3; do writer "$n" "$per_node" 2>/tmp/cib-writer-$n.err & done
wait
ms=$(($(now_ms) - t0))
failed=$(cat /tmp/cib-writer-{1,2,3}.err | grep -c FAILED)
check "$((per_node * 3)) concurrent updates from 3 nodes acknowledged ($ms ms, $failed failed)" \
	test "$failed" -eq 0
check "no update lost: node1 holds all $((per_node * 3))" \
	test "$(($(count_on 1 w1-) + $(count_on 1 w2-) + $(count_on 1 w3-)))" -eq $((per_node * 3))
check "the 3 CIBs are identical after the storm" wait_for 10 same_everywhere
echo "# $(version_of 1)"

# a node away while the CIB changes
check "cib on node3 stops on SIGTERM" stop_cib 3
for i in 1 2 3 4 5; do
	on 1 cibadmin -C -o resources -X "<primitive id=\"away$i\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>" >/dev/null
done
check "cib on node3 starts again" start_cib 3
check "node3 got the changes made while it was away" wait_for 20 same_everywhere
check "node3 has away5" sh -c "'$CLUSTER' exec node3 cibadmin -Q -o resources | grep -q 'id=\"away5\"'"

# kill -9 during a write storm: the disk holds every acknowledged update
storm_ok=0 acked=0
for k in $(seq "$KILLS"); do
	on 1 sh -c "
		rm -f /tmp/acked; i=0
		while [ \$i -lt 400 ]; do
			cibadmin -M -c -o crm_config -X \"<cluster_property_set id='k$k'><nvpair id='k$k-\$i' name='k$k-\$i' value='\$i'/></cluster_property_set>\" 2>/dev/null || break
			echo k$k-\$i >> /tmp/acked
			i=\$((i + 1))
		done" &
	writer_pid=$!
	sleep "0.$((RANDOM % 9 + 1))"
	on 1 pkill -KILL -x cib
	wait "$writer_pid"
	acked=$((acked + $(on 1 sh -c 'wc -l < /tmp/acked 2>/dev/null || echo 0')))
	if on 1 sh -c '
		f=/var/lib/pacemaker/cib/cib.xml
		[ -s "$f" ] || { echo "no cib.xml" >&2; exit 1; }
		[ "$(cibadmin -5 -x $f 2>/dev/null)" = "$(cat $f.sig)" ] || { echo "digest mismatch" >&2; exit 1; }
		[ -f /tmp/acked ] || exit 0
		while read -r id; do grep -q "id=\"$id\"" $f || { echo "lost $id" >&2; exit 1; }; done < /tmp/acked'; then
		storm_ok=$((storm_ok + 1))
	fi
	start_cib 1 || break
done
check "kill -9 during writes, $KILLS times: disk CIB valid with every acknowledged update ($storm_ok/$KILLS, $acked updates acknowledged)" \
	test "$storm_ok" -eq "$KILLS"
check "the 3 CIBs agree after the kills" wait_for 20 same_everywhere

# a large CIB change crosses the group (compressed on the way)
on 1 sh -c "{ printf '<cluster_property_set id=\"big\"><nvpair id=\"big1\" name=\"big\" value=\"'
	head -c 3000000 /dev/zero | tr '\\0' a
	printf '\"/></cluster_property_set>'; } | cibadmin -M -c -o crm_config -p" >/dev/null
check "a 3 MB attribute value is stored (exit $?)" test $? -eq 0
check "and reaches every node" wait_for 20 same_everywhere
on 1 cibadmin -D -o crm_config -X '<cluster_property_set id="big"/>' >/dev/null

# bad requests: refused, nothing changed
before=$(digest_of 1)
on 1 cibadmin -C -o resources -X '<primitive id="bad" class="ocf" type="Dummy"' >/dev/null 2>&1
check "malformed XML refused" test $? -ne 0
on 1 cibadmin -C -o resources -X '<primitive id="bad" klass="ocf" type="Dummy"/>' >/dev/null 2>&1
check "schema-invalid create refused with exit 78" test $? -eq 78
if [ -x "$ECHO_CLIENT" ]; then
	check "an unknown operation is answered with an error" sh -c \
		"'$CLUSTER' exec node1 '$ECHO_CLIENT' cib_rw '<cib_command cib_op=\"cib_frobnicate\"/>' | grep -q 'unknown CIB operation'"
	check "a request that is not a CIB command is answered with an error" sh -c \
		"'$CLUSTER' exec node1 '$ECHO_CLIENT' cib_rw '<hello/>' | grep -q 'not a CIB request'"
fi
check "after the bad requests the CIBs agree" wait_for 10 same_everywhere
check "nothing changed by the refused requests" test "$(digest_of 1)" = "$before"
check "node1's cib still runs" sh -c "'$CLUSTER' exec node1 pgrep -x cib >/dev/null"
GARBAGE=$BUILD_DIR/tests/tools/inject_garbage
if [ -x "$GARBAGE" ]; then
	on 1 "$GARBAGE" ipc cib_rw 500 >/dev/null 2>&1
	check "500 random, truncated and oversized requests to cib_rw: cib still serves" \
		sh -c "'$CLUSTER' exec node1 cibadmin -Q -o nodes >/dev/null"
	check "and nothing changed" test "$(digest_of 1)" = "$before"
fi

# without quorum: configuration writes refused unless forced
"$CLUSTER" partition 1,2 3 >/dev/null
check "node3 alone loses quorum" wait_for 30 sh -c \
	"'$CLUSTER' exec node3 corosync-quorumtool -s | grep -q 'Quorate: *No'"
on 3 cibadmin -M -c -o crm_config -X '<cluster_property_set id="q"><nvpair id="q1" name="q1" value="1"/></cluster_property_set>' >/dev/null 2>&1
check "node3 without quorum refuses a configuration change (exit 106)" test $? -eq 106
on 3 cibadmin -M -c -o status -X '<node_state id="3" uname="node3"/>' >/dev/null 2>&1
check "node3 without quorum takes a status change" test $? -eq 0
on 3 cibadmin -M -c --force -o crm_config -X '<cluster_property_set id="q"><nvpair id="q2" name="q2" value="forced"/></cluster_property_set>' >/dev/null 2>&1
check "node3 without quorum takes a forced configuration change" test $? -eq 0
on 1 cibadmin -M -c -o crm_config -X '<cluster_property_set id="q"><nvpair id="q3" name="q3" value="1"/></cluster_property_set>' >/dev/null 2>&1
check "node1 with quorum takes a configuration change" test $? -eq 0
"$CLUSTER" heal >/dev/null
check "after the heal the 3 CIBs agree" wait_for 30 same_everywhere
# node3's forced change and node1's both made epoch + 1: on the tie the
# DC's CIB (node1, lowest node id, until the controller exists) wins
check "on the tie the DC's CIB wins: node1's change kept, node3's dropped" \
	test "$(count_on 1 q3)$(count_on 1 q2)" = 10

# the daemon under valgrind: catch-up, changes, bad requests, SIGTERM
if command -v valgrind >/dev/null; then
	stop_cib 3
	on 1 cibadmin -C -o resources -X '<primitive id="vg" class="ocf" provider="heartbeat" type="Dummy"/>' >/dev/null
	check "node3's cib starts under valgrind" start_cib 3 valgrind
	check "under valgrind: node3 catches up" wait_for 60 same_everywhere
	for i in $(seq 20); do
		on $((i % 3 + 1)) cibadmin -M -c -o crm_config -X "<cluster_property_set id='vg-set'><nvpair id='vg-$i' name='vg-$i' value='$i'/></cluster_property_set>" >/dev/null
	done
	on 3 cibadmin -C -o resources -X '<primitive id="bad" klass="ocf" type="Dummy"/>' >/dev/null 2>&1
	[ -x "$GARBAGE" ] && on 3 "$GARBAGE" ipc cib_rw 100 >/dev/null 2>&1
	check "under valgrind: changes from every node arrive" wait_for 60 same_everywhere
	on 3 sh -c 'pkill -TERM -f "[v]algrind.*pacemaker/cib"; for i in $(seq 300); do pgrep -f "[v]algrind.*pacemaker/cib" >/dev/null || exit 0; sleep 0.1; done; exit 1'
	check "under valgrind: cib stopped on SIGTERM" test $? -eq 0
	report=$(on 3 cat "$VALGRIND_LOG" 2>/dev/null)
	check "under valgrind: no memory error, no leak" test -z "$report"
	[ -z "$report" ] || echo "$report" | head -40 | sed 's/^/# /'
fi
finish
