#!/bin/bash
# The admin's tools timed on a generated CIB (default 3 nodes, 1,000
# resources with history): `crm configure show`, `crm status` and
# `crm_mon -1`, ours against crmsh and pacemaker's crm_mon when they are
# installed.  Median wall time of BENCH_REPEAT runs, in milliseconds, and
# the ratios; the goal is under 20 ms and at least 20 times faster than
# crmsh.  Figures, not pass/fail: exit 0 unless something could not run.
# Ours run twice: on the file (CIB_file) and against our cib daemon
# serving the same CIB (stand-alone, in a private network namespace so
# that its sockets meet no other cluster; needs root, else skipped) --
# the daemon is how an admin's tools read the CIB.  The references read
# the file (their fastest way: no IPC).
#   BENCH_SIZE=NODESxRESOURCES (default 3x1000)  BENCH_REPEAT=N (default 11)
#   BENCH_SEED=N  BENCH_GEN=shared|own (as sched-bench.sh)
#   CRM=PATH CRM_MON=PATH CIB_DAEMON=PATH   ours (default: the build tree's)
#   REAL_CRM=PATH (default /usr/sbin/crm, used when it is crmsh)
#   REAL_CRM_MON=PATH (default /usr/sbin/crm_mon)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"

SIZE=${BENCH_SIZE:-3x1000}
REPEAT=${BENCH_REPEAT:-11}
SEED=${BENCH_SEED:-42}
SHARED=$TOP/../shared/tools
GEN=${BENCH_GEN:-shared}
[ -x "$SHARED/cib-gen" ] && command -v python3 >/dev/null || GEN=own
CRM=${CRM:-$BUILD_DIR/crmsh-c/crm}
CRM_MON=${CRM_MON:-$BUILD_DIR/pacemaker/tools/crm_mon}
CIB_DAEMON=${CIB_DAEMON:-$BUILD_DIR/pacemaker/daemons/cib/cib}
REAL_CRM=${REAL_CRM:-/usr/sbin/crm}
REAL_CRM_MON=${REAL_CRM_MON:-/usr/sbin/crm_mon}
. "$(dirname "$0")/cibgen.sh"
[ -x "$CRM" ] && [ -x "$CRM_MON" ] || skip "build crm and crm_mon first (make -C $BUILD_DIR)"
# crmsh is a Python program; anything else at that path is not the reference
if ! head -n 1 "$REAL_CRM" 2>/dev/null | grep -q python; then REAL_CRM=""; fi
[ -x "$REAL_CRM_MON" ] || REAL_CRM_MON=""

# Our cib daemon's sockets must meet no other cluster: the whole run goes
# into a network namespace of its own (abstract sockets are per namespace).
if [ "${BENCH_IN_NETNS:-}" != 1 ] && [ "$(id -u)" = 0 ] && [ -x "$CIB_DAEMON" ] &&
	command -v unshare >/dev/null 2>&1; then
	BENCH_IN_NETNS=1 exec unshare -n "$BASH" "$0" "$@"
fi

WORK=$(mktemp -d /tmp/admin-bench.XXXXXX)
daemon_pid=""
cleanup() {
	[ -z "$daemon_pid" ] || { kill "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null; }
	rm -rf "$WORK"
}
trap cleanup EXIT
export LC_ALL=C HOME=$WORK
unset CIB_shadow CIB_file
gen "${SIZE%x*}" "${SIZE#*x}" "$WORK/cib.xml" || { echo "could not generate the CIB" >&2; exit 1; }

# start_daemon: our cib, stand-alone, serving a copy of the CIB; 0 once
# it answers.
start_daemon() {
	local i
	[ "${BENCH_IN_NETNS:-}" = 1 ] || return 1
	mkdir -p "$WORK/live"
	cp "$WORK/cib.xml" "$WORK/live/cib.xml"
	PCMK_logfile=$WORK/cib.log "$CIB_DAEMON" -s -d "$WORK/live" >/dev/null 2>&1 &
	daemon_pid=$!
	for ((i = 0; i < 100; i++)); do
		"$CRM_MON" -1 >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

# ms COMMAND...: the median wall time in milliseconds, or "-" when it fails.
ms() {
	local i t0 t1
	"$@" >/dev/null 2>&1 || { echo "-"; return; }
	for ((i = 0; i < REPEAT; i++)); do
		t0=${EPOCHREALTIME/./}
		"$@" >/dev/null 2>&1
		t1=${EPOCHREALTIME/./}
		echo $(((t1 - t0) / 1000))
	done | sort -n | sed -n "$(((REPEAT + 1) / 2))p"
}
on_file() { CIB_file=$WORK/cib.xml ms "$@"; }

ratio() { [ "$1" != - ] && [ "$2" != - ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0fx", a / (b > 0 ? b : 1) }' || echo -; }
goal() { [ "$1" != - ] && [ "$1" -lt 20 ] && echo yes || echo no; }

echo "# $SIZE CIB ($(($(wc -c <"$WORK/cib.xml") / 1024)) KiB) from $([ "$GEN" = shared ] && echo cib-gen || echo the awk generator), median of $REPEAT runs"
[ -n "$REAL_CRM" ] || echo "# crmsh is not installed ($REAL_CRM): ours alone for crm"
[ -n "$REAL_CRM_MON" ] || echo "# pacemaker's crm_mon is not installed: ours alone for crm_mon"
live=yes
start_daemon || { live=no; echo "# our cib daemon could not be started here (needs root and $CIB_DAEMON): file only"; }

# Each command on the file, then (ours only) against the daemon.
declare -A file_ms live_ms ref_ms
measure() {
	local what=$1 ref_bin=$2
	shift 2
	file_ms[$what]=$(on_file "$@")
	ref_ms[$what]=-
	[ -z "$ref_bin" ] || ref_ms[$what]=$(CIB_file=$WORK/cib.xml ms "$ref_bin" "${@:2}")
}
measure "crm configure show" "$REAL_CRM" "$CRM" configure show
measure "crm status" "$REAL_CRM" "$CRM" status
measure "crm_mon -1" "$REAL_CRM_MON" "$CRM_MON" -1
if [ "$live" = yes ]; then
	live_ms["crm configure show"]=$(ms "$CRM" configure show)
	live_ms["crm status"]=$(ms "$CRM" status)
	live_ms["crm_mon -1"]=$(ms "$CRM_MON" -1)
fi

printf '%-20s %9s %9s %10s %8s %s\n' command ours_file ours_live reference speedup "under 20 ms"
for what in "crm configure show" "crm status" "crm_mon -1"; do
	ours=${live_ms[$what]:--}
	[ "$ours" != - ] || ours=${file_ms[$what]}
	printf '%-20s %9s %9s %10s %8s %s\n' "$what" "${file_ms[$what]}" "${live_ms[$what]:--}" \
		"${ref_ms[$what]}" "$(ratio "${ref_ms[$what]}" "$ours")" "$(goal "$ours")"
done
echo "# speedup and goal: ours against the daemon when it ran, else on the file"
