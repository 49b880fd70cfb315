#!/bin/bash
# The distribution's own corosync tools (corosync-cmapctl, corosync-cfgtool,
# corosync-cpgtool, linked against corosync's libcmap, libcfg and libcpg)
# against OUR corosync daemon: they prove the cmap and cfg IPC layouts, and
# their output must read like the real daemon's (the captures in the
# protocol reference).  A small client built against corosync's libcfg
# (when a compiler and its headers are there) vetoes a shutdown the way
# pacemakerd does.
#
# The daemon runs alone in a private network and mount namespace (its IPC
# sockets are abstract, hence per network namespace; its ring buffers and
# pid file go to private tmpfs mounts); the tools join it with nsenter.
#   VALGRIND=1  runs the daemon under valgrind: any invalid access or leak
#               fails the run.
# Exit 0 pass, 77 skip, 99 cannot run, anything else fail.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$top/build}
daemon=$build/corosync/exec/corosync
TOOLS=/usr/sbin
# Bounds, in seconds: start-up, one tool, shutdown.
START_WAIT=30
TOOL_WAIT=20
STOP_WAIT=30

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

[ -x "$TOOLS/corosync-cmapctl" ] ||
	skip "$TOOLS/corosync-cmapctl is not installed (package corosync): no real tools to check with"
[ "$(id -u)" -eq 0 ] || skip "needs root for network and mount namespaces"
command -v ip >/dev/null || skip "ip (iproute2) is not installed"
command -v nsenter >/dev/null || skip "nsenter (util-linux) is not installed"
unshare --net --mount true 2>/dev/null || skip "no network/mount namespace support (unshare failed)"
[ -x "$daemon" ] || { echo "$daemon is not built (build in $build first)" >&2; exit 99; }
if [ "${VALGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null || skip "VALGRIND=1 but valgrind is not installed"
	WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
--error-exitcode=99 --suppressions=$top/tests/valgrind.supp --log-file=VGLOG"
	START_WAIT=90
	STOP_WAIT=90
else
	WRAP=""
fi

tmp=$(mktemp -d /tmp/real-tools.XXXXXX) || exit 99
cs_pid="" netns="" veto_pid="" n2_pid="" namespaces=""
# the veth pair of the two-node run (only its name is ours)
veth=rt$$
n=0 failed=0

cleanup() {
	local p
	for p in $veto_pid $cs_pid $n2_pid; do
		if kill -0 "$p" 2>/dev/null; then
			kill -KILL "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		fi
	done
	# still here only if it was never moved into a namespace
	ip link del "${veth}1" 2>/dev/null
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

# Run a command inside the daemon's namespaces, bounded in time.
in_ns() {
	nsenter --target "$cs_pid" --net --mount timeout "$TOOL_WAIT" "$@"
}

# Compare what a command printed (stdout, then stderr) and its status
# with what is expected; show the difference when they disagree.
# expect NAME WANT_RC WANT_TEXT COMMAND...
expect() {
	local name=$1 want_rc=$2 want=$3 rc
	shift 3
	in_ns "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
	cat "$tmp/$name.err" >>"$tmp/$name.out"
	printf '%s' "$want" >"$tmp/$name.want"
	if ! cmp -s "$tmp/$name.want" "$tmp/$name.out" || [ "$rc" -ne "$want_rc" ]; then
		echo "# $*: exit status $rc (want $want_rc); want (-) and got (+):"
		diff -u "$tmp/$name.want" "$tmp/$name.out" | tail -n +3 | sed 's/^/#   /'
		return 1
	fi
}

# Lines that must appear, in this order, in what a command printed.
# expect_lines NAME WANT_TEXT COMMAND...
expect_lines() {
	local name=$1 want=$2
	shift 2
	in_ns "$@" >"$tmp/$name.out" 2>&1 || { echo "# $*: exit status $?"; return 1; }
	printf '%s' "$want" >"$tmp/$name.want"
	if [ "$(grep -Fx -f "$tmp/$name.want" "$tmp/$name.out")" != "$(cat "$tmp/$name.want")" ]; then
		echo "# $* lacks some of these lines (or has them in another order):"
		sed 's/^/#   /' "$tmp/$name.want"
		return 1
	fi
}

write_conf() {
	cat >"$tmp/corosync.conf" <<EOF
totem {
	version: 2
	cluster_name: real-tools
	transport: udpu
}
nodelist {
	node {
		ring0_addr: 127.0.0.1
		name: n1
		nodeid: 1
	}
}
logging {
	to_logfile: yes
	logfile: $tmp/corosync.log
	to_stderr: no
	to_syslog: no
	$1
}
system {
	state_dir: $tmp/state
}
EOF
}

# Note the network namespace of daemon @1, to check that it goes away.
remember_ns() {
	local ns
	ns=$(readlink "/proc/$1/ns/net")
	[ -n "$ns" ] && [ "$ns" != "$(readlink /proc/self/ns/net)" ] || return 1
	namespaces="$namespaces $ns"
}

# Start our daemon in new namespaces (the shell that sets them up becomes
# the daemon) and wait until it answers.
start() {
	local run=$1 i
	mkdir -p "$tmp/state"
	unshare --net --mount sh -c '
		mount --make-rprivate / &&
		mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
		mount -t tmpfs -o mode=0755 tmpfs /run &&
		ip link set lo up &&
		exec $0 "$1" -f -c "$2"' "${WRAP//VGLOG/$tmp/valgrind-$run.log}" "$daemon" \
		"$tmp/corosync.conf" >"$tmp/daemon-$run.out" 2>&1 &
	cs_pid=$!
	for ((i = 0; i < START_WAIT * 10; i++)); do
		kill -0 "$cs_pid" 2>/dev/null || return 1
		netns=$(readlink "/proc/$cs_pid/ns/net")
		if [ "$netns" != "$(readlink /proc/self/ns/net)" ] &&
			nsenter --target "$cs_pid" --net --mount "$TOOLS/corosync-cfgtool" -n \
				>/dev/null 2>&1; then
			remember_ns "$cs_pid"
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# Wait for daemon @1 to exit on its own; its status must be 0.
exited() {
	local i rc
	for ((i = 0; i < STOP_WAIT * 10; i++)); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$1" 2>/dev/null && { echo "# the daemon is still running"; return 1; }
	wait "$1"
	rc=$?
	[ "$rc" -eq 0 ] || { echo "# the daemon exited with status $rc"; return 1; }
}

stopped() {
	local pid=$cs_pid
	cs_pid=""
	exited "$pid"
}

logged() {
	grep -q -- "$1" "$tmp/corosync.log" || { echo "# not in the log: $1"; return 1; }
}

bail_out() {
	echo "# daemon output and log:"
	cat "$tmp"/daemon-*.out "$tmp/corosync.log" 2>/dev/null | tail -n 30 | sed 's/^/#   /'
	echo "1..$n"
	exit 1
}

# ---- run 1: what the tools read and write ----

write_conf ""
check "our corosync starts in its own namespaces and answers cfg" start 1
[ "$failed" -eq 0 ] || bail_out

check "corosync-cmapctl lists the keys tools and pacemaker read" expect_lines all \
"internal_configuration.service.0.name (str) = corosync_cmap
internal_configuration.service.1.name (str) = corosync_cfg
internal_configuration.service.2.name (str) = corosync_cpg
nodelist.local_node_pos (u32) = 0
nodelist.node.0.name (str) = n1
nodelist.node.0.nodeid (u32) = 1
nodelist.node.0.ring0_addr (str) = 127.0.0.1
runtime.config.totem.consensus (u32) = 3600
runtime.config.totem.hold (u32) = 561
runtime.config.totem.token (u32) = 3000
runtime.config.totem.token_retransmit (u32) = 714
runtime.members.1.ip (str) = r(0) ip(127.0.0.1) 
runtime.members.1.status (str) = joined
totem.cluster_name (str) = real-tools
totem.transport (str) = udpu
" "$TOOLS/corosync-cmapctl"

check "corosync-cmapctl -g runtime.config.totem.token" expect get_token 0 \
	"runtime.config.totem.token (u32) = 3000
" "$TOOLS/corosync-cmapctl" -g runtime.config.totem.token

check "corosync-cmapctl -g of a missing key: CS_ERR_NOT_EXIST" expect get_missing 1 \
	"Can't get key totem.token. Error CS_ERR_NOT_EXIST
" "$TOOLS/corosync-cmapctl" -g totem.token

check "corosync-cmapctl nodelist" expect nodelist 0 \
	"nodelist.local_node_pos (u32) = 0
nodelist.node.0.name (str) = n1
nodelist.node.0.nodeid (u32) = 1
nodelist.node.0.ring0_addr (str) = 127.0.0.1
" "$TOOLS/corosync-cmapctl" nodelist

check "corosync-cmapctl runtime.members" expect members 0 \
	"runtime.members.1.config_version (u64) = 0
runtime.members.1.ip (str) = r(0) ip(127.0.0.1) 
runtime.members.1.join_count (u32) = 1
runtime.members.1.status (str) = joined
" "$TOOLS/corosync-cmapctl" runtime.members

stats() {
	expect_lines stats "stats.srp.operational_entered (u64) = 1
" "$TOOLS/corosync-cmapctl" -m stats &&
		grep -Eq '^stats\.pg\.msg_tx \(u64\) = [0-9]+$' "$tmp/stats.out"
}
check "corosync-cmapctl -m stats shows the totem counters" stats

set_get() {
	in_ns "$TOOLS/corosync-cmapctl" -s test.number u32 42 &&
		in_ns "$TOOLS/corosync-cmapctl" -s test.text str "two words" &&
		expect set_get 0 "test.number (u32) = 42
test.text (str) = two words
" "$TOOLS/corosync-cmapctl" test. &&
		in_ns "$TOOLS/corosync-cmapctl" -d test.number &&
		expect deleted 1 "Can't get key test.number. Error CS_ERR_NOT_EXIST
" "$TOOLS/corosync-cmapctl" -g test.number
}
check "corosync-cmapctl -s, -g and -d" set_get

check "corosync-cmapctl -d of a missing key: CS_ERR_NOT_EXIST" expect delete_missing 1 \
	"Can't delete key no.such.key. Error CS_ERR_NOT_EXIST
" "$TOOLS/corosync-cmapctl" -d no.such.key

read_only() {
	expect ro_set 1 "Failed to set key runtime.config.totem.token. Error CS_ERR_ACCESS
" "$TOOLS/corosync-cmapctl" -s runtime.config.totem.token u32 1 &&
		expect ro_name 1 "Failed to set key totem.cluster_name. Error CS_ERR_ACCESS
" "$TOOLS/corosync-cmapctl" -s totem.cluster_name str other &&
		expect ro_kept 0 "runtime.config.totem.token (u32) = 3000
" "$TOOLS/corosync-cmapctl" -g runtime.config.totem.token
}
check "read-only keys refuse writes with CS_ERR_ACCESS and keep their value" read_only

# -T reads "q" from its standard input to stop.
tracking() {
	(sleep 2; echo q) | in_ns "$TOOLS/corosync-cmapctl" -T test. >"$tmp/track.out" 2>&1 &
	local tracker=$!
	sleep 0.7
	in_ns "$TOOLS/corosync-cmapctl" -s test.key u32 6 &&
		in_ns "$TOOLS/corosync-cmapctl" -s test.key u32 7 &&
		in_ns "$TOOLS/corosync-cmapctl" -d test.key &&
		in_ns "$TOOLS/corosync-cmapctl" -s test.new str abc || return 1
	wait "$tracker" || return 1
	printf '%s' 'Type "q" to finish
create> test.key (u32) = 6
modify> test.key (u32) = 7
delete> test.key (u32) = 7
create> test.new (str) = abc
' >"$tmp/track.want"
	diff -u "$tmp/track.want" "$tmp/track.out" | tail -n +3 | sed 's/^/#   /'
	cmp -s "$tmp/track.want" "$tmp/track.out"
}
check "corosync-cmapctl -T hears additions, changes and deletions" tracking

check "corosync-cfgtool -s" expect cfgtool_s 0 \
	"Local node ID 1, transport udpu
LINK ID 0 
	addr	= 127.0.0.1
	status:
		nodeid:          1:	localhost
" "$TOOLS/corosync-cfgtool" -s

check "corosync-cfgtool -s -b" expect cfgtool_b 0 \
	"Local node ID 1, transport udpu
LINK ID 0 
	addr	= 127.0.0.1
	status	= n
" "$TOOLS/corosync-cfgtool" -s -b

check "corosync-cfgtool -n" expect cfgtool_n 0 "Local node ID 1, transport udpu
" "$TOOLS/corosync-cfgtool" -n

check "corosync-cfgtool -a 1" expect addr_1 0 "127.0.0.1
" "$TOOLS/corosync-cfgtool" -a 1

check "corosync-cfgtool -a of an unknown node fails" expect addr_2 1 \
	"Could not get node address for nodeid 2
" "$TOOLS/corosync-cfgtool" -a 2

check "corosync-cpgtool without groups" expect cpgtool 0 "Group Name	       PID	   Node ID
" "$TOOLS/corosync-cpgtool"

reload() {
	write_conf "debug: on"
	expect reload 0 "Reloading corosync.conf...
Done
" "$TOOLS/corosync-cfgtool" -R &&
		expect reloaded 0 "logging.debug (str) = on
" "$TOOLS/corosync-cmapctl" -g logging.debug &&
		logged "Config reload requested by node 1"
}
check "corosync-cfgtool -R reloads corosync.conf" reload

check "corosync-cfgtool -L reopens the log files" expect reopen 0 "" "$TOOLS/corosync-cfgtool" -L

# A client of corosync's libcfg.  "veto SECONDS" tracks shutdowns and
# answers no, as pacemakerd does: a plain shutdown is refused, --force goes
# ahead.  "rings" prints what the calls no shipped tool makes return.
cat >"$tmp/veto.c" <<'EOF'
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <corosync/cfg.h>

static int rings(void)
{
	corosync_cfg_handle_t h;
	corosync_cfg_node_address_t addr;
	char **names, **status, text[INET6_ADDRSTRLEN];
	unsigned int count;
	int n = 0;

	if (corosync_cfg_initialize(&h, NULL) != CS_OK ||
	    corosync_cfg_ring_status_get(h, &names, &status, &count) != CS_OK) {
		return 1;
	}
	for (unsigned int i = 0; i < count; i++) {
		printf("%s|%s\n", names[i], status[i]);
		free(names[i]);
		free(status[i]);
	}
	free(names);
	free(status);
	if (corosync_cfg_get_node_addrs(h, 0, 1, &n, &addr) != CS_OK || n != 1) {
		return 1;
	}
	inet_ntop(AF_INET, &((struct sockaddr_in *)addr.address)->sin_addr, text, sizeof(text));
	printf("local %s\n", text);
	corosync_cfg_finalize(h);
	return 0;
}

static void asked(corosync_cfg_handle_t h, corosync_cfg_shutdown_flags_t flags)
{
	printf("asked %d\n", (int)flags);
	fflush(stdout);
	corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_NO);
}

int main(int argc, char **argv)
{
	corosync_cfg_callbacks_t callbacks = { asked };
	corosync_cfg_handle_t h;
	time_t end = time(NULL) + (argc > 2 ? atoi(argv[2]) : 30);
	int fd;

	if (argc > 1 && strcmp(argv[1], "rings") == 0) {
		return rings();
	}
	if (corosync_cfg_initialize(&h, &callbacks) != CS_OK ||
	    corosync_cfg_trackstart(h, 0) != CS_OK || corosync_cfg_fd_get(h, &fd) != CS_OK) {
		return 1;
	}
	printf("tracking\n");
	fflush(stdout);
	while (time(NULL) < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		if (poll(&p, 1, 100) > 0 && corosync_cfg_dispatch(h, CS_DISPATCH_ALL) != CS_OK) {
			break; /* the daemon is gone */
		}
	}
	corosync_cfg_finalize(h);
	return 0;
}
EOF
cc=${CC:-cc}
if command -v "$cc" >/dev/null && [ -r /usr/include/corosync/cfg.h ] &&
	"$cc" -o "$tmp/veto" "$tmp/veto.c" -lcfg 2>"$tmp/veto.cc.err"; then
	check "libcfg's ring status and local address" expect rings 0 \
		"0 127.0.0.1|ring 0 active with no faults
local 127.0.0.1
" "$tmp/veto" rings

	veto_tracks() {
		local i
		nsenter --target "$cs_pid" --net --mount "$tmp/veto" veto \
			$((STOP_WAIT + TOOL_WAIT * 2)) >"$tmp/veto.out" 2>&1 &
		veto_pid=$!
		for ((i = 0; i < 100; i++)); do
			grep -q tracking "$tmp/veto.out" && return 0
			sleep 0.1
		done
		return 1
	}
	check "a libcfg client of corosync tracks shutdowns" veto_tracks

	refused() {
		expect refused 0 "Shutting down corosync
Could not shutdown (error = 10)
" "$TOOLS/corosync-cfgtool" -H &&
			kill -0 "$cs_pid" && grep -qx "asked 0" "$tmp/veto.out"
	}
	check "corosync-cfgtool -H is refused by the tracking client (CS_ERR_BUSY)" refused

	forced() {
		expect forced 0 "Shutting down corosync
" "$TOOLS/corosync-cfgtool" -H --force &&
			stopped && grep -qx "asked 1" "$tmp/veto.out"
	}
	check "corosync-cfgtool -H --force shuts down despite the no" forced
else
	echo "# corosync's cfg.h or a compiler is missing: no shutdown veto"
	check "corosync-cfgtool -H shuts the daemon down" expect shutdown 0 \
		"Shutting down corosync
" "$TOOLS/corosync-cfgtool" -H
	check "the daemon exits with status 0" stopped
fi
check "it logged the shutdown request and exited normally" \
	logged "Corosync Cluster Engine exiting normally"
if [ -n "$veto_pid" ]; then
	wait "$veto_pid" 2>/dev/null
	veto_pid=""
fi

# ---- run 2: a node killed through cfg ----

check "our corosync starts again" start 2
[ "$failed" -eq 0 ] || bail_out
killed() {
	expect kill 0 "Killing node 1
" "$TOOLS/corosync-cfgtool" -k 1 && stopped &&
		logged "Killed by node 1: Killed by corosync-cfgtool"
}
check "corosync-cfgtool -k 1 makes the node leave, logging who and why" killed

# ---- run 3: two nodes joined by a veth pair ----

# Node @1's configuration; each node finds itself by its address.
write_node_conf() {
	cat >"$tmp/n$1.conf" <<EOF
totem {
	version: 2
	cluster_name: real-tools
	transport: udpu
}
nodelist {
	node {
		ring0_addr: 198.18.77.1
		name: n1
		nodeid: 1
	}
	node {
		ring0_addr: 198.18.77.2
		name: n2
		nodeid: 2
	}
}
logging {
	to_logfile: yes
	logfile: $tmp/n$1.log
	to_stderr: no
	to_syslog: no
}
system {
	state_dir: $tmp/state$1
}
EOF
	mkdir -p "$tmp/state$1"
}

# Start node @1 in new namespaces: it waits for its end of the pair to
# arrive, configures it and becomes the daemon (pid in $node_pid).
start_node() {
	write_node_conf "$1"
	unshare --net --mount sh -c '
		mount --make-rprivate / &&
		mount -t tmpfs -o mode=1777 tmpfs /dev/shm &&
		mount -t tmpfs -o mode=0755 tmpfs /run || exit 1
		i=0
		while ! ip link show "$1" >/dev/null 2>&1; do
			i=$((i + 1)); [ $i -lt 400 ] || exit 1; sleep 0.05
		done
		ip link set lo up && ip addr add "$2/24" dev "$1" && ip link set "$1" up &&
		exec $0 "$3" -f -c "$4"' "${WRAP//VGLOG/$tmp/valgrind-n$1.log}" "$veth$1" \
		"198.18.77.$1" "$daemon" "$tmp/n$1.conf" >"$tmp/daemon-n$1.out" 2>&1 &
	node_pid=$!
}

# Wait until node 1 sees node 2 as @1 ("joined" or "left").
member2_is() {
	local i
	for ((i = 0; i < START_WAIT * 10; i++)); do
		[ "$(in_ns "$TOOLS/corosync-cmapctl" -q -g runtime.members.2.status 2>/dev/null)" = "$1" ] &&
			return 0
		sleep 0.1
	done
	echo "# node 1 does not see node 2 $1"
	return 1
}

pair() {
	start_node 1
	cs_pid=$node_pid
	start_node 2
	n2_pid=$node_pid
	ip link set "${veth}1" netns "$cs_pid" && ip link set "${veth}2" netns "$n2_pid" || return 1
	member2_is joined || return 1
	remember_ns "$cs_pid" && remember_ns "$n2_pid"
}

pair_status() {
	printf 'Local node ID 1, transport udpu\nLINK ID 0 \n\taddr\t= 198.18.77.1\n\tstatus:\n'
	printf '\t\tnodeid:          1:\tlocalhost\n\t\tnodeid:          2:\t%s\n' "$1"
}

both_reload() {
	expect pair_reload 0 "Reloading corosync.conf...
Done
" "$TOOLS/corosync-cfgtool" -R &&
		grep -q "Config reload requested by node 1" "$tmp/n1.log" &&
		grep -q "Config reload requested by node 1" "$tmp/n2.log"
}

kill_two() {
	local pid=$n2_pid
	expect pair_kill 0 "Killing node 2
" "$TOOLS/corosync-cfgtool" -k 2 || return 1
	n2_pid=""
	exited "$pid" || return 1
	grep -q "Killed by node 1: Killed by corosync-cfgtool; corosync shuts down" "$tmp/n2.log" ||
		{ echo "# node 2 did not log who killed it and why"; return 1; }
}

node2_gone() {
	member2_is left &&
		expect pair_gone 0 "$(pair_status disconnected)
" "$TOOLS/corosync-cfgtool" -s
}

stop_node1() {
	kill -TERM "$cs_pid" && stopped
}

if ip link add "${veth}1" type veth peer name "${veth}2" 2>"$tmp/veth.err"; then
	check "two nodes on a veth pair form a ring" pair
	[ "$failed" -eq 0 ] || bail_out
	check "corosync-cfgtool -s on node 1 shows node 2 connected" \
		expect pair_s 0 "$(pair_status connected)
" "$TOOLS/corosync-cfgtool" -s
	check "corosync-cfgtool -a 2 on node 1" \
		expect pair_a 0 $'198.18.77.2\n' "$TOOLS/corosync-cfgtool" -a 2
	check "corosync-cfgtool -R on node 1 reloads both nodes" both_reload
	check "corosync-cfgtool -k 2 on node 1: node 2 leaves, naming node 1 and the reason" \
		kill_two
	check "node 1 sees node 2 left and disconnected" node2_gone
	check "node 1 stops cleanly on SIGTERM" stop_node1
else
	echo "# no veth pair ($(cat "$tmp/veth.err")): the two-node run is skipped"
fi

# ---- nothing left ----

no_errors_logged() {
	local errors
	errors=$(cat "$tmp/corosync.log" "$tmp"/n*.log | grep -E ' (error|crit|alert|emerg) +\[')
	[ -z "$errors" ] || { echo "$errors" | sed 's/^/# /'; return 1; }
}
check "the daemon logged no errors" no_errors_logged

if [ "${VALGRIND:-0}" = 1 ]; then
	clean_valgrind() {
		local f rc=0
		[ -e "$tmp/valgrind-1.log" ] && [ -e "$tmp/valgrind-2.log" ] ||
			{ echo "# the daemon did not run under valgrind"; return 1; }
		for f in "$tmp"/valgrind-*.log; do
			if [ -s "$f" ]; then
				sed 's/^/# /' "$f" | head -n 60
				rc=1
			fi
		done
		return $rc
	}
	check "valgrind found no invalid access and no leak" clean_valgrind
fi

nothing_left() {
	local p ns
	[ -n "$namespaces" ] || return 1
	for p in /proc/[0-9]*; do
		ns=$(readlink "$p/ns/net" 2>/dev/null) || continue
		case " $namespaces " in
		*" $ns "*)
			echo "# left: $p $(tr '\0' ' ' <"$p/cmdline")"
			return 1
			;;
		esac
	done
	! ip link show "${veth}1" >/dev/null 2>&1
}
check "no process and no namespace left behind" nothing_left

if [ "$failed" -ne 0 ]; then
	echo "# corosync log:"
	tail -n 30 "$tmp/corosync.log" 2>/dev/null | sed 's/^/#   /'
fi
echo "1..$n"
[ "$failed" -eq 0 ]
