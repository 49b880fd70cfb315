#!/bin/bash
# Checks the N-node harness itself: every cluster scenario trusts that nodes
# are isolated from each other, that kill/revive/partition really cut the
# network, and that 'down' leaves the host as it found it.
# Exit 0 pass, 77 skip, 99 cannot run, anything else fail.
set -uo pipefail

CLUSTER=${CLUSTER:-$(dirname "$0")/../harness/cluster}
MOUNTPOINTS=(/etc/corosync /var/lib/corosync /var/lib/pacemaker /var/log/cluster)
NET=10.213.0
# Bound for "becomes (un)reachable": ARP and link changes settle in well under this.
SETTLE=10

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

[ "$(id -u)" -eq 0 ] || skip "needs root for network, mount and PID namespaces"
[ -x "$CLUSTER" ] || { echo "$CLUSTER is missing or not executable" >&2; exit 99; }
probe=cshtest-probe-$$
if ! ip netns add "$probe" 2>/dev/null; then skip "no network namespace support (ip netns add failed)"; fi
ip netns del "$probe"
unshare --mount --uts --ipc --pid --fork true 2>/dev/null ||
	skip "no mount/UTS/IPC/PID namespace support (unshare failed)"
# The names are global: destroying someone's running cluster would be worse
# than not testing.
left=$("$CLUSTER" leftovers)
if [ -n "$left" ]; then
	echo "a harness cluster is up on this host (${left//$'\n'/ }); run '$CLUSTER down' first" >&2
	exit 99
fi

# A private root keeps the test away from a developer's installed prefix.
own_root=""
if [ -z "${HARNESS_ROOT:-}" ]; then
	HARNESS_ROOT=$(mktemp -d /var/tmp/csh-test.XXXXXX) || exit 99
	own_root=$HARNESS_ROOT
fi
export HARNESS_ROOT

absent=()
for mp in "${MOUNTPOINTS[@]}"; do
	[ -e "$mp" ] || absent+=("$mp")
done

cleanup() {
	local j
	for j in $(jobs -p); do kill "$j" 2>/dev/null; done
	"$CLUSTER" down >/dev/null 2>&1
	wait 2>/dev/null
	[ -z "$own_root" ] || rm -rf "$own_root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

n=0 failed=0
check() {
	local what=$1
	shift
	n=$((n + 1))
	if "$@" >&2; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		failed=$((failed + 1))
	fi
}

cx() {
	"$CLUSTER" exec "$@"
}

# Helpers that run until 'down' kills them, disowned so that bash prints no
# job message when that happens.
bg_in() {
	cx "$@" >/dev/null 2>&1 &
	disown $!
}

# Reachability is "the peer's kernel answers": a ping reply, or else a TCP
# RST from a closed port (perl is in every Debian base system, ping is not).
PING=$(command -v ping || :)
reach() {
	if [ -n "$PING" ]; then
		cx "node$1" "$PING" -c 1 -W 1 -q "$NET.$2" >/dev/null 2>&1
	else
		cx "node$1" perl -MIO::Socket::INET -MErrno=ECONNREFUSED -e '
			my $s = IO::Socket::INET->new(PeerAddr => $ARGV[0], PeerPort => 9,
				Proto => "tcp", Timeout => 1);
			exit(($s || $! == ECONNREFUSED) ? 0 : 1);' "$NET.$2" 2>/dev/null
	fi
}

# A node that cannot run the probe proves nothing, so it must be on.
unreachable() {
	cx "node$1" true && ! reach "$@"
}

# Retries a command until it succeeds or SETTLE seconds pass.
eventually() {
	local end=$((SECONDS + SETTLE))
	until "$@"; do
		((SECONDS < end)) || return 1
		sleep 0.2
	done
}

# Both directions, since a partition must cut both.
reachable_both() {
	eventually reach "$1" "$2" && eventually reach "$2" "$1"
}

unreachable_both() {
	eventually unreachable "$1" "$2" && eventually unreachable "$2" "$1"
}

no_file_in() {
	cx "$1" test ! -e "$2"
}

abstract_in() {
	cx "$1" grep -q '@csh-harness-test' /proc/net/unix
}

hostname_is() {
	local got
	if command -v hostname >/dev/null; then got=$(cx "$1" hostname); else got=$(cx "$1" uname -n); fi
	[ "$got" = "$1" ]
}

nothing_left_of() {
	local ns=csh-$1
	[ -z "$(ip netns pids "$ns" 2>/dev/null)" ] &&
		! pgrep -f "^csh-holder $1( |\$)" >/dev/null &&
		! pgrep -f 'sleep 4242' >/dev/null &&
		"$CLUSTER" status | awk -v n="$1" '$1 == n && /power:off/ { off = 1 } END { exit !off }'
}

exit_code_is() {
	local want=$1
	shift
	"$CLUSTER" "$@"
	[ $? -eq "$want" ]
}

no_zombies_in() {
	cx "$1" sh -c 'for i in 1 2 3 4 5 6 7 8; do (sleep 0.1 &); done'
	sleep 0.5
	[ -z "$(cx "$1" sh -c 'grep -l "^State:.*Z" /proc/[0-9]*/status 2>/dev/null')" ]
}

multicast_floods() {
	local rc=0 pid
	cx node2 perl -MSocket=:all -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(LocalPort => 5405, Proto => "udp", ReuseAddr => 1) or exit 2;
		setsockopt($s, IPPROTO_IP, IP_ADD_MEMBERSHIP,
			pack_ip_mreq(inet_aton("239.192.13.1"), INADDR_ANY)) or exit 3;
		$SIG{ALRM} = sub { exit 4 }; alarm 5;
		$s->recv(my $buf, 64); exit($buf eq "harness" ? 0 : 5);' &
	pid=$!
	sleep 0.3
	cx node1 perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(PeerAddr => "239.192.13.1", PeerPort => 5405,
			Proto => "udp") or exit 2;
		for (1 .. 30) { $s->send("harness"); select(undef, undef, undef, 0.1) }' &
	wait "$pid" || rc=$?
	kill $! 2>/dev/null
	wait $! 2>/dev/null
	return "$rc"
}

host_clean() {
	local mp
	! ip netns list | grep "^csh-" >/dev/null || return 1
	! ip -o link show | grep ": csh-" >/dev/null || return 1
	! pgrep -f '^csh-holder ' >/dev/null || return 1
	! grep -qF " $HARNESS_ROOT/nodes" /proc/self/mountinfo || return 1
	for mp in "${absent[@]}"; do
		[ ! -e "$mp" ] || return 1
	done
}

# -- 1: nodes and their network
check "up 3 creates three nodes" "$CLUSTER" up 3
check "node1 and node2 reach each other" reachable_both 1 2
check "multicast from node1 floods to node2" multicast_floods

# -- 2: private /dev/shm and abstract sockets
check "a file can be made in node1's /dev/shm" cx node1 sh -c 'echo x > /dev/shm/csh-harness-test'
check "/dev/shm file of node1 is not in node2" no_file_in node2 /dev/shm/csh-harness-test
check "/dev/shm file of node1 is not on the host" test ! -e /dev/shm/csh-harness-test
bg_in node1 perl -MSocket -MIO::Socket::UNIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM(), Local => "\0csh-harness-test", Listen => 1)
		or die "bind: $!"; sleep 600;'
check "abstract socket bound in node1 shows in node1" eventually abstract_in node1
check "abstract socket of node1 is not in node2" \
	cx node2 sh -c 'grep -q ^Num /proc/net/unix && ! grep -q @csh-harness-test /proc/net/unix'

# -- 3 and 4: identity, disks, kill and revive
check "hostname in node2 is node2" hostname_is node2
check "files and a process can be made in node2" cx node2 sh -c \
	'echo keep > /var/lib/pacemaker/csh-harness-test && echo gone > /tmp/csh-harness-test && { sleep 4242 >/dev/null 2>&1 & }'
check "kill node2" "$CLUSTER" kill node2
check "node2 is unreachable from node1 after kill" eventually unreachable 1 2
check "no process of node2 remains after kill" nothing_left_of node2
check "revive node2" "$CLUSTER" revive node2
check "node2 is reachable again after revive" reachable_both 1 2
check "node2's /var/lib/pacemaker survives kill and revive" \
	eval '[ "$(cx node2 cat /var/lib/pacemaker/csh-harness-test)" = keep ]'
check "node2's /tmp is fresh after revive" no_file_in node2 /tmp/csh-harness-test

# -- 5: partitions
check "partition node1,node2 3" "$CLUSTER" partition node1,node2 3
check "node1 and node2 still reach each other" reachable_both 1 2
check "node1 and node3 are cut" unreachable_both 1 3
check "node2 and node3 are cut" unreachable_both 2 3
check "heal" "$CLUSTER" heal
check "node1 and node3 reach each other after heal" reachable_both 1 3

# -- 6: exec and PID 1
check "exec passes the exit code through" exit_code_is 3 exec node1 sh -c 'exit 3'
check "orphans in a node are reaped" no_zombies_in node1
check "an unknown verb is a usage error" exit_code_is 2 bogus-verb 2>/dev/null
check "up refuses while nodes exist" eval '! "$CLUSTER" up 2 2>/dev/null'

# -- 7: nothing left behind
check "down" "$CLUSTER" down
check "down leaves no namespace, link, holder, mount or mountpoint" host_clean
check "a second down is a no-op" "$CLUSTER" down

# -- 8: what a restart of the machine leaves where /run is no tmpfs: names
# in /run/netns with no namespace behind them and the run state of a cluster
# whose processes are gone
restart_remains() {
	mkdir -p /run/netns "$HARNESS_ROOT/run" &&
		: >/run/netns/csh-node1 && : >/run/netns/csh-node2 &&
		echo 2 >"$HARNESS_ROOT/run/count"
}
check "the remains of a cluster from before a restart are no cluster" \
	eval 'restart_remains && [ -z "$("$CLUSTER" leftovers)" ]'
check "up clears them and starts" "$CLUSTER" up 1
check "down after it" "$CLUSTER" down
check "nothing left behind" host_clean

echo "1..$n"
[ "$failed" -eq 0 ]
