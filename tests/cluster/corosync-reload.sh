#!/bin/bash
# corosync-cfgtool -R on one node reloads corosync.conf on every node: a
# logging key edited in each node's file shows in cmap everywhere and
# takes effect (debug lines appear); a broken file is refused with its
# line named and the running settings stay.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
NODES=${HARNESS_ROOT:-/var/tmp/cs-harness}/nodes

debug_is() {
	local want=$1 n
	shift
	for n in "$@"; do
		"$CLUSTER" exec "node$n" "$PREFIX/sbin/corosync-cmapctl" -g logging.debug 2>/dev/null |
			grep -q "= $want\$" || return 1
	done
}

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
wait_for 30 ring_is "1 2 3" 1 2 3
check "logging.debug is not set before" sh -c "! '$CLUSTER' exec node2 '$PREFIX/sbin/corosync-cmapctl' -g logging.debug >/dev/null 2>&1"
for n in 1 2 3; do
	sed -i 's/^\tto_syslog: no$/\tto_syslog: no\n\tdebug: on/' "$NODES/node$n/etc-corosync/corosync.conf"
done
"$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cfgtool" -R >/dev/null
check "-R on node1: logging.debug is on on all 3 nodes" wait_for 10 debug_is on 1 2 3
check "node3 now logs debug lines" wait_for 10 sh -c "'$CLUSTER' log node3 | grep -q ' debug  '"

cp "$NODES/node2/etc-corosync/corosync.conf" "$NODES/node2/etc-corosync/corosync.conf.good"
printf 'totem {\n' >>"$NODES/node2/etc-corosync/corosync.conf"
"$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cfgtool" -R >/dev/null 2>&1
check "a broken file on node2 is refused there, naming the file" wait_for 10 sh -c \
	"'$CLUSTER' log node2 | grep -q 'Cannot reload /etc/corosync/corosync.conf: .*corosync.conf:[0-9]*'"
check "node2 keeps its running settings" debug_is on 2
"$CLUSTER" down >/dev/null
finish
