#!/bin/bash
# CPG throughput on our corosync, and on Debian's real corosync 3.1.7 when
# it is installed (same harness nodes, same udpu corosync.conf, same
# cpgbench binary), with ratios; plus ring formation and failure detection
# times.  Figures, not pass/fail: exit 0 unless something could not run.
#   BENCH_SECONDS=N  seconds per measurement (default 10)
#   BENCH_SIZES="64 1024 65536"
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

SECONDS_EACH=${BENCH_SECONDS:-10}
SIZES=${BENCH_SIZES:-"64 1024 65536"}
BENCH=$BUILD_DIR/tests/bench/cpgbench
REAL=/usr/sbin/corosync
declare -A RATE MBS

# rate NODES LABEL SIZE: run cpgbench on nodes 1..NODES at once, sum them
measure() {
	local nodes=$1 label=$2 size=$3 n total_rate=0 total_mb=0 out
	local tmp
	tmp=$(mktemp -d)
	for n in $(seq 1 "$nodes"); do
		"$CLUSTER" exec "node$n" "$BENCH" -g bench$size -s "$size" -t "$SECONDS_EACH" -d 20 \
			-w "$nodes" >"$tmp/$n" 2>&1 &
	done
	wait
	for n in $(seq 1 "$nodes"); do
		out=$(cat "$tmp/$n")
		r=$(sed -n 's/^rate: \([0-9]*\) msgs\/s  \([0-9.]*\) MB\/s.*/\1/p' <<<"$out")
		m=$(sed -n 's/^rate: \([0-9]*\) msgs\/s  \([0-9.]*\) MB\/s.*/\2/p' <<<"$out")
		[ -n "$r" ] || { echo "# $label node$n: $out"; r=0; m=0; }
		total_rate=$((total_rate + r))
		total_mb=$(awk -v a="$total_mb" -v b="$m" 'BEGIN { printf "%.2f", a + b }')
	done
	rm -rf "$tmp"
	RATE[$label/$nodes/$size]=$total_rate
	MBS[$label/$nodes/$size]=$total_mb
	printf '%-6s %d node(s) %6d B: %8d msgs/s %9s MB/s\n' "$label" "$nodes" "$size" \
		"$total_rate" "$total_mb"
}

all_nodes() {
	seq -s ' ' 1 "$1"
}

# formation NODES: ms from start until every node sees the full ring
formation_and_detection() {
	local nodes=$1 label=$2 t0 ms
	t0=$(now_ms)
	wait_for 60 ring_is "$(all_nodes "$nodes")" $(all_nodes "$nodes") || { echo "# $label: no ring"; return; }
	ms=$(($(now_ms) - t0))
	printf '%-6s %d node(s): ring formed in %d ms\n' "$label" "$nodes" "$ms"
	FORM[$label]=$ms
	"$CLUSTER" kill "node$nodes" >/dev/null
	t0=$(now_ms)
	wait_for 60 ring_is "$(all_nodes $((nodes - 1)))" $(all_nodes $((nodes - 1))) || return
	ms=$(($(now_ms) - t0))
	printf '%-6s kill of node%d detected, new ring in %d ms\n' "$label" "$nodes" "$ms"
	DETECT[$label]=$ms
}
declare -A FORM DETECT

start_real() {
	local n
	for n in $(seq 1 "$1"); do "$CLUSTER" exec "node$n" "$REAL" >/dev/null 2>&1; done
}

run_suite() {
	local label=$1 nodes size
	for nodes in 1 3; do
		"$CLUSTER" up "$nodes" >/dev/null
		"$CLUSTER" start all >/dev/null 2>&1
		if [ "$label" = real ]; then
			"$CLUSTER" stop all >/dev/null 2>&1
			start_real "$nodes"
		fi
		wait_for 60 ring_is "$(all_nodes "$nodes")" $(all_nodes "$nodes") || echo "# $label: no ring"
		for size in $SIZES; do measure "$nodes" "$label" "$size"; done
		"$CLUSTER" down >/dev/null
	done
	"$CLUSTER" up 3 >/dev/null
	"$CLUSTER" start all >/dev/null 2>&1
	if [ "$label" = real ]; then
		"$CLUSTER" stop all >/dev/null 2>&1
		start_real 3
	fi
	formation_and_detection 3 "$label"
	"$CLUSTER" down >/dev/null
}

echo "# cpgbench, $SECONDS_EACH s per size, udpu, harness nodes on one host (2 cores)"
run_suite ours
if [ -x "$REAL" ]; then
	run_suite real
	echo "# ratios ours/real (throughput: higher is better)"
	for key in "${!RATE[@]}"; do
		case $key in ours/*) ;; *) continue ;; esac
		rk=real/${key#ours/}
		if [ -n "${RATE[$rk]:-}" ] && [ "${RATE[$rk]}" -gt 0 ]; then
			awk -v k="${key#ours/}" -v a="${RATE[$key]}" -v b="${RATE[$rk]}" \
				'BEGIN { split(k, p, "/"); printf "  %s node(s) %6s B: %.2fx\n", p[1], p[2], a / b }'
		fi
	done | sort -n -k1 -k4
	[ -n "${FORM[real]:-}" ] && echo "  ring formation: ours ${FORM[ours]:-?} ms, real ${FORM[real]} ms"
	[ -n "${DETECT[real]:-}" ] && echo "  failure detection: ours ${DETECT[ours]:-?} ms, real ${DETECT[real]} ms"
else
	echo "# Debian's corosync is not installed: no comparison"
fi
