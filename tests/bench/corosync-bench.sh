#!/bin/bash
# CPG throughput on our corosync, and on Debian's real corosync 3.1.7 when
# it is installed (same harness nodes, same cpgbench binary), with ratios;
# ring formation, failure detection, and how long quorum takes to be
# recomputed once the new ring exists.  Figures, not pass/fail: exit 0
# unless something could not run.
#   BENCH_SECONDS=N   seconds per measurement (default 10)
#   BENCH_SIZES="64 1024 65536"
#   BENCH_CRYPTO=0|1|both  packets in the clear, protected (aes256 +
#                     sha256; the real corosync only offers that on knet,
#                     so its protected runs use knet), or both (default 0)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

SECONDS_EACH=${BENCH_SECONDS:-10}
SIZES=${BENCH_SIZES:-"64 1024 65536"}
CRYPTO=${BENCH_CRYPTO:-0}
BENCH=$BUILD_DIR/tests/bench/cpgbench
REAL=/usr/sbin/corosync
NODES_DIR=${HARNESS_ROOT:-/var/tmp/cs-harness}/nodes
KEY=$(mktemp)
trap 'rm -f "$KEY"; testlib_cleanup' EXIT
head -c 256 /dev/urandom >"$KEY"
export CLUSTER_LOGGING_OPTS="timestamp: hires"
declare -A RATE MBS FORM DETECT QUORUM

# measure NODES LABEL SIZE: cpgbench on nodes 1..NODES at once, summed
measure() {
	local nodes=$1 label=$2 size=$3 n total_rate=0 total_mb=0 out r m
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
	printf '%-12s %d node(s) %6d B: %8d msgs/s %9s MB/s\n' "$label" "$nodes" "$size" \
		"$total_rate" "$total_mb"
}

all_nodes() {
	seq -s ' ' 1 "$1"
}

# ms since midnight of a log line's "Mon DD HH:MM:SS.mmm" stamp
stamp_ms() {
	awk '{ split($3, t, "[:.]"); print ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4] }'
}

# quorum_time LABEL: on node1, from the last new ring to the quorum
# service's member list for it
quorum_time() {
	local label=$1 log ring members
	log=$("$CLUSTER" log node1 2>/dev/null | grep -E 'A new membership|\[QUORUM\] Members\[')
	ring=$(grep 'A new membership' <<<"$log" | tail -n 1 | stamp_ms)
	members=$(grep 'Members\[' <<<"$log" | tail -n 1 | stamp_ms)
	[ -n "$ring" ] && [ -n "$members" ] || return
	QUORUM[$label]=$((members - ring))
	printf '%-12s quorum recomputed %d ms after the new ring\n' "$label" "${QUORUM[$label]}"
}

# formation_and_detection NODES LABEL: ms until every node sees the full
# ring; then kill the last node and time the new ring and the quorum
formation_and_detection() {
	local nodes=$1 label=$2 t0 ms
	t0=$(now_ms)
	wait_for 60 ring_is "$(all_nodes "$nodes")" $(all_nodes "$nodes") || { echo "# $label: no ring"; return; }
	ms=$(($(now_ms) - t0))
	printf '%-12s %d node(s): ring formed in %d ms\n' "$label" "$nodes" "$ms"
	FORM[$label]=$ms
	sleep 2
	"$CLUSTER" kill "node$nodes" >/dev/null
	t0=$(now_ms)
	wait_for 60 ring_is "$(all_nodes $((nodes - 1)))" $(all_nodes $((nodes - 1))) || return
	ms=$(($(now_ms) - t0))
	printf '%-12s kill of node%d detected, new ring in %d ms\n' "$label" "$nodes" "$ms"
	DETECT[$label]=$ms
	sleep 1
	quorum_time "$label"
}

# start_suite_nodes NODES LABEL: corosync.conf written, keys in place,
# then our corosync or the real one
start_nodes() {
	local nodes=$1 label=$2 n
	"$CLUSTER" up "$nodes" >/dev/null
	for n in $(seq 1 "$nodes"); do install -m 0400 "$KEY" "$NODES_DIR/node$n/etc-corosync/authkey"; done
	case $label in
	ours*) "$CLUSTER" start all >/dev/null 2>&1 ;;
	real*)
		CLUSTER_STACK=none "$CLUSTER" start all >/dev/null 2>&1
		for n in $(seq 1 "$nodes"); do "$CLUSTER" exec "node$n" "$REAL" >/dev/null 2>&1; done
		;;
	esac
}

run_suite() {
	local label=$1 nodes size
	for nodes in 1 3; do
		start_nodes "$nodes" "$label"
		wait_for 60 ring_is "$(all_nodes "$nodes")" $(all_nodes "$nodes") || echo "# $label: no ring"
		for size in $SIZES; do measure "$nodes" "$label" "$size"; done
		"$CLUSTER" down >/dev/null
	done
	start_nodes 3 "$label"
	formation_and_detection 3 "$label"
	"$CLUSTER" down >/dev/null
}

# run LABEL TOTEM_OPTS
run() {
	CLUSTER_TOTEM_OPTS=$2 run_suite "$1"
}

ratios() {
	local a=$1 b=$2 key rk
	echo "# ratios $a/$b (throughput: higher is better)"
	for key in "${!RATE[@]}"; do
		case $key in "$a"/*) ;; *) continue ;; esac
		rk=$b/${key#"$a"/}
		if [ -n "${RATE[$rk]:-}" ] && [ "${RATE[$rk]}" -gt 0 ]; then
			awk -v k="${key#"$a"/}" -v x="${RATE[$key]}" -v y="${RATE[$rk]}" \
				'BEGIN { split(k, p, "/"); printf "  %s node(s) %6s B: %.2fx\n", p[1], p[2], x / y }'
		fi
	done | sort -n -k1 -k4
	[ -n "${FORM[$b]:-}" ] && echo "  ring formation: $a ${FORM[$a]:-?} ms, $b ${FORM[$b]} ms"
	[ -n "${DETECT[$b]:-}" ] && echo "  failure detection: $a ${DETECT[$a]:-?} ms, $b ${DETECT[$b]} ms"
	[ -n "${QUORUM[$b]:-}" ] && echo "  quorum after the new ring: $a ${QUORUM[$a]:-?} ms, $b ${QUORUM[$b]} ms"
}

echo "# cpgbench, $SECONDS_EACH s per size, harness nodes on one host ($(nproc) cores)"
have_real=false
[ -x "$REAL" ] && have_real=true
if [ "$CRYPTO" != 1 ]; then
	run ours ""
	$have_real && run real ""
fi
if [ "$CRYPTO" != 0 ]; then
	run ours-aes256 "crypto_cipher: aes256; crypto_hash: sha256"
	$have_real && run real-aes256 "transport: knet; crypto_cipher: aes256; crypto_hash: sha256"
fi
if $have_real; then
	[ "$CRYPTO" != 1 ] && ratios ours real
	[ "$CRYPTO" != 0 ] && ratios ours-aes256 real-aes256
else
	echo "# Debian's corosync is not installed: no comparison"
fi
[ "$CRYPTO" = both ] && ratios ours-aes256 ours
exit 0
