#!/bin/bash
# The admin's tools timed on a generated CIB (default 16 nodes, 1,000
# resources with history): `crm configure show`, `crm status` and
# `crm_mon -1`, ours against crmsh and pacemaker's crm_mon when they are
# installed.  Median wall time of BENCH_REPEAT runs, in milliseconds, and
# the ratios; the goal is under 20 ms and at least 20 times faster than
# crmsh.  Figures, not pass/fail: exit 0 unless something could not run.
# All tools read the same file (CIB_file); no cluster and no root needed.
#   BENCH_SIZE=NODESxRESOURCES (default 16x1000)  BENCH_REPEAT=N (default 11)
#   BENCH_SEED=N  BENCH_GEN=shared|own (as sched-bench.sh)
#   CRM=PATH CRM_MON=PATH   ours (default: the build tree's)
#   REAL_CRM=PATH (default /usr/sbin/crm, used when it is crmsh)
#   REAL_CRM_MON=PATH (default /usr/sbin/crm_mon)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"

SIZE=${BENCH_SIZE:-16x1000}
REPEAT=${BENCH_REPEAT:-11}
SEED=${BENCH_SEED:-42}
SHARED=$TOP/../shared/tools
GEN=${BENCH_GEN:-shared}
[ -x "$SHARED/cib-gen" ] && command -v python3 >/dev/null || GEN=own
CRM=${CRM:-$BUILD_DIR/crmsh-c/crm}
CRM_MON=${CRM_MON:-$BUILD_DIR/pacemaker/tools/crm_mon}
REAL_CRM=${REAL_CRM:-/usr/sbin/crm}
REAL_CRM_MON=${REAL_CRM_MON:-/usr/sbin/crm_mon}
. "$(dirname "$0")/cibgen.sh"
[ -x "$CRM" ] && [ -x "$CRM_MON" ] || skip "build crm and crm_mon first (make -C $BUILD_DIR)"
# crmsh is a Python program; anything else at that path is not the reference
if ! head -n 1 "$REAL_CRM" 2>/dev/null | grep -q python; then REAL_CRM=""; fi
[ -x "$REAL_CRM_MON" ] || REAL_CRM_MON=""

WORK=$(mktemp -d /tmp/admin-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export LC_ALL=C HOME=$WORK CIB_file=$WORK/cib.xml
unset CIB_shadow
gen "${SIZE%x*}" "${SIZE#*x}" "$CIB_file" || { echo "could not generate the CIB" >&2; exit 1; }

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

ratio() { [ "$1" != - ] && [ "$2" != - ] && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0fx", a / (b > 0 ? b : 1) }' || echo -; }
goal() { [ "$1" != - ] && [ "$1" -lt 20 ] && echo yes || echo no; }

echo "# $SIZE CIB ($(($(wc -c <"$CIB_file") / 1024)) KiB) from $([ "$GEN" = shared ] && echo cib-gen || echo the awk generator), median of $REPEAT runs"
[ -n "$REAL_CRM" ] || echo "# crmsh is not installed ($REAL_CRM): ours alone for crm"
[ -n "$REAL_CRM_MON" ] || echo "# pacemaker's crm_mon is not installed: ours alone for crm_mon"
printf '%-22s %8s %10s %8s %s\n' command ours_ms reference speedup "under 20 ms"
row() {
	local what=$1 ours=$2 ref=$3
	printf '%-22s %8s %10s %8s %s\n' "$what" "$ours" "$ref" "$(ratio "$ref" "$ours")" "$(goal "$ours")"
}
ours=$(ms "$CRM" configure show)
ref=-; [ -z "$REAL_CRM" ] || ref=$(ms "$REAL_CRM" configure show)
row "crm configure show" "$ours" "$ref"
ours=$(ms "$CRM" status)
ref=-; [ -z "$REAL_CRM" ] || ref=$(ms "$REAL_CRM" status)
row "crm status" "$ours" "$ref"
ours=$(ms "$CRM_MON" -1)
ref=-; [ -z "$REAL_CRM_MON" ] || ref=$(ms "$REAL_CRM_MON" -1)
row "crm_mon -1" "$ours" "$ref"
