#!/bin/sh
# Golden tests of crm_resource: each case of crm_resource/cases.txt runs on
# a copy of a small CIB file (CIB_file) and its exit code, output, errors
# and the change it made to the CIB are compared with NAME.exp.  Cases
# whose expectation came from pacemaker 2.1.5's crm_resource are run
# through it again when it is installed, so the expectations stay honest.
#
#   CRM_RESOURCE=./crm_resource sh crm_resource-golden.sh
#   REGEN=real  ... rewrite the "real" expectations with pacemaker's tool
#   REGEN=ours  ... rewrite the "ours"/"agent" ones with ours (review them!)
set -u

dir=${CRM_RESOURCE_TEST_DIR:-$(cd "$(dirname "$0")" && pwd)/crm_resource}
ours=${CRM_RESOURCE:-}
real=${CRM_RESOURCE_REAL:-/usr/sbin/crm_resource}
regen=${REGEN:-}
srcdir=${abs_top_srcdir:-$(cd "$(dirname "$0")/../../.." && pwd)}
builddir=${abs_top_builddir:-$srcdir}

if [ -z "$ours" ] || [ ! -x "$ours" ]; then
	echo "Bail out! CRM_RESOURCE is not set to our crm_resource"
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm_resource-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }

# Our Dummy agent and the OCF shell functions in an OCF root of their own,
# with the agents' state kept in it.
stage_ocf() {
	stage=$tmp/ocf
	mkdir -p "$stage/resource.d/heartbeat" "$stage/lib/heartbeat" "$stage/run" "$stage/tmp"
	ln -s "$srcdir/resource-agents/heartbeat/Dummy" "$stage/resource.d/heartbeat/Dummy"
	for f in ocf-shellfuncs ocf-binaries ocf-returncodes; do
		ln -s "$srcdir/resource-agents/heartbeat/$f" "$stage/lib/heartbeat/$f"
	done
	dirs=$builddir/resource-agents/heartbeat/ocf-directories
	[ -r "$dirs" ] || dirs=$srcdir/resource-agents/heartbeat/ocf-directories
	[ -r "$dirs" ] || return 1
	ln -s "$dirs" "$stage/lib/heartbeat/ocf-directories"
}
have_stage=no
stage_ocf && have_stage=yes

# run BIN CIB ARGS...: the result of one case, in the .exp layout, on
# stdout.  Dates (lifetimes) are masked: they depend on the clock.
run() {
	run_unmasked "$@" 2>&1 |
		sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(Z| [+-][0-9]{2}:[0-9]{2})/DATE/g'
}

run_unmasked() {
	bin=$1 cib=$2
	shift 2
	cp "$dir/$cib.xml" "$tmp/cib.xml"
	(
		unset CIB_shadow
		# pacemaker's tool must read its own schemas, not ours
		[ "$bin" != "$real" ] || unset PCMK_schema_directory
		export CIB_file="$tmp/cib.xml" TZ=UTC LC_ALL=C
		if [ "$have_stage" = yes ]; then
			export OCF_ROOT="$stage" OCF_FUNCTIONS_DIR="$stage/lib/heartbeat" \
				HA_VARRUN="$stage/run" HA_RSCTMP="$stage/tmp"
		fi
		"$bin" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
		echo "rc=$?" >"$tmp/rc"
	)
	cat "$tmp/rc"
	echo "--- stdout"
	cat "$tmp/out"
	echo "--- stderr"
	grep -v '^Caught Segmentation fault' "$tmp/err"
	echo "--- cib"
	diff "$dir/$cib.xml" "$tmp/cib.xml"
}

check_case() {
	name=$1 cib=$2 mode=$3
	shift 3
	exp=$dir/$name.exp
	if [ "$mode" = agent ] && [ "$have_stage" != yes ]; then
		n=$((n + 1))
		echo "ok $n - $name # SKIP no built ocf-directories to stage agents with"
		return
	fi
	if [ "$regen" = real ] && [ "$mode" = real ]; then
		run "$real" "$cib" "$@" >"$exp"
	elif [ "$regen" = ours ] && [ "$mode" != real ]; then
		run "$ours" "$cib" "$@" >"$exp"
	fi
	run "$ours" "$cib" "$@" >"$tmp/got"
	if cmp -s "$exp" "$tmp/got"; then
		ok "$name: crm_resource $*"
	else
		not_ok "$name: crm_resource $*"
		diff "$exp" "$tmp/got" | sed 's/^/# /'
	fi
	if [ "$mode" = real ] && [ -x "$real" ]; then
		run "$real" "$cib" "$@" >"$tmp/real"
		if cmp -s "$exp" "$tmp/real"; then
			ok "$name: pacemaker's crm_resource still agrees"
		else
			not_ok "$name: pacemaker's crm_resource differs from $name.exp"
			diff "$exp" "$tmp/real" | sed 's/^/# /'
		fi
	fi
}

while IFS='|' read -r name cib mode args; do
	case $name in '' | '#'*) continue ;; esac
	# shellcheck disable=SC2086 # the arguments are words
	check_case "$name" "$cib" "$mode" $args
done <"$dir/cases.txt"

# --cleanup on a CIB it can change (a shadow copy: not CIB_file, where it
# only reports a dry run) removes the failed history and fail counts.
# cleanup NAME ARGS...: run on a fresh shadow copy of base.xml.
cleanup() {
	mkdir -p "$tmp/shadow"
	cp "$dir/base.xml" "$tmp/shadow/shadow.t"
	shift
	(
		unset CIB_file
		CIB_shadow_dir="$tmp/shadow" CIB_shadow=t "$ours" "$@" >"$tmp/out" 2>&1
	)
}
shadow=$tmp/shadow/shadow.t
failed_op='lrm_rsc_op id="vip_last_failure_0"'
cleanup all -r vip -C
if grep -q "$failed_op" "$shadow" || grep -q 'fail-count-vip' "$shadow" ||
	! grep -q 'lrm_rsc_op id="vip_last_0" operation_key="vip_start_0"' "$shadow" ||
	[ "$(cat "$tmp/out")" != "$(printf 'Cleaned up vip on node2\nCleaned up vip on node1')" ]; then
	not_ok "--cleanup removes the failed history and fail counts, keeps the rest"
	sed 's/^/# /' "$tmp/out"
else
	ok "--cleanup removes the failed history and fail counts, keeps the rest"
fi
cleanup other-op -r vip -C -N node2 -n start
if grep -q "$failed_op" "$shadow" && grep -q 'fail-count-vip#monitor_10000' "$shadow"; then
	ok "--cleanup of another operation leaves the failure"
else
	not_ok "--cleanup of another operation leaves the failure"
fi
cleanup this-op -r vip -C -N node2 -n monitor -I 10s
if grep -q "$failed_op" "$shadow" || grep -q 'fail-count-vip' "$shadow"; then
	not_ok "--cleanup -n monitor -I 10s removes that failure"
else
	ok "--cleanup -n monitor -I 10s removes that failure"
fi

# The lifetime's end is now plus the duration (the cases mask it).
cp "$dir/base.xml" "$tmp/life.xml"
before=$(date -u +%s)
CIB_file="$tmp/life.xml" TZ=UTC "$ours" -r vip -B -N node2 -u PT2H30M >/dev/null 2>&1
after=$(date -u +%s)
end=$(sed -n 's/.*date_expression.* end="\([^"]*\)Z".*/\1/p' "$tmp/life.xml")
end_s=$(date -u -d "$end" +%s 2>/dev/null || echo 0)
if [ "$end_s" -ge $((before + 9000)) ] && [ "$end_s" -le $((after + 9000)) ]; then
	ok "a lifetime of PT2H30M ends 2.5 hours from now ($end)"
else
	not_ok "a lifetime of PT2H30M ends 2.5 hours from now (got '$end')"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
