#!/bin/sh
# crm shell conformance, for information: our crm runs each script of
# ../shared/anchors/crmsh the way the corpus was made (a copy of
# empty-cib.xml as CIB_file, `crm [crm-args] -f SCRIPT`), and three things
# are graded against what crmsh 4.4 made of it:
#   xml   the configuration afterwards (../shared/tools/cib-compare; ids
#         compared, attribute order, whitespace and unordered siblings not)
#   show  `crm configure show` afterwards, byte for byte (ok scripts)
#   err   the messages of *-err-* scripts and exit status 1; both sides
#         normalised: ANSI colours stripped, schema line numbers
#         "ELEMENT (12):" made "ELEMENT (N):", trailing blanks dropped
# Agents the host lacks (the corpus host had drbd-utils and fence-agents):
# an ok script whose run says "got no meta-data" is run again with
# -o core.ignore_missing_metadata=yes and marked so.
#
# Usage: conformance.sh [CRM]  (default build/crmsh-c/crm).  Environment:
# SHARED_DIR (default ../shared beside the tree), CONFORMANCE_OUT (keep
# the per-script outputs there), CONFORMANCE_VERBOSE=1 (print diffs).
# Low scores never fail; exit 1 only when crm is missing.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DIR:-$(cd "$top/.." && pwd)/shared}
crm=${1:-$top/build/crmsh-c/crm}
anchors=$shared/anchors/crmsh
compare=$shared/tools/cib-compare

if [ ! -d "$anchors" ] || [ ! -f "$compare" ]; then
	echo "crm conformance skipped: $anchors or $compare is absent"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "crm conformance skipped: python3 (cib-compare's language) is not installed"
	exit 0
fi
if [ ! -x "$crm" ]; then
	echo "crm conformance: $crm is not built" >&2
	exit 1
fi
: "${PCMK_schema_directory:=$top/pacemaker/xml}"
export PCMK_schema_directory
# the distribution's agents (installed as oracles) before our own tree
[ -d /usr/lib/ocf/resource.d ] && OCF_RA_PATH=${OCF_RA_PATH:+$OCF_RA_PATH:}/usr/lib/ocf/resource.d
export OCF_RA_PATH

if [ -n "${CONFORMANCE_OUT:-}" ]; then
	out=$CONFORMANCE_OUT
	mkdir -p "$out" || exit 1
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/crm-conformance.XXXXXX") || exit 1
	trap 'rm -rf "$out"' EXIT
fi

normalise() {
	sed -e 's/\x1b\[[0-9;]*m//g' -e 's/^\(ERROR: *[a-z_]*\) ([0-9]*):/\1 (N):/' \
		-e 's/[ 	]*$//' "$1"
}

# run_crm NAME SCRIPT ARGS...: one run on a fresh CIB in $out/NAME/
run_crm() {
	name=$1 script=$2
	shift 2
	rm -rf "${out:?}/$name"
	mkdir -p "$out/$name/home"
	cp "$anchors/empty-cib.xml" "$out/$name/cib.xml"
	CIB_file=$out/$name/cib.xml HOME=$out/$name/home LC_ALL=C \
		"$crm" "$@" -f "$script" </dev/null >"$out/$name/out" 2>&1
	echo $? >"$out/$name/rc"
}

report() {
	if [ "${CONFORMANCE_VERBOSE:-0}" = 1 ] && [ -s "$2" ]; then
		echo "--- $1"
		cat "$2"
	fi
}

xml_pass=0 xml_n=0 show_pass=0 show_n=0 err_pass=0 err_n=0 noted=""
for script in "$anchors"/*.crm; do
	name=$(basename "$script" .crm)
	kind=ok
	case $name in *-err-*) kind=err ;; esac
	args=$(sed -n 's/^# crm-args: *//p' "$script" | head -1)
	# shellcheck disable=SC2086 # the crm-args are words
	run_crm "$name" "$script" $args
	if [ $kind = ok ] && grep -q "got no meta-data" "$out/$name/out"; then
		# shellcheck disable=SC2086
		run_crm "$name" "$script" $args -o core.ignore_missing_metadata=yes
		noted="$noted $name"
	fi
	status=""
	xml_n=$((xml_n + 1))
	if python3 "$compare" "$anchors/$name.xml" "$out/$name/cib.xml" >"$out/$name/xml.diff" 2>&1; then
		xml_pass=$((xml_pass + 1)) status="$status xml:ok"
	else
		status="$status xml:FAIL"
		report "$name xml" "$out/$name/xml.diff"
	fi
	if [ $kind = ok ]; then
		show_n=$((show_n + 1))
		CIB_file=$out/$name/cib.xml HOME=$out/$name/home "$crm" configure show \
			>"$out/$name/show" 2>&1
		if diff -u "$anchors/$name.show" "$out/$name/show" >"$out/$name/show.diff"; then
			show_pass=$((show_pass + 1)) status="$status show:ok"
		else
			status="$status show:FAIL"
			report "$name show" "$out/$name/show.diff"
		fi
	else
		err_n=$((err_n + 1))
		normalise "$anchors/$name.err" >"$out/$name/err.expected"
		normalise "$out/$name/out" >"$out/$name/err.actual"
		if [ "$(cat "$out/$name/rc")" = 1 ] &&
			diff -u "$out/$name/err.expected" "$out/$name/err.actual" >"$out/$name/err.diff"; then
			err_pass=$((err_pass + 1)) status="$status err:ok"
		else
			status="$status err:FAIL(rc $(cat "$out/$name/rc"))"
			report "$name err" "$out/$name/err.diff"
		fi
	fi
	echo "$name:$status"
done
[ -n "$noted" ] && echo "run with core.ignore_missing_metadata (agent absent on this host):$noted"
echo "crm conformance: xml $xml_pass/$xml_n, show $show_pass/$show_n, err $err_pass/$err_n," \
	"overall $((xml_pass + show_pass + err_pass))/$((xml_n + show_n + err_n))"
exit 0
