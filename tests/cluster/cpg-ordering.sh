#!/bin/bash
# CPG ordering under faults: a test client on every node multicasts while
# nodes are killed, restarted, partitioned and healed at random; every
# client logs what it delivered and cpg_evs_check proves, per schedule,
# one delivery order within each configuration and the same set of
# messages for the processes that moved together to the next one.
#   CPG_SCHEDULES=N (default 10), CPG_SEED=S (default: time)
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

SCHEDULES=${CPG_SCHEDULES:-10}
SEED=${CPG_SEED:-$(date +%s)}
NODES=5
MAX_RINGS=150
LOGS=$(mktemp -d /var/tmp/cpg-ordering.XXXXXX)
CLIENT=$BUILD_DIR/tests/tools/cpg_test_client
CHECK=$BUILD_DIR/tests/tools/cpg_evs_check
ALL=$(seq -s ' ' 1 $NODES)
echo "# seed $SEED, logs in $LOGS"
RANDOM=$SEED

start_client() {
	"$CLUSTER" exec "node$1" sh -c \
		"nohup '$CLIENT' -g ordering -r 40 -o '$LOGS/s$2-node$1.log' >/dev/null 2>&1 &"
}

stop_clients() {
	local n
	for n in $ALL; do
		"$CLUSTER" exec "node$n" pkill -TERM -f cpg_test_client 2>/dev/null
	done
	sleep 1
}

"$CLUSTER" up $NODES >/dev/null
"$CLUSTER" start all >/dev/null
wait_for 60 ring_is "$ALL" $ALL || { fail "the ring did not form"; finish; exit; }

for s in $(seq 1 "$SCHEDULES"); do
	declare -A down=()
	for n in $ALL; do start_client "$n" "$s"; done
	sleep 2
	steps=""
	for step in 1 2 3 4 5 6; do
		n=$((RANDOM % NODES + 1))
		case $((RANDOM % 4)) in
		0)
			"$CLUSTER" kill "node$n" >/dev/null
			down[$n]=1
			steps+=" kill$n"
			;;
		1)
			if [ -n "${down[$n]:-}" ]; then
				"$CLUSTER" revive "node$n" >/dev/null
				"$CLUSTER" start "node$n" >/dev/null 2>&1
				start_client "$n" "$s"
				unset "down[$n]"
				steps+=" revive$n"
			fi
			;;
		2)
			a=() b=()
			for m in $ALL; do if ((RANDOM % 2)); then a+=("$m"); else b+=("$m"); fi; done
			if [ ${#a[@]} -gt 0 ] && [ ${#b[@]} -gt 0 ]; then
				"$CLUSTER" partition "$(IFS=,; echo "${a[*]}")" "$(IFS=,; echo "${b[*]}")" >/dev/null
				steps+=" split:$(IFS=,; echo "${a[*]}")|$(IFS=,; echo "${b[*]}")"
			fi
			;;
		3)
			"$CLUSTER" heal >/dev/null
			steps+=" heal"
			;;
		esac
		sleep $((2 + RANDOM % 4))
	done
	"$CLUSTER" heal >/dev/null
	for n in "${!down[@]}"; do
		"$CLUSTER" revive "node$n" >/dev/null
		"$CLUSTER" start "node$n" >/dev/null 2>&1
		start_client "$n" "$s"
	done
	unset down
	wait_for 90 ring_is "$ALL" $ALL || fail "schedule $s ($steps): the ring did not re-form"
	sleep 3
	stop_clients
	if out=$("$CHECK" "$LOGS"/s"$s"-node*.log); then
		ok "schedule $s ($steps): $out"
	else
		fail "schedule $s ($steps): $out"
	fi
	# a handful of steps makes a handful of rings; hundreds are a storm
	rings=$(cat "$LOGS"/s"$s"-node*.log | grep -c '^T')
	check "schedule $s: $rings rings seen by the 5 clients (at most $MAX_RINGS)" \
		[ "$rings" -le "$MAX_RINGS" ]
done
"$CLUSTER" down >/dev/null
[ "$TESTS_FAILED" -gt 0 ] || rm -rf "$LOGS"
finish
