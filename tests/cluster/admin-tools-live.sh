#!/bin/bash
# The admin's tools against the live cib daemon on 3 nodes of our
# corosync (no controller yet: the nodes are entered in the CIB as the
# controller enters them when they join): crm configure on one node is
# seen by crm on another, crm_attribute, crm node standby/online and
# crm_standby, crm_node's view of the membership, crm_resource's
# parameters, bans and clears, crm_mon's text and XML -- each tool on a
# different node than the one that made the change.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
CIBD=$PREFIX/libexec/pacemaker/cib
for tool in crm crm_mon crm_attribute crm_standby crm_node crm_resource cibadmin; do
	[ -x "$PREFIX/sbin/$tool" ] || skip "$tool is not installed in $PREFIX"
done
[ -x "$CIBD" ] || skip "the cib daemon is not installed in $PREFIX"
export CLUSTER_STACK=corosync

on() {
	local n=$1
	shift
	"$CLUSTER" exec "node$n" "$@"
}

start_cib() {
	on "$1" sh -c "mkdir -p /var/lib/pacemaker/cib && setsid -f $CIBD </dev/null >/dev/null 2>&1"
	wait_for 60 on "$1" cibadmin -Q -o nodes >/dev/null 2>&1
}

# quiet COMMAND...: its status alone (the tools' notes are not the test's)
quiet() {
	"$@" >/dev/null 2>&1
}

# has N PATTERN COMMAND...: COMMAND's output on node N matches PATTERN
# (retried a while: the change travels through corosync)
has() {
	local n=$1 pattern=$2
	shift 2
	wait_for 10 sh -c "'$CLUSTER' exec node$n $* 2>&1 | grep -q -- '$pattern'"
}

"$CLUSTER" up 3 >/dev/null
"$CLUSTER" start all >/dev/null
for n in 1 2 3; do check "cib serves on node$n" start_cib "$n"; done
for n in 1 2 3; do
	on 1 cibadmin -C -o nodes -X "<node id=\"$n\" uname=\"node$n\"/>" >/dev/null
done

check "crm configure property on node3" quiet on 3 crm configure property stonith-enabled=false
check "crm_attribute -G on node1 reads it" has 1 "name=stonith-enabled value=false" \
	crm_attribute -G -n stonith-enabled
check "crm configure primitive on node1 (verified and committed)" \
	quiet on 1 crm configure primitive web ocf:heartbeat:Dummy op monitor interval=10s
check "crm configure show web on node2 shows it in crm syntax" has 2 "primitive web Dummy" \
	crm configure show web
check "... with the monitor op crmsh would write" has 2 "op monitor interval=10s" \
	crm configure show web
check "crm configure show xml web on node3" has 3 'id="web-monitor-10s"' crm configure show xml web
out=$(on 1 crm configure primitive web ocf:heartbeat:Dummy 2>&1)
rc=$?
check "a second primitive of the same id is refused" test "$rc" -ne 0
check "... naming the id" sh -c "echo '$out' | grep -q web"
check "... and nothing changed" has 2 "op monitor interval=10s" crm configure show web

check "crm node standby node2 on node1" quiet on 1 crm node standby node2
check "crm_standby -G on node3 sees it" has 3 "value=on" crm_standby -N node2 -G
check "crm node online node2 on node3" quiet on 3 crm node online node2
check "crm_standby -G on node1 sees it" has 1 "value=off" crm_standby -N node2 -G

check "crm_node -l lists the members" has 2 "3 node3 member" crm_node -l
check "crm_node -n is the node's name" has 2 "^node2$" crm_node -n
check "crm_node -i is its id" has 3 "^3$" crm_node -i
check "crm_node -q: quorate" has 1 "^1$" crm_node -q
check "crm_node -p: the partition" has 1 "node1 node2 node3" crm_node -p

check "crm_resource --list on node2" has 2 "web.*ocf:heartbeat:Dummy" crm_resource --list
check "crm_resource --set-parameter on node3" quiet on 3 crm_resource -r web --set-parameter fake -v 42
check "crm_resource --get-parameter on node1" has 1 "^42$" crm_resource -r web --get-parameter fake
check "crm_resource --ban on node2" quiet on 2 crm_resource -r web --ban -N node1
check "the ban is a location constraint, seen on node3" has 3 "location cli-ban-web-on-node1 web" \
	crm configure show
check "crm_resource --clear on node1" quiet on 1 crm_resource -r web --clear
check "the ban is gone on node2" wait_for 10 sh -c \
	"! '$CLUSTER' exec node2 crm configure show | grep -q cli-ban"

check "crm_mon -1 on node3: 3 nodes configured" has 3 "3 nodes configured" crm_mon -1
check "crm_mon -1: 1 resource instance configured" has 3 "1 resource instance configured" crm_mon -1
check "crm status on node2 lists the stopped resource (-r)" has 2 "web.*(ocf:heartbeat:Dummy).*Stopped" crm status
check "crm_mon --output-as=xml is well-formed" sh -c \
	"'$CLUSTER' exec node1 crm_mon -1 --output-as=xml | xmllint --noout -"

"$CLUSTER" down >/dev/null
finish
