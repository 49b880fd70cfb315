#!/bin/bash
# Packet security on our corosync: with secauth (aes256 + sha256) and the
# same authkey three nodes form one ring and carry CPG traffic; a node with
# another key never joins, its packets are dropped and counted in cmap
# (stats.net.rx_bad_auth) with a log line that names the cause; a missing
# key stops corosync with an error naming the file.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
NODES=${HARNESS_ROOT:-/var/tmp/cs-harness}/nodes

# put_key NODE FILE: the node's /etc/corosync/authkey
put_key() {
	install -m 0400 "$2" "$NODES/node$1/etc-corosync/authkey"
}

key_a=$(mktemp)
key_b=$(mktemp)
trap 'rm -f "$key_a" "$key_b"; testlib_cleanup' EXIT
head -c 256 /dev/urandom >"$key_a"
head -c 256 /dev/urandom >"$key_b"

export CLUSTER_TOTEM_OPTS="secauth: on"
"$CLUSTER" up 3 >/dev/null
for n in 1 2 3; do put_key "$n" "$key_a"; done
"$CLUSTER" start all >/dev/null
check "secauth, same key: 3 nodes form one ring" wait_for 30 ring_is "1 2 3" 1 2 3
check "the log names the protection" sh -c \
	"'$CLUSTER' log node1 | grep -q 'Packets are protected with crypto_cipher aes256 crypto_hash sha256'"
got=$("$CLUSTER" exec node2 sh -c "'$BUILD_DIR/tests/tools/cpg_test_client' -g crypto \
	-o /tmp/crypto.log -r 20 -s 5000 -t 2 && grep -c '^M ' /tmp/crypto.log" 2>/dev/null)
check "CPG messages (5000 bytes: fragmented, encrypted) are delivered (${got:-0})" \
	test "${got:-0}" -ge 20

# node3 restarts with another key
"$CLUSTER" stop node3 >/dev/null
put_key 3 "$key_b"
"$CLUSTER" start node3 >/dev/null
wait_for 30 ring_is "1 2" 1 2
sleep 10
check "a node with another key never joins" ring_is "1 2" 1 2
check "... and stays alone" ring_is "3" 3
bad=$("$CLUSTER" exec node1 "$PREFIX/sbin/corosync-cmapctl" -m stats stats.net.rx_bad_auth 2>/dev/null |
	sed -n 's/.*= //p')
check "its packets are dropped and counted (stats.net.rx_bad_auth = ${bad:-none})" test "${bad:-0}" -gt 0
check "the log says why" sh -c \
	"'$CLUSTER' log node1 | grep -q 'failed authentication (bad digest): every node needs the same authkey'"

# the same key again: it joins
"$CLUSTER" stop node3 >/dev/null
put_key 3 "$key_a"
"$CLUSTER" start node3 >/dev/null
check "with the right key it joins" wait_for 30 ring_is "1 2 3" 1 2 3
"$CLUSTER" down >/dev/null

# no key at all: corosync refuses to start and says which file
"$CLUSTER" up 1 >/dev/null
"$CLUSTER" start node1 >/dev/null 2>&1
check "without an authkey corosync does not run" sh -c "! '$CLUSTER' exec node1 pgrep -x corosync >/dev/null"
check "the log names the missing key file and corosync-keygen" sh -c \
	"'$CLUSTER' log node1 | grep -q '/etc/corosync/authkey.*corosync-keygen'"
"$CLUSTER" down >/dev/null

finish
