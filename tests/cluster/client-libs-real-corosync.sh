#!/bin/bash
# Our libcmap, libcfg, libquorum and libvotequorum against the real corosync
# daemon (the distribution's, an oracle), the way libcpg-real-corosync.sh
# tests libcpg: a private single-node corosync runs in its own network and
# mount namespace, and cmap_check, cfg_check, quorum_check and
# votequorum_check, built from our sources against our libraries, exercise
# each API through it.  When a compiler and corosync's own headers are
# installed, each check is also built against corosync's library: run as
# is, it checks the checks; run with our library in its place, it checks
# that programs linked against corosync's library run with ours.
#
#   COROSYNC=path    the daemon to test against (default /usr/sbin/corosync)
#   OURS=1           the daemon is ours (client-libs-on-our-corosync.sh):
#                    a service it does not serve is skipped, and checks
#                    that fail are reported as TODO (daemon-side
#                    differences) instead of failing the run
# Exit 0 pass, 77 skip, 99 cannot run, anything else fail.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$top/build}
checks=$build/corosync/lib/tests
ourlib=$build/corosync/lib/.libs
COROSYNC=${COROSYNC:-/usr/sbin/corosync}
OURS=${OURS:-0}
LIBS="cmap cfg quorum votequorum"
# Bounds, in seconds: start-up, one check, shutdown.
START_WAIT=30
RUN_WAIT=120
STOP_WAIT=20

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

[ -x "$COROSYNC" ] || skip "$COROSYNC is not installed (package corosync): no reference daemon"
[ "$(id -u)" -eq 0 ] || skip "needs root for network and mount namespaces"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
command -v nsenter >/dev/null || skip "nsenter (util-linux) is not installed"
unshare --net --mount true 2>/dev/null || skip "no network/mount namespace support (unshare failed)"
for lib in $LIBS; do
	[ -x "$checks/${lib}_check" ] ||
		{ echo "$checks/${lib}_check is not built (build in $build first)" >&2; exit 99; }
done

tmp=$(mktemp -d /tmp/client-libs.XXXXXX) || exit 99
cs_pid="" netns=""
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

# As check, but with OURS=1 a failure is a TODO: a difference of our
# daemon, shown and counted, not a failure of the run.
check_lib() {
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n - $what"
	elif [ "$OURS" = 1 ]; then
		echo "not ok $n - $what # TODO our daemon differs from corosync here"
	else
		echo "not ok $n - $what"
		failed=$((failed + 1))
	fi
}

in_ns() {
	nsenter --target "$cs_pid" --net --mount "$@"
}

cat >"$tmp/corosync.conf" <<EOF
totem {
	version: 2
	cluster_name: client-libs
	transport: $([ "$OURS" = 1 ] && echo udpu || echo knet)
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
	local lib
	for lib in $LIBS; do
		unshare --net "$checks/${lib}_check" -e 2 || return 1
	done
}
check "without a daemon every library's initialize gives CS_ERR_LIBRARY" no_daemon

unshare --net --mount sh -c '
	mount --make-rprivate / &&
	mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
	mount -t tmpfs -o mode=0755 tmpfs /run &&
	ip link set lo up &&
	exec "$0" -f -c "$1"' "$COROSYNC" "$tmp/corosync.conf" >"$tmp/corosync.out" 2>&1 &
cs_pid=$!

started() {
	local i
	for ((i = 0; i < START_WAIT * 10; i++)); do
		[ "$(readlink "/proc/$cs_pid/exe")" = "$(readlink -f "$COROSYNC")" ] && break
		kill -0 "$cs_pid" 2>/dev/null || return 1
		sleep 0.1
	done
	netns=$(readlink "/proc/$cs_pid/ns/net")
	[ -n "$netns" ] && [ "$netns" != "$(readlink /proc/self/ns/net)" ] || return 1
	in_ns timeout "$((START_WAIT + 5))" "$checks/cmap_check" -w "$START_WAIT"
}
check "corosync started in its own namespaces and answers cmap" started
if [ "$failed" -ne 0 ]; then
	echo "# corosync output and log:"
	cat "$tmp/corosync.out" "$tmp/corosync.log" 2>/dev/null | tail -n 30 | sed 's/^/#   /'
	echo "1..$n"
	exit 1
fi

if command -v setpriv >/dev/null; then
	unprivileged() {
		in_ns setpriv --reuid=65534 --regid=65534 --clear-groups "$checks/cmap_check" -e 11
	}
	check "an unprivileged process is refused with CS_ERR_ACCESS" unprivileged
fi

# One run of a check binary: its TAP goes to the log and, indented as
# comments, to ours; it must pass and use the library @3.
run_check() {
	local name=$1 lib=$2 want_lib=$3
	shift 3
	in_ns timeout "$RUN_WAIT" "$@" >"$tmp/$name.tap" 2>&1
	local rc=$?
	sed 's/^/#   /' "$tmp/$name.tap"
	[ "$rc" -eq 0 ] || { echo "# $name: exit status $rc" >&2; return 1; }
	grep -q "^# lib$lib from $want_lib" "$tmp/$name.tap" ||
		{ echo "# $name did not load $want_lib" >&2; return 1; }
	! grep -q '^not ok' "$tmp/$name.tap"
}

# Does the daemon serve @1 at all?  (Ours may not serve every service.)
served() {
	in_ns timeout 10 "$checks/${1}_check" -w 3 >/dev/null 2>&1
}

cc=${CC:-cc}
for lib in $LIBS; do
	if [ "$OURS" = 1 ] && ! served "$lib"; then
		n=$((n + 1))
		echo "ok $n # SKIP the daemon does not serve $lib"
		continue
	fi
	check_lib "${lib}_check with our lib$lib" \
		run_check "$lib.ours" "$lib" "$ourlib/lib$lib.so" "$checks/${lib}_check"
	if command -v "$cc" >/dev/null && [ -r "/usr/include/corosync/$lib.h" ] &&
		"$cc" -o "$tmp/${lib}_check.real" -I"$top/corosync/lib/tests" \
			"$top/corosync/lib/tests/${lib}_check.c" -l"$lib" -ldl 2>"$tmp/cc.$lib.err"; then
		reallib=$(ldd "$tmp/${lib}_check.real" | awk -v l="lib$lib.so" 'index($1, l) == 1 { print $3 }')
		check_lib "${lib}_check built with corosync's lib$lib passes with it" \
			run_check "$lib.real" "$lib" "$reallib" "$tmp/${lib}_check.real"
		check_lib "the same binary passes with our lib$lib in its place" \
			run_check "$lib.abi" "$lib" "$ourlib/lib$lib.so" \
			env LD_LIBRARY_PATH="$ourlib" "$tmp/${lib}_check.real"
	else
		echo "# corosync's $lib.h or a compiler is missing: not cross-checked with its lib$lib"
	fi
done

# Nothing our libraries sent made the daemon complain.  The checks ask
# about node 999 on purpose; corosync's knet layer logs that as an error.
# The refusal of the unprivileged process is logged as errors too.
no_errors_logged() {
	local errors
	errors=$(grep -E ' (error|crit|alert|emerg) +\[' "$tmp/corosync.log" |
		grep -vE 'Denied connection attempt from 65534:65534|Invalid IPC credentials|Unable to find host 999')
	[ -z "$errors" ] || { echo "$errors" | sed 's/^/# /'; return 1; }
}
check_lib "corosync logged no errors" no_errors_logged

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
	[ "$rc" -eq 0 ]
}
check "corosync stops cleanly on SIGTERM" stop

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
