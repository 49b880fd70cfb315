#!/bin/bash
# fence_netns, the fence device of harness nodes: driven through the fence
# agent stdin protocol from inside one node, it powers another node off
# (the node leaves the ring), reports its status, powers it on, reboots
# it, and lists the nodes; bad requests fail with a message.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
[ -x "$PREFIX/sbin/fence_netns" ] ||
	skip "fence_netns is not installed in $PREFIX (run: $CLUSTER install $BUILD_DIR)"

# fence NODE 'name=value...': the agent run on NODE with options on stdin;
# prints its output, returns its exit code.
fence() {
	printf '%s\n' $2 | "$CLUSTER" exec "$1" fence_netns 2>&1
}

power_of() {
	"$CLUSTER" status | awk -v n="node$1" '$1 == n { sub("power:", "", $3); print $3 }'
}

holder_of() {
	"$CLUSTER" status >/dev/null
	cat "/var/tmp/cs-harness/run/node$1.pid" 2>/dev/null
}

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
check "the ring has three members" wait_for 20 ring_is "1 2 3" node1 node2 node3

out=$(fence node1 "action=status port=node2")
check "status of a running node: exit 0, 'on' ($out)" test "$out" = on
out=$(fence node1 "action=list")
check "list names every node ($(echo $out))" test "$out" = $'node1,node1\nnode2,node2\nnode3,node3'
check "monitor: the power switch answers" fence node1 "action=monitor"
check "metadata is well-formed XML" bash -c "'$CLUSTER' exec node1 fence_netns -o metadata | xmllint --noout -"

check "off node2 (port=, the stdin protocol)" fence node1 "action=off port=node2 nodename=node2"
check "node2 is powered off" test "$(power_of 2)" = off
check "node1 and node3 see node2 leave" wait_for 20 ring_is "1 3" node1 node3
fence node1 "action=status plug=node2" >/dev/null
check "status of a fenced node: exit 2" test $? -eq 2
check "off again succeeds (already off)" fence node3 "action=off plug=2"

check "on node2" fence node1 "action=on nodename=node2"
check "node2 is powered on" test "$(power_of 2)" = on
"$CLUSTER" start node2 >/dev/null
check "node2 rejoins the ring once its stack is started" wait_for 20 ring_is "1 2 3" node1 node2 node3

before=$(holder_of 3)
check "reboot node3 (the default action)" fence node1 "nodename=node3"
check "node3 came back as a new machine" test "$(holder_of 3)" != "$before" -a "$(power_of 3)" = on
"$CLUSTER" start node3 >/dev/null
check "node3 rejoins after the reboot" wait_for 20 ring_is "1 2 3" node1 node2 node3

out=$(fence node1 "action=off port=node9")
check "an unknown node fails ($out)" test $? -eq 1
check "the error names the node" bash -c "[[ '$out' == *node9* ]]"
out=$(fence node1 "action=explode port=node2")
check "an unknown action fails, named ($out)" bash -c "[[ '$out' == *explode* ]]"
out=$(fence node1 "action=off")
check "off without a node fails, saying so ($out)" bash -c "[[ '$out' == *'no node given'* ]]"
out=$(printf 'action=status\nport=node2\n' | "$PREFIX/sbin/fence_netns" 2>&1)
check "outside a node, without power_dir: a clear error ($out)" bash -c "[[ '$out' == *'no power switch'* ]]"

"$CLUSTER" down >/dev/null
check "down removes the power switch" test -z "$(pgrep -f '^csh-power-switch')"
finish
