#!/bin/bash
# Our libcpg against the real corosync daemon (the distribution's, an
# oracle): a private single-node corosync runs in its own network and mount
# namespace (its IPC sockets are abstract, hence per network namespace, and
# its ring buffers live in a private /dev/shm), and cpg_check, built from
# our sources against our libcpg, exercises the whole API through it.
# When a compiler and corosync's own headers are installed, the same
# cpg_check source is also built against corosync's libcpg: run as is, it
# checks the checks; run with our library in its place, it checks that
# programs linked against corosync's library run with ours.
# Exit 0 pass, 77 skip, 99 cannot run, anything else fail.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$top/build}
check=$build/corosync/lib/tests/cpg_check
ourlib=$build/corosync/lib/.libs
COROSYNC=${COROSYNC:-/usr/sbin/corosync}
# Bounds, in seconds: start-up, one run of cpg_check, shutdown.
START_WAIT=30
RUN_WAIT=180
STOP_WAIT=20

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

[ -x "$COROSYNC" ] || skip "$COROSYNC is not installed (package corosync): no reference daemon"
[ "$(id -u)" -eq 0 ] || skip "needs root for network and mount namespaces"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
unshare --net --mount true 2>/dev/null || skip "no network/mount namespace support (unshare failed)"
[ -x "$check" ] || { echo "$check is not built (build in ${BUILD_DIR:-$top/build} first)" >&2; exit 99; }

tmp=$(mktemp -d /tmp/libcpg-real.XXXXXX) || exit 99
cs_pid=""
n=0 failed=0

cleanup() {
	if [ -n "$cs_pid" ] && kill -0 "$cs_pid" 2>/dev/null; then
		kill -KILL "$cs_pid" 2>/dev/null
		wait "$cs_pid" 2>/dev/null
	fi
	if [ "$failed" -eq 0 ]; then
		rm -rf "$tmp"
	else
		echo "# logs kept in $tmp" >&2
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

check() {
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $what"
	else
		echo "not ok $n - $what"
		failed=$((failed + 1))
	fi
}

# Run a command inside corosync's namespaces.
in_ns() {
	nsenter --target "$cs_pid" --net --mount "$@"
}

cat >"$tmp/corosync.conf" <<EOF
totem {
	version: 2
	cluster_name: libcpg-test
	transport: knet
	crypto_cipher: none
	crypto_hash: none
}
nodelist {
	node {
		name: node1
		nodeid: 1
		ring0_addr: 127.0.0.1
	}
}
quorum {
	provider: corosync_votequorum
}
logging {
	to_logfile: yes
	logfile: $tmp/corosync.log
	to_stderr: no
	to_syslog: no
	timestamp: on
	debug: off
}
system {
	state_dir: $tmp/state
}
EOF
mkdir -p "$tmp/state"

# In a network namespace without a daemon there is nothing to connect to.
no_daemon() {
	unshare --net "$check" -e 2
}
check "without a daemon cpg_initialize gives CS_ERR_LIBRARY" no_daemon

# Private /dev/shm and /run (pid file) in a new mount namespace, loopback up
# in a new network namespace, then corosync itself takes over the process.
unshare --net --mount sh -c '
	mount --make-rprivate / &&
	mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
	mount -t tmpfs -o mode=0755 tmpfs /run &&
	ip link set lo up &&
	exec "$0" -f -c "$1"' "$COROSYNC" "$tmp/corosync.conf" >"$tmp/corosync.out" 2>&1 &
cs_pid=$!

# Only once the process is corosync are its namespaces and mounts in place
# for nsenter; then it must answer.
netns=""
started() {
	local i
	for ((i = 0; i < START_WAIT * 10; i++)); do
		[ "$(readlink "/proc/$cs_pid/exe")" = "$(readlink -f "$COROSYNC")" ] && break
		kill -0 "$cs_pid" 2>/dev/null || return 1
		sleep 0.1
	done
	netns=$(readlink "/proc/$cs_pid/ns/net")
	[ -n "$netns" ] && [ "$netns" != "$(readlink /proc/self/ns/net)" ] || return 1
	in_ns timeout "$((START_WAIT + 5))" "$check" -w "$START_WAIT"
}
check "corosync started in its own namespaces and answers cpg" started
if [ "$failed" -ne 0 ]; then
	echo "# corosync output and log:"
	cat "$tmp/corosync.out" "$tmp/corosync.log" 2>/dev/null | tail -n 30 | sed 's/^/#   /'
	echo "1..$n"
	exit 1
fi

# corosync accepts only root (or the uidgid lists of its configuration).
if command -v setpriv >/dev/null; then
	unprivileged() {
		in_ns setpriv --reuid=65534 --regid=65534 --clear-groups "$check" -e 11
	}
	check "an unprivileged process is refused with CS_ERR_ACCESS" unprivileged
fi

# One run of a cpg_check binary: its TAP goes to the log and, indented as
# comments, to ours; it must pass and use the library @2.
run_check() {
	local name=$1 want_lib=$2
	shift 2
	in_ns timeout "$RUN_WAIT" "$@" >"$tmp/$name.tap" 2>&1
	local rc=$?
	sed 's/^/#   /' "$tmp/$name.tap"
	[ "$rc" -eq 0 ] || { echo "# $name: exit status $rc" >&2; return 1; }
	grep -q "^# libcpg from $want_lib" "$tmp/$name.tap" ||
		{ echo "# $name did not load $want_lib" >&2; return 1; }
	! grep -q '^not ok' "$tmp/$name.tap"
}

check "cpg_check with our libcpg" run_check ours "$ourlib/libcpg.so" "$check"

# The same checks with corosync's library, and that binary with ours.
cc=${CC:-cc}
if command -v "$cc" >/dev/null && [ -r /usr/include/corosync/cpg.h ] &&
	"$cc" -o "$tmp/cpg_check.real" "$top/corosync/lib/tests/cpg_check.c" -lcpg -ldl 2>"$tmp/cc.err"; then
	reallib=$(ldd "$tmp/cpg_check.real" | awk '$1 == "libcpg.so.4" { print $3 }')
	check "cpg_check built with corosync's libcpg passes with it" \
		run_check real "$reallib" "$tmp/cpg_check.real"
	check "the same binary passes with our libcpg in its place" \
		run_check abi "$ourlib/libcpg.so" env LD_LIBRARY_PATH="$ourlib" "$tmp/cpg_check.real"
else
	echo "# corosync's cpg.h or a compiler is missing: not cross-checked with its libcpg"
fi

# Nothing our library sent made the daemon complain (the refusal of the
# unprivileged process is logged as errors, on purpose).
no_errors_logged() {
	local errors
	errors=$(grep -E ' (error|crit|alert|emerg) +\[' "$tmp/corosync.log" |
		grep -vE 'Denied connection attempt from 65534:65534|Invalid IPC credentials')
	[ -z "$errors" ] || { echo "$errors" | sed 's/^/# /'; return 1; }
}
check "corosync logged no errors" no_errors_logged

stop() {
	kill -TERM "$cs_pid" || return 1
	for _ in $(seq $((STOP_WAIT * 10))); do
		kill -0 "$cs_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$cs_pid" 2>/dev/null && return 1
	wait "$cs_pid"
	local rc=$?
	cs_pid=""
	[ "$rc" -eq 0 ] && grep -q 'Corosync Cluster Engine exiting normally' "$tmp/corosync.log"
}
check "corosync stops cleanly on SIGTERM" stop

# No process is left in corosync's network namespace, nor any that uses
# our files; the namespace went with its last process.
nothing_left() {
	local p
	[ -n "$netns" ] || return 1
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/ns/net" 2>/dev/null)" != "$netns" ] || { echo "# left: $p" >&2; return 1; }
	done
	! pgrep -f "$tmp" >/dev/null
}
check "no process and no namespace left behind" nothing_left

if [ "$failed" -ne 0 ]; then
	echo "# corosync log:"
	tail -n 30 "$tmp/corosync.log" 2>/dev/null | sed 's/^/#   /'
fi
echo "1..$n"
[ "$failed" -eq 0 ]
