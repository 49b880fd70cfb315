#!/bin/sh
# crm_mon conformance, for information: our crm_mon run on each anchor
# CIB of ../shared/anchors/crm_mon (pacemaker 2.1.5's output on the same
# files, with the clock frozen by libfaketime) and compared byte for byte,
# for the four outputs the anchors hold: crm_mon -1, crm_mon -1 -r -f -A
# -n, crm_mon -1 --output-as=xml, and crm status (crm_mon -1 -j -r and an
# empty line).  Prints how many match per output.
#
# Usage: conformance.sh [CRM_MON]   (default build/pacemaker/tools/crm_mon
# under the source tree).  Environment: SHARED_DIR (default ../shared
# beside the source tree), CONFORMANCE_OUT (keep outputs and diffs there).
# Exits 0 unless the binary is missing; skips without the anchors or
# faketime.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DIR:-$(cd "$top/.." && pwd)/shared}
binary=${1:-$top/build/pacemaker/tools/crm_mon}
anchors=$shared/anchors/crm_mon

if [ ! -d "$anchors" ]; then
	echo "crm_mon conformance skipped: $anchors is absent"
	exit 0
fi
if ! command -v faketime >/dev/null 2>&1; then
	echo "crm_mon conformance skipped: faketime (the anchors' frozen clock) is not installed"
	exit 0
fi
if [ ! -x "$binary" ]; then
	echo "crm_mon conformance: $binary is not built" >&2
	exit 1
fi
if [ -n "${CONFORMANCE_OUT:-}" ]; then
	out=$CONFORMANCE_OUT
	mkdir -p "$out" || exit 1
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/crm_mon-conformance.XXXXXX") || exit 1
	trap 'rm -rf "$out"' EXIT
fi

# The XML output echoes the command as typed: run it as "crm_mon" from
# the PATH, as the anchors were made.
mkdir -p "$out/bin" && ln -sf "$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")" \
	"$out/bin/crm_mon" || exit 1

# mon NAME ARGS...: our crm_mon on NAME's CIB as the anchors were made.
mon() {
	name=$1
	shift
	PATH="$out/bin:$PATH" CIB_file="$anchors/$name-in.xml" TZ=UTC LC_ALL=C \
		faketime -f '2024-01-15 12:00:00' crm_mon "$@" </dev/null 2>/dev/null
}

# check KIND NAME EXPECTED: compare what is in $out/NAME.KIND with it.
check() {
	if cmp -s "$out/$2.$1" "$3"; then
		eval "pass_$1=\$((pass_$1 + 1))"
	else
		diff "$3" "$out/$2.$1" >"$out/$2.$1.diff"
	fi
}

pass_one=0 pass_rfAn=0 pass_xml=0 pass_status=0 total=0
for input in "$anchors"/*-in.xml; do
	name=$(basename "$input" -in.xml)
	total=$((total + 1))
	mon "$name" -1 >"$out/$name.one"
	check one "$name" "$anchors/$name.txt"
	mon "$name" -1 -r -f -A -n >"$out/$name.rfAn"
	check rfAn "$name" "$anchors/$name-rfAn.txt"
	mon "$name" -1 --output-as=xml >"$out/$name.xml"
	check xml "$name" "$anchors/$name.xml"
	{ mon "$name" -1 -j -r; echo; } >"$out/$name.status"
	check status "$name" "$anchors/$name-crm-status.txt"
done

echo "crm_mon conformance of $binary (informational, $total anchors)"
printf '%-28s %s/%s\n' "crm_mon -1" "$pass_one" "$total"
printf '%-28s %s/%s\n' "crm_mon -1 -r -f -A -n" "$pass_rfAn" "$total"
printf '%-28s %s/%s\n' "crm_mon -1 --output-as=xml" "$pass_xml" "$total"
printf '%-28s %s/%s\n' "crm status" "$pass_status" "$total"
exit 0
