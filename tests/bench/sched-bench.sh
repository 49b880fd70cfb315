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

# Our own generator, for checkouts without ../shared: NODES nodes all
# online, RESOURCES Dummy primitives (a quarter in groups of three, 2% in
# anonymous clones, the rest alone), location/colocation/order constraints
# for 30%/15%/15% of the top-level resources, stickiness 100, and a status
# section where 90% of the top-level resources run on one node (start and
# recurring monitor recorded there, probes elsewhere) with op-digests as
# pacemaker computes them for a resource without parameters, so healthy
# resources stay put.  A Park-Miller generator keeps it the same on every awk.
own_cib_gen() {
	local nodes=$1 rscs=$2 seed=$3 start_digest mon_digest
	start_digest=$(printf ' <parameters/>\n' | md5sum | cut -d' ' -f1)
	mon_digest=$(printf ' <parameters CRM_meta_timeout="20000"/>\n' | md5sum | cut -d' ' -f1)
	awk -v N="$nodes" -v R="$rscs" -v seed="$seed" -v sd="$start_digest" -v md="$mon_digest" '
	function rnd(n) { x = (x * 16807) % 2147483647; return x % n }
	function prim(id) {
		printf "<primitive id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations>", id
		printf "<op id=\"%s-monitor-10s\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>", id
		printf "<op id=\"%s-start-0\" name=\"start\" interval=\"0s\" timeout=\"20s\"/>", id
		printf "<op id=\"%s-stop-0\" name=\"stop\" interval=\"0s\" timeout=\"20s\"/>", id
		print "</operations></primitive>"
	}
	function op(rsc, key, name, interval, rc, node, digest) {
		call++
		printf "<lrm_rsc_op id=\"%s\" operation_key=\"%s\" operation=\"%s\"", key, rsc "_" name "_" interval, name
		printf " crm-debug-origin=\"do_update_resource\" crm_feature_set=\"3.16.1\""
		printf " transition-key=\"%d:1:%d:%s\" transition-magic=\"0:%d;%d:1:%d:%s\"", call, rc, uuid, rc, call, rc, uuid
		printf " exit-reason=\"\" on_node=\"node%d\" call-id=\"%d\" rc-code=\"%d\" op-status=\"0\"", node, call, rc
		printf " interval=\"%d\" last-rc-change=\"1699990000\" exec-time=\"20\" queue-time=\"0\"", interval
		printf " op-digest=\"%s\"/>\n", digest
	}
	function history(rsc, node, running) {
		printf "<lrm_resource id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">", rsc
		if (running) {
			op(rsc, rsc "_last_0", "start", 0, 0, node, sd)
			op(rsc, rsc "_monitor_10000", "monitor", 10000, 0, node, md)
		} else {
			op(rsc, rsc "_last_0", "monitor", 0, 7, node, sd)
		}
		print "</lrm_resource>"
	}
	BEGIN {
		x = seed % 2147483646 + 1
		uuid = "6a7f2c3e-0b1d-4e5f-9a8b-7c6d5e4f3a2b"
		grouped = int(R / 4 / 3) * 3; cloned = int(R / 50)
		top = 0
		for (i = 1; i <= R; i++) {
			if (i <= grouped) {
				g = int((i - 1) / 3) + 1
				if ((i - 1) % 3 == 0) { top++; tid[top] = "g" g; tkind[top] = "group" }
				member[top] = member[top] " r" i
			} else {
				top++
				tid[top] = "r" i
				tkind[top] = (i <= grouped + cloned) ? "clone" : "primitive"
				member[top] = " r" i
			}
			tnode[top] = rnd(N) + 1; trun[top] = rnd(10) < 9
		}
		printf "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.7\" epoch=\"1\" num_updates=\"0\""
		print " admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\" execution-date=\"1700000000\"><configuration>"
		print "<crm_config><cluster_property_set id=\"cib-bootstrap-options\">"
		print "<nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
		print "</cluster_property_set></crm_config><nodes>"
		for (n = 1; n <= N; n++) printf "<node id=\"%d\" uname=\"node%d\"/>\n", n, n
		print "</nodes><resources>"
		for (t = 1; t <= top; t++) {
			split(substr(member[t], 2), m, " ")
			if (tkind[t] == "group") {
				printf "<group id=\"%s\">", tid[t]
				for (k = 1; k in m; k++) prim(m[k])
				print "</group>"
			} else if (tkind[t] == "clone") {
				printf "<clone id=\"%s-clone\">", tid[t]; prim(tid[t]); print "</clone>"
				tid[t] = tid[t] "-clone"
			} else {
				prim(tid[t])
			}
		}
		print "</resources><constraints>"
		for (t = 1; t <= top; t++) {
			if (tkind[t] == "clone") continue
			if (rnd(100) < 30)
				printf "<rsc_location id=\"loc-%s\" rsc=\"%s\" node=\"node%d\" score=\"%d\"/>\n", tid[t], tid[t], rnd(N) + 1, rnd(3) == 0 ? -1000000 : 50
			if (t > 1 && rnd(100) < 15)
				printf "<rsc_colocation id=\"col-%s\" rsc=\"%s\" with-rsc=\"%s\" score=\"%s\"/>\n", tid[t], tid[t], tid[rnd(t - 1) + 1], rnd(2) ? "INFINITY" : "100"
			if (t > 1 && rnd(100) < 15)
				printf "<rsc_order id=\"ord-%s\" first=\"%s\" then=\"%s\" kind=\"Mandatory\"/>\n", tid[t], tid[rnd(t - 1) + 1], tid[t]
		}
		print "</constraints><rsc_defaults><meta_attributes id=\"rsc-options\">"
		print "<nvpair id=\"rsc-stickiness\" name=\"resource-stickiness\" value=\"100\"/>"
		print "</meta_attributes></rsc_defaults></configuration><status>"
		for (n = 1; n <= N; n++) {
			printf "<node_state id=\"%d\" uname=\"node%d\" in_ccm=\"true\" crmd=\"online\"", n, n
			print " crm-debug-origin=\"do_update_resource\" join=\"member\" expected=\"member\">"
			printf "<lrm id=\"%d\"><lrm_resources>\n", n
			for (t = 1; t <= top; t++) {
				if (!trun[t]) continue
				split(substr(member[t], 2), m, " ")
				for (k = 1; k in m; k++)
					history(m[k], n, tkind[t] == "clone" || tnode[t] == n)
			}
			print "</lrm_resources></lrm></node_state>"
		}
		print "</status></cib>"
	}'
}

# gen NODES RESOURCES FILE
gen() {
	if [ "$GEN" = shared ]; then
		# the mix of ../shared/tools/sched-perf: steady state with some churn
		python3 "$SHARED/cib-gen" --seed "$SEED" --nodes "$1" --resources "$2" --history 0.9 \
			--failures 0.02 --offline 1 --standby 0 --unclean 0 -o "$3" >/dev/null
	else
		own_cib_gen "$1" "$2" "$SEED" >"$3"
	fi
}

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
