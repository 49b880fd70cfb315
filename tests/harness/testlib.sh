# Shared by the cluster scenarios (tests/cluster/*.sh): source it.
# Provides: CLUSTER, BUILD_DIR, check/ok/fail counting with TAP lines,
# bounded waits, node membership as totem sees it, and a cleanup that
# always brings the cluster down.
# shellcheck shell=bash

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CLUSTER=${CLUSTER:-$TOP/tests/harness/cluster}
BUILD_DIR=${BUILD_DIR:-$TOP/build}
# nodes have a private /tmp: a checkout there must be shown to them
export CLUSTER_SHARE="${CLUSTER_SHARE:-} $TOP $BUILD_DIR"
TESTS_DONE=0
TESTS_FAILED=0

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# The scenario needs root, namespaces and our corosync installed in the
# harness prefix (./run-tests installs it).
require_stack() {
	[ "$(id -u)" -eq 0 ] || skip "needs root for network, mount and PID namespaces"
	local probe=cshlib-probe-$$ left
	ip netns add "$probe" 2>/dev/null || skip "no network namespace support"
	ip netns del "$probe" || echo "# could not delete the probe namespace $probe" >&2
	local prefix
	prefix=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
	[ -x "$prefix/sbin/corosync" ] ||
		skip "corosync is not installed in $prefix (run: $CLUSTER install $BUILD_DIR)"
	[ -x "$BUILD_DIR/tests/tools/cpg_test_client" ] ||
		skip "build the tests first (make -C $BUILD_DIR)"
	left=$("$CLUSTER" leftovers)
	if [ -n "$left" ]; then
		echo "a harness cluster is up (${left//$'\n'/ }); run '$CLUSTER down' first" >&2
		exit 99
	fi
	trap testlib_cleanup EXIT
	trap 'exit 130' INT TERM
	# corosync only, unless the scenario asks for more: pacemakerd (and the
	# daemons it starts) is started by the scenarios that test it
	export CLUSTER_STACK=${CLUSTER_STACK:-corosync}
}

testlib_cleanup() {
	local j
	for j in $(jobs -p); do kill "$j" 2>/dev/null; done
	"$CLUSTER" down >/dev/null 2>&1
	wait 2>/dev/null
}

ok() {
	TESTS_DONE=$((TESTS_DONE + 1))
	echo "ok $TESTS_DONE - $*"
}

fail() {
	TESTS_DONE=$((TESTS_DONE + 1))
	TESTS_FAILED=$((TESTS_FAILED + 1))
	echo "not ok $TESTS_DONE - $*"
}

# check DESCRIPTION COMMAND...: one TAP line from the command's status.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

# Finish: exit status from the results.
finish() {
	echo "1..$TESTS_DONE"
	[ "$TESTS_FAILED" -eq 0 ]
}

now_ms() {
	echo $(( ${EPOCHREALTIME/./} / 1000 ))
}

# wait_for SECONDS COMMAND...: until the command succeeds, at most SECONDS.
wait_for() {
	local limit=$(($(now_ms) + $1 * 1000))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$limit" ] || return 1
		sleep 0.2
	done
}

# The members of the totem ring as node N sees them ("1 2 3").
members_of() {
	"$CLUSTER" exec "$1" "$BUILD_DIR/tests/tools/cpg_test_client" -m 2>/dev/null
}

# ring_is "1 2 3" NODE...: every listed node sees exactly that ring.
ring_is() {
	local want=$1 node
	shift
	for node in "$@"; do
		[ "$(members_of "$node")" = "$want" ] || return 1
	done
}
