# Shared by the agent tests (resource-agents/tests/*.sh): source it.
#
# Stages an OCF root from the build (our agents and shell functions, never
# the system's), runs agents the way a resource manager does (action as
# argument, parameters as OCF_RESKEY_*), creates network namespaces that
# are removed on exit, and prints TAP.
#
#   ra_require_root             skip the file unless root with netns support
#   ra_netns NAME               create namespace NAME (a unique name is
#                               made from it; printed), loopback up
#   ra_run AGENT ACTION [K=V..] run an agent; stderr kept in $RA_STDERR;
#                               inside $RA_NETNS when set; exit code returned
#   is_rc DESC WANT AGENT ACTION [K=V..]   one TAP line from ra_run's code
#   check DESC COMMAND...       one TAP line from a command's status
#   skip_all REASON             the whole file skips (TAP plan 1..0)
#   finish                      prints the plan, exits 1 if anything failed
# shellcheck shell=bash

RA_SRCDIR=${RA_SRCDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
RA_BUILDDIR=${RA_BUILDDIR:-$RA_SRCDIR}
RA_TESTS_DONE=0
RA_TESTS_FAILED=0
RA_CLEANUPS=()
RA_NETNS=${RA_NETNS:-}

ok() {
	RA_TESTS_DONE=$((RA_TESTS_DONE + 1))
	echo "ok $RA_TESTS_DONE - $*"
}

fail() {
	RA_TESTS_DONE=$((RA_TESTS_DONE + 1))
	RA_TESTS_FAILED=$((RA_TESTS_FAILED + 1))
	echo "not ok $RA_TESTS_DONE - $*"
}

check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what"; fi
}

skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}

finish() {
	echo "1..$RA_TESTS_DONE"
	[ "$RA_TESTS_FAILED" -eq 0 ]
}

# Commands to run at exit, last registered first.
ra_at_exit() {
	RA_CLEANUPS+=("$*")
}

ra_cleanup() {
	local i ns
	for ((i = ${#RA_CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${RA_CLEANUPS[$i]}" >/dev/null 2>&1 || :
	done
	# ra_netns may have run in a command substitution, whose additions to
	# RA_NAMESPACES are lost: the names carry our pid, so find them all.
	for ns in $(ip netns list 2>/dev/null | awk -v p="ra-$$-" 'index($1, p) == 1 { print $1 }'); do
		# processes an agent left behind would keep the namespace alive
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
		ip netns del "$ns" 2>/dev/null || :
	done
	[ -z "${RA_STAGE:-}" ] || rm -rf "$RA_STAGE"
}
trap ra_cleanup EXIT
trap 'exit 130' INT TERM

# The OCF root the agents see: resource.d/{heartbeat,pacemaker} and
# lib/heartbeat from this build.  State and logs stay in the stage.
ra_stage() {
	local f
	RA_STAGE=$(mktemp -d "${TMPDIR:-/tmp}/ra-test.XXXXXX")
	mkdir -p "$RA_STAGE/resource.d/heartbeat" "$RA_STAGE/resource.d/pacemaker" \
		"$RA_STAGE/lib/heartbeat" "$RA_STAGE/rsctmp" "$RA_STAGE/run"
	for f in "$RA_SRCDIR"/heartbeat/*; do
		case ${f##*/} in
		*.in | *.am | Makefile*) ;;
		ocf-* | *.sh) ln -s "$f" "$RA_STAGE/lib/heartbeat/" ;;
		*) ln -s "$f" "$RA_STAGE/resource.d/heartbeat/" ;;
		esac
	done
	for f in "$RA_SRCDIR"/pacemaker/*; do
		[ -e "$f" ] || continue
		case ${f##*/} in *.am | Makefile*) ;; *) ln -s "$f" "$RA_STAGE/resource.d/pacemaker/" ;; esac
	done
	# generated from ocf-directories.in by the build
	ln -sf "$RA_BUILDDIR/heartbeat/ocf-directories" "$RA_STAGE/lib/heartbeat/ocf-directories"
	export OCF_ROOT=$RA_STAGE
	export OCF_FUNCTIONS_DIR=$RA_STAGE/lib/heartbeat
	export HA_RSCTMP=$RA_STAGE/rsctmp HA_VARRUN=$RA_STAGE/run
	export HA_LOGFILE=$RA_STAGE/agents.log
	export RA_STDERR=$RA_STAGE/stderr
	[ -r "$OCF_FUNCTIONS_DIR/ocf-directories" ] ||
		{ echo "Bail out! $RA_BUILDDIR/heartbeat/ocf-directories is missing: build first (make)"; exit 99; }
}

ra_require_root() {
	[ "$(id -u)" -eq 0 ] || skip_all "needs root (network namespaces, mounts)"
	local probe="ra-probe-$$"
	ip netns add "$probe" 2>/dev/null || skip_all "no network namespace support"
	ip netns del "$probe"
}

# ra_netns NAME: prints the namespace's full name (ra-PID-NAME), which the
# exit trap removes.
ra_netns() {
	local ns="ra-$$-$1"
	ip netns add "$ns" || return 1
	ip -n "$ns" link set lo up
	echo "$ns"
}

# ra_run AGENT ACTION [KEY=VALUE...]: AGENT is a name under
# resource.d/heartbeat or PROVIDER/NAME.  Meta attributes are passed as
# CRM_meta_NAME=VALUE like any other key.
ra_run() {
	local agent=$1 action=$2 path
	shift 2
	case $agent in
	*/*) path=$OCF_ROOT/resource.d/$agent ;;
	*) path=$OCF_ROOT/resource.d/heartbeat/$agent ;;
	esac
	(
		for kv in "$@"; do export "OCF_RESKEY_${kv%%=*}=${kv#*=}"; done
		export OCF_RESOURCE_INSTANCE=${OCF_RESOURCE_INSTANCE:-test-${agent##*/}}
		export OCF_RESOURCE_TYPE=${agent##*/}
		if [ -n "$RA_NETNS" ]; then
			exec ip netns exec "$RA_NETNS" "$path" "$action"
		fi
		exec "$path" "$action"
	) 2>"$RA_STDERR" </dev/null
}

# is_rc DESC WANT AGENT ACTION [KEY=VALUE...]
is_rc() {
	local what=$1 want=$2 rc=0
	shift 2
	ra_run "$@" >"$RA_STAGE/stdout" || rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$what"
	else
		fail "$what (exit $rc, expected $want)"
		sed 's/^/#   /' "$RA_STDERR" "$RA_STAGE/stdout" | head -20
	fi
}

# The reason a failing action gave (ocf_exit_reason), empty if none.
ra_exit_reason() {
	sed -n 's/^ocf-exit-reason://p' "$RA_STDERR" | tail -1
}

ra_stage
