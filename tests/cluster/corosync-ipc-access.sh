#!/bin/bash
# Who may talk to our corosync: root and the cluster's account
# (hacluster:haclient) may; anyone else is refused with CS_ERR_ACCESS
# until /etc/corosync/uidgid.d names them and the configuration is
# reloaded (corosync-cfgtool -R); removing the file takes access away
# again on the next reload.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack
command -v setpriv >/dev/null || skip "setpriv (util-linux) is not installed"

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
NODES=${HARNESS_ROOT:-/var/tmp/cs-harness}/nodes
CMAPCTL=$PREFIX/sbin/corosync-cmapctl

# as USER GROUP: read one key through libcmap as that user
as() {
	"$CLUSTER" exec node1 setpriv --reuid="$1" --regid="$2" --clear-groups \
		"$CMAPCTL" -g runtime.votequorum.this_node_id 2>&1
}

"$CLUSTER" up 1 >/dev/null
"$CLUSTER" start all >/dev/null
check "root may" sh -c "'$CLUSTER' exec node1 '$CMAPCTL' -g runtime.votequorum.this_node_id | grep -q '= 1'"
out=$(as nobody nogroup)
check "nobody is refused with CS_ERR_ACCESS" grep -q CS_ERR_ACCESS <<<"$out"
if id hacluster >/dev/null 2>&1 && getent group haclient >/dev/null; then
	out=$(as hacluster haclient)
	check "hacluster:haclient may" grep -q '= 1' <<<"$out"
fi
check "the refusal is logged" sh -c "'$CLUSTER' log node1 | grep -q 'Denied connection attempt from $(id -u nobody):'"

mkdir -p "$NODES/node1/etc-corosync/uidgid.d"
printf 'uidgid {\n\tuid: nobody\n}\n' >"$NODES/node1/etc-corosync/uidgid.d/monitoring"
"$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cfgtool" -R >/dev/null
out=$(as nobody nogroup)
check "uidgid.d names nobody: after -R it may" grep -q '= 1' <<<"$out"

printf 'totem {\n\ttoken: 1\n}\n' >"$NODES/node1/etc-corosync/uidgid.d/wrong"
out=$("$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cfgtool" -R 2>&1)
check "a uidgid.d file with other sections fails the reload, naming it" sh -c \
	"'$CLUSTER' log node1 | grep -q 'uidgid.d/wrong: totem.token: only uidgid {} sections'"
out=$(as nobody nogroup)
check "... and the access in force stays" grep -q '= 1' <<<"$out"
rm -f "$NODES/node1/etc-corosync/uidgid.d/wrong" "$NODES/node1/etc-corosync/uidgid.d/monitoring"
"$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cfgtool" -R >/dev/null
out=$(as nobody nogroup)
check "file removed: after -R nobody is refused again" grep -q CS_ERR_ACCESS <<<"$out"
"$CLUSTER" down >/dev/null
finish
