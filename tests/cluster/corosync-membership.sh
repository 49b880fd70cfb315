#!/bin/bash
# Totem membership on our corosync: rings form on 3 and 5 nodes, a killed
# node is detected within token + consensus, a stopped node leaves at once,
# partitions form their own rings and merge when healed, a restarted node
# rejoins, and the seeds' multicast (udp) configuration works as written.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

# corosync's defaults for a 3-node nodelist: token 3000 + 650 per node
# beyond two, consensus 1.2 x token
TOKEN=3650
CONSENSUS=4380
LIMIT_MS=$(((TOKEN + CONSENSUS) * 11 / 10))

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
check "3 nodes form one ring" wait_for 30 ring_is "1 2 3" 1 2 3

"$CLUSTER" kill node3 >/dev/null
t0=$(now_ms)
if wait_for 30 ring_is "1 2" 1 2; then
	ms=$(($(now_ms) - t0))
	if [ "$ms" -le "$LIMIT_MS" ]; then ok "kill node3: survivors form a ring in ${ms} ms (limit $LIMIT_MS)"
	else fail "kill node3: survivors needed ${ms} ms (limit $LIMIT_MS)"; fi
else
	fail "kill node3: the survivors did not form a new ring"
fi
"$CLUSTER" revive node3 >/dev/null
"$CLUSTER" start node3 >/dev/null
check "a restarted node rejoins" wait_for 30 ring_is "1 2 3" 1 2 3
check "the log says who joined" sh -c "'$CLUSTER' log node1 | grep -q 'A new membership (.*) was formed. Members joined: 3'"
"$CLUSTER" down >/dev/null

"$CLUSTER" up 5 >/dev/null
"$CLUSTER" start all >/dev/null
check "5 nodes form one ring" wait_for 30 ring_is "1 2 3 4 5" 1 2 3 4 5
"$CLUSTER" partition 1,2 3,4,5 >/dev/null
check "partition 2|3: nodes 1,2 form their ring" wait_for 30 ring_is "1 2" 1 2
check "partition 2|3: nodes 3,4,5 form theirs" wait_for 30 ring_is "3 4 5" 3 4 5
"$CLUSTER" heal >/dev/null
check "heal: the rings merge" wait_for 30 ring_is "1 2 3 4 5" 1 2 3 4 5
"$CLUSTER" stop node5 >/dev/null
t0=$(now_ms)
if wait_for 10 ring_is "1 2 3 4" 1 2 3 4; then
	ms=$(($(now_ms) - t0))
	if [ "$ms" -lt "$TOKEN" ]; then ok "a stopped node is gone in ${ms} ms, before any token timeout"
	else fail "a stopped node took ${ms} ms to leave"; fi
else
	fail "a stopped node did not leave"
fi
"$CLUSTER" down >/dev/null

# the seeds' corosync.conf: multicast on the interface bindnetaddr picks
conf=$(mktemp)
cat >"$conf" <<CONF
totem {
	version: 2
	secauth: off
	cluster_name: seeds
	interface {
		ringnumber: 0
		bindnetaddr: 10.213.0.0
		mcastaddr: 239.255.1.1
		mcastport: 5405
		ttl: 1
	}
}
logging {
	fileline: off
	to_stderr: no
	to_logfile: yes
	logfile: /var/log/cluster/corosync.log
	to_syslog: yes
	debug: off
	timestamp: on
	logger_subsys {
		subsys: AMF
		debug: off
	}
}
amf {
	mode: disabled
}
service {
	ver: 0
	name: pacemaker
}
aisexec {
	user: root
	group: root
}
CONF
"$CLUSTER" up 3 >/dev/null
CLUSTER_CONF=$conf "$CLUSTER" start all >/dev/null
want=$(printf '%u %u %u' $(((10 << 24 | 213 << 16 | 1))) $(((10 << 24 | 213 << 16 | 2))) $(((10 << 24 | 213 << 16 | 3))))
check "multicast (udp) with bindnetaddr forms a ring of 3, node ids from addresses" \
	wait_for 30 ring_is "$want" 1 2 3
check "the plugin-style service {} block is warned about" \
	sh -c "'$CLUSTER' log node1 | grep -qi pacemaker"
rm -f "$conf"
"$CLUSTER" down >/dev/null
finish
