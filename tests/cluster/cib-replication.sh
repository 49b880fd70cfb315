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

start_cib() {
	on "$1" sh -c "mkdir -p /var/lib/pacemaker/cib && setsid -f $CIBD </dev/null >/dev/null 2>&1"
	wait_for 20 on "$1" cibadmin -Q -o nodes >/dev/null 2>&1
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
storm_ok=0
for k in $(seq "$KILLS"); do
	on 1 sh -c "
		rm -f /tmp/acked; i=0
		while [ \$i -lt 400 ]; do
			cibadmin -M -c -o crm_config -X \"<cluster_property_set id='k$k'><nvpair id='k$k-\$i' name='k$k-\$i' value='\$i'/></cluster_property_set>\" 2>/dev/null &&
				echo k$k-\$i >> /tmp/acked
			i=\$((i + 1))
		done" &
	writer_pid=$!
	sleep "0.$((RANDOM % 9 + 1))"
	on 1 pkill -KILL -x cib
	wait "$writer_pid"
	if on 1 sh -c '
		f=/var/lib/pacemaker/cib/cib.xml
		[ -s "$f" ] || { echo "no cib.xml" >&2; exit 1; }
		[ "$(cibadmin -5 -x $f)" = "$(cat $f.sig)" ] || { echo "digest mismatch" >&2; exit 1; }
		[ -f /tmp/acked ] || exit 0
		while read -r id; do grep -q "id=\"$id\"" $f || { echo "lost $id" >&2; exit 1; }; done < /tmp/acked'; then
		storm_ok=$((storm_ok + 1))
	fi
	start_cib 1 || break
done
check "kill -9 during writes, $KILLS times: disk CIB valid with every acknowledged update ($storm_ok/$KILLS)" \
	test "$storm_ok" -eq "$KILLS"
check "the 3 CIBs agree after the kills" wait_for 20 same_everywhere

# a large CIB change crosses the group (compressed on the way)
big=$(head -c 3000000 /dev/zero | tr '\0' a)
on 1 cibadmin -M -c -o crm_config -X "<cluster_property_set id=\"big\"><nvpair id=\"big1\" name=\"big\" value=\"$big\"/></cluster_property_set>" >/dev/null </dev/null
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
check "node1's cib still runs" on 1 pgrep -x cib
finish
