#!/bin/bash
# The scheduler's figures: our crm_simulate timed on generated CIBs (wall
# seconds and peak RSS of `crm_simulate -x CIB -G GRAPH -Q`), and, when
# Debian's pacemaker is installed, the real crm_simulate on the same CIBs
# with the ratios and whether both graphs hold the same actions.  Figures,
# not pass/fail: exit 0 unless something could not run.  No cluster and no
# root needed.
#   BENCH_SIZES="16x1000 32x5000 32x10000"  NODESxRESOURCES for ours
#   BENCH_REAL_SIZES="16x1000"  sizes the real tool runs too; it needs
#                     83 s and 2.9 GB at 32x5000, 259 s and 5.9 GB at
#                     32x10000, so those are opt-in ("all" = BENCH_SIZES,
#                     "none" = ours alone)
#   BENCH_REPEAT=N    runs per tool and size; the median is shown (default 1)
#   BENCH_SEED=N      generator seed (default 42)
#   BENCH_TIMEOUT=S   a run taking longer is abandoned (default 900)
#   BENCH_GEN=shared|own  CIB generator: ../shared/tools/cib-gen when the
#                     checkout has it (the default), else the one below
#   BENCH_KEEP=DIR    keep CIBs, graphs and timings in DIR
#   SIM=PATH          our crm_simulate (default: the build tree's)
#   REAL_SIM=PATH     the real one (default /usr/sbin/crm_simulate)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"

SIZES=${BENCH_SIZES:-"16x1000 32x5000 32x10000"}
REAL_SIZES=${BENCH_REAL_SIZES:-16x1000}
[ "$REAL_SIZES" = all ] && REAL_SIZES=$SIZES
REPEAT=${BENCH_REPEAT:-1}
SEED=${BENCH_SEED:-42}
TIMEOUT=${BENCH_TIMEOUT:-900}
SIM=${SIM:-$BUILD_DIR/pacemaker/tools/crm_simulate}
REAL=${REAL_SIM:-/usr/sbin/crm_simulate}
SHARED=$TOP/../shared/tools
GEN=${BENCH_GEN:-shared}
[ -x "$SHARED/cib-gen" ] && command -v python3 >/dev/null || GEN=own
. "$(dirname "$0")/cibgen.sh"
[ -x "$SIM" ] || skip "build crm_simulate first (make -C $BUILD_DIR/pacemaker/tools crm_simulate)"
[ -x /usr/bin/time ] || skip "GNU time (/usr/bin/time) is needed for the peak RSS"
if [ -n "${BENCH_KEEP:-}" ]; then
	WORK=$BENCH_KEEP
	mkdir -p "$WORK" || exit 1
else
	WORK=$(mktemp -d /tmp/sched-bench.XXXXXX)
	trap 'rm -rf "$WORK"' EXIT
fi
# the real tool keeps shadow files here; neither tool may touch the live CIB
export CIB_shadow_dir=$WORK LC_ALL=C
unset CIB_file CIB_shadow

# timed TOOL CIB GRAPH: prints "WALL_S RSS_KB" of the median run, or fails
timed() {
	local tool=$1 cib=$2 graph=$3 i tf="$WORK/time.$$"
	for ((i = 0; i < REPEAT; i++)); do
		rm -f "$graph"
		if ! timeout "$TIMEOUT" /usr/bin/time -f '%e %M' -o "$tf" "$tool" -x "$cib" -G "$graph" -Q \
			>/dev/null 2>"$WORK/stderr"; then
			echo "# $tool on $cib failed or took over $TIMEOUT s: $(tail -c 300 "$WORK/stderr")" >&2
			return 1
		fi
		tail -n 1 "$tf"
	done | sort -n | sed -n "$(((REPEAT + 1) / 2))p" | grep .
}

# the action sets of two graphs: "same", "DIFFER (...)" or "-"
compare() {
	local verdict
	[ -x "$SHARED/sched-compare" ] || { echo "-"; return; }
	verdict=$(python3 "$SHARED/sched-compare" --actions-only -q "$1" "$2" 2>&1 | sed -n 's/^actions: //p')
	case $verdict in
	MATCH*) echo "same ${verdict#MATCH }" ;;
	"") echo "? (sched-compare failed)" ;;
	*) echo "DIFFER ${verdict#MISMATCH }" ;;
	esac
}

mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.1fx" : "-"), a / b }'; }
# growth exponent between two runs: log(t2/t1) / log(s2/s1) for CIB sizes s
growth() { awk -v t1="$1" -v t2="$2" -v s1="$3" -v s2="$4" \
	'BEGIN { if (t1 > 0 && t2 > 0 && s1 > 0 && s2 != s1) printf "%.2f", log(t2 / t1) / log(s2 / s1); else printf "-" }'; }

[ -x "$REAL" ] || echo "# the real crm_simulate ($REAL) is not installed: ours alone"
echo "# CIBs from $([ "$GEN" = shared ] && echo "$SHARED/cib-gen" || echo "the generator in $0") (seed $SEED), median of $REPEAT"
printf '%-9s %7s %9s %8s %9s %8s %7s %7s %6s  %s\n' size cib_MB ours_s ours_MB real_s real_MB speed mem exp actions
prev_t="" prev_s="" status=0
for size in $SIZES; do
	nodes=${size%x*} rscs=${size#*x}
	cib=$WORK/cib-$size.xml
	[ -s "$cib" ] || gen "$nodes" "$rscs" "$cib" || { echo "# could not generate $size" >&2; status=1; continue; }
	cib_bytes=$(stat -c %s "$cib")
	cib_mb=$(mb $((cib_bytes / 1024)))
	if ! read -r ours_s ours_kb < <(timed "$SIM" "$cib" "$WORK/ours-$size.xml"); then
		status=1
		continue
	fi
	real_s=- real_kb="" speed=- mem=- actions=-
	if [ -x "$REAL" ] && [[ " $REAL_SIZES " == *" $size "* ]] &&
		read -r real_s real_kb < <(timed "$REAL" "$cib" "$WORK/real-$size.xml"); then
		speed=$(ratio "$real_s" "$ours_s")
		mem=$(ratio "$ours_kb" "$real_kb")
		actions=$(compare "$WORK/real-$size.xml" "$WORK/ours-$size.xml")
	fi
	[ "$actions" = - ] && actions="$(grep -c '<synapse ' "$WORK/ours-$size.xml") synapses"
	printf '%-9s %7s %9s %8s %9s %8s %7s %7s %6s  %s\n' "$size" "$cib_mb" "$ours_s" "$(mb "$ours_kb")" \
		"$real_s" "$([ -n "$real_kb" ] && mb "$real_kb" || echo -)" "$speed" "$mem" \
		"$(growth "$prev_t" "$ours_s" "$prev_s" "$cib_bytes")" "$actions"
	prev_t=$ours_s prev_s=$cib_bytes
done
echo "# speed = real time / ours; mem = our peak RSS / real's; exp = growth of our time"
echo "#   against the CIB's size since the previous row (1 = linear)"
echo "# goal: speed >= 5x at 1,000 resources and >= 20x at 10,000, mem <= 0.25x, same actions"
echo "# the real tool on this machine class: 16x1000 3.9 s 326 MB, 32x5000 83 s 2.9 GB, 32x10000 259 s 5.9 GB"
exit $status
