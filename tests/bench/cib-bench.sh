#!/bin/bash
# The cib daemon's figures: modify throughput and latency (p50/p99)
# through the client library on 1 and 3 nodes, the same through cibadmin
# processes, the daemon's memory with a 10,000-resource CIB, and file
# operations (CIB_file) of our cibadmin against the real one when Debian's
# pacemaker is installed.  Figures, not pass/fail: exit 0 unless something
# could not run.
#   BENCH_UPDATES=N   updates per library run (default 2000)
#   BENCH_PROCS=N     cibadmin processes per process run (default 300)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

UPDATES=${BENCH_UPDATES:-2000}
PROCS=${BENCH_PROCS:-300}
PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
CIBD=$PREFIX/libexec/pacemaker/cib
LOAD=$BUILD_DIR/tests/bench/cib_load
CIB_GEN=$TOP/../shared/tools/cib-gen
REAL=/usr/sbin/cibadmin
[ -x "$CIBD" ] && [ -x "$PREFIX/sbin/cibadmin" ] || skip "the cib daemon or cibadmin is not installed in $PREFIX"
[ -x "$LOAD" ] || skip "build the benchmark first (make -C $BUILD_DIR)"
export CLUSTER_STACK=corosync
WORK=$(mktemp -d /tmp/cib-bench.XXXXXX)
export CLUSTER_SHARE="$CLUSTER_SHARE $WORK"
trap 'rm -rf "$WORK"; testlib_cleanup' EXIT

on() {
	local n=$1
	shift
	"$CLUSTER" exec "node$n" "$@"
}

start_cib() {
	on "$1" sh -c "mkdir -p /var/lib/pacemaker/cib && setsid -f $CIBD </dev/null >/dev/null 2>&1"
	wait_for 20 on "$1" cibadmin -Q -o nodes >/dev/null 2>&1
}

# cibadmin_loop NODE COUNT PREFIX: COUNT cibadmin -M processes; prints ms
cibadmin_loop() {
	on "$1" sh -c "
		t0=\$(date +%s%N); i=0
		while [ \$i -lt $2 ]; do
			cibadmin -M -c -o crm_config -X \"<cluster_property_set id='$3'><nvpair id='$3-\$i' name='$3-\$i' value='\$i'/></cluster_property_set>\" || exit 1
			i=\$((i + 1))
		done
		echo \$(( (\$(date +%s%N) - t0) / 1000000 ))"
}

rate_of() {
	echo "$1" | sed -n 's/.*rate=\([0-9]*\).*/\1/p'
}

echo "== 1 node"
"$CLUSTER" up 1 >/dev/null && "$CLUSTER" start all >/dev/null && start_cib 1 ||
	{ echo "cannot start a 1-node cluster" >&2; exit 1; }
one=$(on 1 "$LOAD" "$UPDATES" one)
echo "library, 1 node:        $one"
on 1 cibadmin -E --force >/dev/null
ms=$(cibadmin_loop 1 "$PROCS" p1)
echo "cibadmin processes:     $PROCS in $ms ms ($((PROCS * 1000 / (ms > 0 ? ms : 1)))/s)"
"$CLUSTER" down >/dev/null

echo "== 3 nodes"
"$CLUSTER" up 3 >/dev/null && "$CLUSTER" start all >/dev/null ||
	{ echo "cannot start a 3-node cluster" >&2; exit 1; }
for n in 1 2 3; do start_cib "$n" || { echo "cib did not start on node$n" >&2; exit 1; }; done
three=$(on 1 "$LOAD" "$UPDATES" three)
echo "library, node1 alone:   $three"
# each measurement starts from an empty CIB (every update costs in
# proportion to the CIB's size)
on 1 cibadmin -E --force >/dev/null
for n in 1 2 3; do on "$n" "$LOAD" $((UPDATES / 2)) "c$n" >"$WORK/conc$n" & done
wait
total=0
for n in 1 2 3; do
	echo "library, node$n of 3 at once: $(cat "$WORK/conc$n")"
	total=$((total + $(rate_of "$(cat "$WORK/conc$n")")))
done
echo "library, 3 writers:     ${total}/s together"
on 1 cibadmin -E --force >/dev/null

echo "== memory with 10,000 resources"
rss() {
	on 1 sh -c 'grep VmRSS /proc/$(pgrep -x cib)/status' | awk '{print $2}'
}
before=$(rss)
if [ -x "$CIB_GEN" ]; then
	python3 "$CIB_GEN" --seed 1 --nodes 3 --resources 10000 --probes none -o "$WORK/big.xml" >/dev/null 2>&1
fi
if [ ! -s "$WORK/big.xml" ]; then
	{
		echo '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0"><configuration><crm_config/><nodes/><resources>'
		for i in $(seq 10000); do
			echo "<primitive id=\"r$i\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations><op id=\"r$i-monitor\" name=\"monitor\" interval=\"10s\"/></operations></primitive>"
		done
		echo '</resources><constraints/></configuration><status/></cib>'
	} >"$WORK/big.xml"
fi
# newer than the CIB in the cluster, or the replace is refused as older
sed -i '0,/admin_epoch="[0-9]*"/s//admin_epoch="1000"/' "$WORK/big.xml"
size=$(stat -c %s "$WORK/big.xml")
t0=$(now_ms)
on 1 cibadmin -R -x "$WORK/big.xml" || echo "# the big CIB was refused"
t1=$(now_ms)
wait_for 60 sh -c "[ \"\$('$CLUSTER' exec node3 cibadmin -Q -o resources | grep -c '<primitive')\" -ge 10000 ]"
t2=$(now_ms)
after=$(rss)
echo "CIB of $((size / 1024)) KiB ($(on 1 cibadmin -Q -o resources | grep -c '<primitive') primitives): replace $((t1 - t0)) ms, on node3 after $((t2 - t0)) ms"
echo "cib RSS: ${before} KiB before, ${after} KiB with 10,000 resources"
echo "updates on the 10,000-resource CIB: $(on 1 "$LOAD" 10 big)"
echo "cib RSS after them: $(rss) KiB"
q0=$(now_ms)
on 1 cibadmin -Q >/dev/null
echo "query of the whole CIB: $(($(now_ms) - q0)) ms (cibadmin process)"
"$CLUSTER" down >/dev/null

echo "== file operations (CIB_file)"
file_loop() {
	local tool=$1 file=$2 count=$3 i=0 t0
	t0=$(date +%s%N)
	while [ $i -lt "$count" ]; do
		CIB_file=$file "$tool" -M -c -o crm_config -X "<cluster_property_set id='f'><nvpair id='f-$i' name='f-$i' value='$i'/></cluster_property_set>" || return 1
		i=$((i + 1))
	done
	echo $((($(date +%s%N) - t0) / 1000000))
}
"$PREFIX/sbin/cibadmin" --empty >"$WORK/ours.xml"
ours=$(file_loop "$PREFIX/sbin/cibadmin" "$WORK/ours.xml" "$PROCS")
echo "ours: $PROCS cibadmin -M on a file in $ours ms ($((PROCS * 1000 / (ours > 0 ? ours : 1)))/s)"
echo "ours, library on a file: $(CIB_file=$WORK/ours.xml "$LOAD" "$UPDATES" lib)"
if [ -x "$REAL" ]; then
	"$REAL" --empty >"$WORK/real.xml"
	real=$(file_loop "$REAL" "$WORK/real.xml" "$PROCS")
	echo "real: $PROCS cibadmin -M on a file in $real ms ($((PROCS * 1000 / (real > 0 ? real : 1)))/s)"
	echo "ratio (real time / our time): $(awk "BEGIN { printf \"%.2f\", $real / ($ours > 0 ? $ours : 1) }")x"
	cp "$WORK/big.xml" "$WORK/big-real.xml"
	cp "$WORK/big.xml" "$WORK/big-ours.xml"
	t0=$(now_ms); CIB_file=$WORK/big-ours.xml "$PREFIX/sbin/cibadmin" -Q >/dev/null; t1=$(now_ms)
	CIB_file=$WORK/big-real.xml "$REAL" -Q >/dev/null; t2=$(now_ms)
	echo "query of the 10,000-resource file: ours $((t1 - t0)) ms, real $((t2 - t1)) ms"
else
	echo "real cibadmin not installed: no comparison"
fi
