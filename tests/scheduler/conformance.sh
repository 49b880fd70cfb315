#!/bin/sh
# Scheduler conformance, for information: our crm_simulate graded by
# ../shared/tools/sched-anchors-run against pacemaker 2.1.5's scheduler
# regression suite (../shared/anchors/pacemaker-scheduler), first over the
# curated ladder (ladder.tsv), then over every case.  Prints both runs'
# totals and, for the ladder, a table per level: cases, matching action
# sets, matching action sets and ordering edges.
#
# Usage: conformance.sh [CRM_SIMULATE]   (default: build/pacemaker/tools/
# crm_simulate under the source tree).  Environment: SHARED_DIR (default
# ../shared beside the source tree), CONFORMANCE_JOBS (default 2),
# CONFORMANCE_OUT (keep the per-case results there; default a temporary
# directory, removed).
#
# Low scores never fail: the exit status is 0 unless the runner itself
# crashes (no results written) or the binary is missing.  Without
# ../shared it says why it skips and exits 0.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DIR:-$(cd "$top/.." && pwd)/shared}
binary=${1:-$top/build/pacemaker/tools/crm_simulate}
jobs=${CONFORMANCE_JOBS:-2}
anchors=$shared/anchors/pacemaker-scheduler
runner=$shared/tools/sched-anchors-run

if [ ! -d "$anchors" ] || [ ! -f "$runner" ]; then
	echo "scheduler conformance skipped: $anchors or $runner is absent"
	exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
	echo "scheduler conformance skipped: python3 (the runner's language) is not installed"
	exit 0
fi
if [ ! -x "$binary" ]; then
	echo "scheduler conformance: $binary is not built" >&2
	exit 1
fi

if [ -n "${CONFORMANCE_OUT:-}" ]; then
	out=$CONFORMANCE_OUT
	mkdir -p "$out" || exit 1
else
	out=$(mktemp -d "${TMPDIR:-/tmp}/sched-conformance.XXXXXX") || exit 1
	trap 'rm -rf "$out"' EXIT
fi

# run NAME [runner options]: one graded run into $out/NAME.tsv.  The
# runner exits 1 whenever a case differs, so its status says little: a
# run counts as crashed when it wrote no results.
run() {
	name=$1
	shift
	rm -f "$out/$name.tsv"
	python3 "$runner" --binary "$binary" --anchors "$anchors" --out "$out/$name" \
		-j "$jobs" --tsv "$out/$name.tsv" "$@" >"$out/$name.log" 2>&1
	if [ ! -s "$out/$name.tsv" ]; then
		echo "scheduler conformance: the runner crashed on the $name run:" >&2
		tail -20 "$out/$name.log" >&2
		return 1
	fi
	grep -v '^per-case results:' "$out/$name.log"
}

# The ladder's levels ("# level N name") and per level: cases, actions
# match, actions and edges match (columns of the runner's TSV by header).
level_table() {
	awk -F '\t' '
		FNR == 1 { file++ }
		file == 1 && /^# level [0-9]+ / {
			n = $0; sub(/^# level [0-9]+ /, "", n)
			split($0, w, " "); title[w[3]] = n; next
		}
		file == 1 && !/^#/ && NF >= 2 { level[$1] = $2; next }
		file == 2 && FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		file == 2 && ($1 in level) {
			l = level[$1]; cases[l]++
			if ($(col["actions"]) == "True") acts[l]++
			if ($(col["graph_sem"]) == "True") edges[l]++
			if (l > max) max = l
		}
		END {
			printf "%-5s %-40s %5s %15s %15s\n", "level", "name", "cases",
				"actions match", "edges match"
			for (l = 1; l <= max; l++) {
				if (!(l in cases)) continue
				printf "%-5d %-40s %5d %9d %4.0f%% %9d %4.0f%%\n", l, title[l], cases[l],
					acts[l], 100 * acts[l] / cases[l], edges[l], 100 * edges[l] / cases[l]
				tc += cases[l]; ta += acts[l]; te += edges[l]
			}
			if (tc > 0)
				printf "%-5s %-40s %5d %9d %4.0f%% %9d %4.0f%%\n", "all", "", tc,
					ta, 100 * ta / tc, te, 100 * te / tc
		}' "$anchors/ladder.tsv" "$out/ladder.tsv"
}

echo "scheduler conformance of $binary (informational)"
echo "--- ladder ($anchors/ladder.tsv)"
run ladder --cases "@$anchors/ladder.tsv" || exit 1
echo
level_table
echo
echo "--- whole suite"
run all || exit 1
exit 0
