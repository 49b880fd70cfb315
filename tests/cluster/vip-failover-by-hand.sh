#!/bin/bash
# Our installed agents on harness nodes, as the executor will run them: a
# virtual IP started by IPaddr2 on node1 answers node3's ping; stopped there
# and started on node2, it answers again at once (the gratuitous ARP moved
# node3's neighbour entry); a Dummy resource and its probe on both nodes.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
RA=$PREFIX/lib/ocf/resource.d/heartbeat
[ -x "$RA/IPaddr2" ] || skip "IPaddr2 is not installed in $PREFIX (run: $CLUSTER install $BUILD_DIR)"
command -v arping >/dev/null || skip "arping (iputils-arping) is not installed"
VIP=10.213.0.200

# agent NODE AGENT ACTION [KEY=VALUE...]: the agent's exit code.
agent() {
	local node=$1 name=$2 action=$3 kv env=()
	shift 3
	for kv in "$@"; do env+=("OCF_RESKEY_$kv"); done
	"$CLUSTER" exec "$node" env OCF_ROOT="$PREFIX/lib/ocf" OCF_RESOURCE_INSTANCE=webip \
		"${env[@]}" "$RA/$name" "$action" >/dev/null 2>&1
}

rc_is() {
	local want=$1 rc=0
	shift
	agent "$@" || rc=$?
	[ "$rc" -eq "$want" ]
}

pings() {
	"$CLUSTER" exec "$1" ping -c 1 -W 1 "$VIP" >/dev/null 2>&1
}

mac_of_eth0() {
	"$CLUSTER" exec "$1" cat /sys/class/net/eth0/address
}

neigh_mac() {
	"$CLUSTER" exec "$1" ip neigh show "$VIP" | awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'
}

"$CLUSTER" up 3 >/dev/null
check "probe on node1: not running (7)" rc_is 7 node1 IPaddr2 monitor ip=$VIP
check "start the VIP on node1 (interface and netmask from the routes)" rc_is 0 node1 IPaddr2 start ip=$VIP arp_count=2
check "monitor on node1: running" rc_is 0 node1 IPaddr2 monitor ip=$VIP
check "node3 reaches the VIP" wait_for 5 pings node3
check "node3's neighbour entry is node1" test "$(neigh_mac node3)" = "$(mac_of_eth0 node1)"
check "stop on node1" rc_is 0 node1 IPaddr2 stop ip=$VIP
check "start on node2" rc_is 0 node2 IPaddr2 start ip=$VIP arp_count=2 arp_bg=false
check "node3's neighbour entry moved to node2 (gratuitous ARP)" \
	wait_for 5 eval '[ "$(neigh_mac node3)" = "$(mac_of_eth0 node2)" ]'
check "node3 reaches the VIP on node2" pings node3
check "probe on node1 after the move: not running (7)" rc_is 7 node1 IPaddr2 monitor ip=$VIP
check "stop on node2" rc_is 0 node2 IPaddr2 stop ip=$VIP
check "nobody answers for the VIP any more" eval '! pings node3'

check "Dummy start on node1" rc_is 0 node1 Dummy start
check "Dummy monitor on node1: running" rc_is 0 node1 Dummy monitor
check "Dummy probe on node2: not running (node state is private)" rc_is 7 node2 Dummy monitor
check "Dummy stop on node1" rc_is 0 node1 Dummy stop
finish
