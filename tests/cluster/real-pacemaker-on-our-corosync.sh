#!/bin/bash
# Debian's pacemaker 2.1.5 (pacemakerd and its children, linked against
# Debian's libcpg, libquorum, libcmap and libcfg) on a 3-node cluster of
# OUR corosync: the nodes come online in a partition with quorum, an
# ocf:pacemaker:Dummy resource starts, and it moves when its node is
# killed.  Skips when pacemaker is not installed.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PACEMAKERD=/usr/sbin/pacemakerd
[ -x "$PACEMAKERD" ] && [ -x /usr/sbin/crm_mon ] ||
	skip "Debian's pacemaker is not installed (apt-get install pacemaker pacemaker-cli-utils)"
id hacluster >/dev/null 2>&1 || skip "no hacluster user (pacemaker's package creates it)"
[ -x /usr/lib/ocf/resource.d/pacemaker/Dummy ] ||
	skip "pacemaker's Dummy agent is missing (apt-get install --reinstall pacemaker-resource-agents)"
export CLUSTER_STACK=corosync

# start_pacemaker N: pacemaker's state and log on the node's own disks
start_pacemaker() {
	"$CLUSTER" exec "node$1" sh -c '
		for d in cib pengine blackbox cores; do mkdir -p /var/lib/pacemaker/$d; done
		chown -R hacluster:haclient /var/lib/pacemaker
		PCMK_logfile=/var/log/cluster/pacemaker.log setsid -f '"$PACEMAKERD"' </dev/null >/dev/null 2>&1'
}

mon() {
	"$CLUSTER" exec "node$1" /usr/sbin/crm_mon -1 2>/dev/null
}

mon_has() {
	mon "$1" | grep -q -- "$2"
}

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
for n in 1 2 3; do start_pacemaker "$n"; done
check "crm_mon: 3 nodes online" wait_for 90 mon_has 1 "Online: \[ node1 node2 node3 \]"
check "crm_mon: partition with quorum" wait_for 30 mon_has 1 "partition with quorum"
check "crm_mon: the stack is corosync" mon_has 1 "Stack: corosync"
echo "# $(mon 1 | grep -E 'Current DC|Online' | tr -s ' ' | tr '\n' ' ')"

"$CLUSTER" exec node1 /usr/sbin/crm_attribute -t crm_config -n stonith-enabled -v false >/dev/null 2>&1
"$CLUSTER" exec node1 /usr/sbin/cibadmin -C -o resources -X \
	'<primitive id="dummy" class="ocf" provider="pacemaker" type="Dummy"><operations><op id="dummy-monitor" name="monitor" interval="5s"/></operations></primitive>' \
	>/dev/null 2>&1
check "ocf:pacemaker:Dummy is started" wait_for 60 mon_has 1 "dummy.*Started node"
where=$(mon 1 | sed -n 's/.*dummy.*Started \(node[0-9]\).*/\1/p')
echo "# dummy runs on ${where:-?}"
if [ -n "$where" ]; then
	other=1
	[ "$where" = node1 ] && other=2
	t0=$(now_ms)
	"$CLUSTER" kill "$where" >/dev/null
	if wait_for 90 sh -c "'$CLUSTER' exec node$other /usr/sbin/crm_mon -1 2>/dev/null | grep -q 'dummy.*Started node' &&
		! '$CLUSTER' exec node$other /usr/sbin/crm_mon -1 2>/dev/null | grep -q 'dummy.*Started $where'"; then
		ok "$where killed: dummy moved in $(($(now_ms) - t0)) ms ($(mon "$other" | sed -n 's/.*dummy.*Started \(node[0-9]\).*/\1/p'))"
	else
		fail "$where killed: dummy did not move: $(mon "$other" | tr -s ' ' | tr '\n' '|')"
	fi
	check "the survivors still have quorum" mon_has "$other" "partition with quorum"
	check "the killed node is offline" mon_has "$other" "OFFLINE: \[ $where \]"
else
	fail "dummy's node not found"
	mon 1 | sed 's/^/# /'
	"$CLUSTER" exec node1 /usr/sbin/crm_verify -L 2>&1 | sed 's/^/# crm_verify: /'
fi
"$CLUSTER" down >/dev/null
finish
