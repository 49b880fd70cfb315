#!/bin/bash
# pacemakerd on one node of our corosync: it refuses to start without
# corosync, starts the pacemaker daemons installed in the prefix (and says
# which are not), refuses a second instance, respawns a daemon killed with
# SIGKILL, stops everything and exits 0 on SIGTERM and on
# `pacemakerd --shutdown`, and stops its daemons when corosync dies.  Its
# log lines land in the node's /var/log/cluster/pacemaker.log.
# The respawn checks need at least one daemon in the prefix; without one
# they are reported as skipped.
set -uo pipefail
. "$(dirname "$0")/../harness/testlib.sh"
require_stack

PREFIX=$("$CLUSTER" configure-args | sed -n 's/.*--prefix=\([^ ]*\).*/\1/p')
PCMKD=$PREFIX/sbin/pacemakerd
DAEMON_DIR=$PREFIX/libexec/pacemaker
CHILDREN="cib stonithd lrmd attrd pengine crmd"
[ -x "$PCMKD" ] || skip "pacemakerd is not installed in $PREFIX (run: $CLUSTER install $BUILD_DIR)"

on() {
	"$CLUSTER" exec node1 "$@"
}

log_has() {
	on grep -q -- "$1" /var/log/cluster/pacemaker.log
}

# The pid of process NAME in the node, if one runs.
pid_of() {
	on pgrep -x "$1" 2>/dev/null | head -n 1
}

starts() {
	on grep -c "Starting pacemakerd" /var/log/cluster/pacemaker.log 2>/dev/null
}

# Start pacemakerd detached (behind the command words in $1, if any); its
# exit status goes to /run/pcmkd.rc.
start_pacemakerd() {
	STARTS=$(starts)
	on rm -f /run/pcmkd.rc
	on sh -c "setsid -f sh -c '${1:-} $PCMKD; echo \$? >/run/pcmkd.rc' \
		</dev/null >>/var/log/cluster/pacemakerd.stderr 2>&1"
}

exited_with() {
	[ "$(on cat /run/pcmkd.rc 2>/dev/null)" = "$1" ]
}

has_exited() {
	on test -s /run/pcmkd.rc
}

none_running() {
	local c
	for c in pacemakerd $INSTALLED; do
		[ -z "$(pid_of "$c")" ] || return 1
	done
}

# Lines of the current log from the last start of pacemakerd on.
log_since_start() {
	on sh -c 'tac /var/log/cluster/pacemaker.log | sed "/Starting pacemakerd/q" | tac'
}

# The pacemakerd started last has started all its daemons.
is_up() {
	[ "$(starts)" -gt "$STARTS" ] && log_since_start | grep -q "All pacemaker daemons are running"
}

INSTALLED=""
for c in $CHILDREN; do
	[ -x "$DAEMON_DIR/$c" ] && INSTALLED="$INSTALLED $c"
done
INSTALLED=${INSTALLED# }
echo "# pacemaker daemons installed: ${INSTALLED:-none}"

STARTS=0
"$CLUSTER" up 1 >/dev/null

# ---- without corosync
out=$(on "$PCMKD" 2>&1)
rc=$?
check "without corosync: exits 69 (unavailable), got $rc" [ "$rc" -eq 69 ]
check "without corosync: says 'corosync is not running'" grep -q "corosync is not running" <<<"$out"
check "without corosync: the reason is in pacemaker.log" log_has "corosync is not running"
check "without corosync: no daemon was started" none_running

# ---- start
CLUSTER_STACK=corosync "$CLUSTER" start all >/dev/null
start_pacemakerd
check "pacemakerd runs" wait_for 30 sh -c "[ -n \"\$('$CLUSTER' exec node1 pgrep -x pacemakerd)\" ]"
check "log: corosync found, with the cluster name" wait_for 30 log_has "corosync is running (cluster harness)"
check "log: all daemons are running" wait_for 60 is_up
for c in $CHILDREN; do
	case " $INSTALLED " in
	*" $c "*) check "$c runs" wait_for 10 sh -c "[ -n \"\$('$CLUSTER' exec node1 pgrep -x $c)\" ]" ;;
	*) check "log: $c is not installed, so not run" log_has "Not running $c: " ;;
	esac
done
out=$(on "$PCMKD" 2>&1)
rc=$?
check "a second pacemakerd refuses to start (exit 100), got $rc" [ "$rc" -eq 100 ]
check "a second pacemakerd says why" grep -q "already running" <<<"$out"

# ---- respawn
first=${INSTALLED%% *}
if [ -z "$first" ]; then
	echo "# SKIP respawn checks: no pacemaker daemon is installed in $DAEMON_DIR"
else
	old=$(pid_of "$first")
	on kill -9 "$old"
	check "kill -9 $first: respawned with a new pid" wait_for 15 sh -c \
		"p=\$('$CLUSTER' exec node1 pgrep -x $first); [ -n \"\$p\" ] && [ \"\$p\" != $old ]"
	check "log: $first's death by signal 9" log_has "$first (pid $old) was killed by signal 9"
	check "log: $first respawned" log_has "Respawning $first (respawn 1)"
fi

# ---- SIGTERM
on kill -TERM "$(pid_of pacemakerd)"
check "SIGTERM: pacemakerd exited 0" wait_for 60 exited_with 0
check "SIGTERM: no daemon is left" none_running
check "log: all daemons stopped" log_has "All pacemaker daemons have stopped"
if [ -n "$INSTALLED" ]; then
	order=$(log_since_start | sed -n 's/.*info: Stopping \([a-z]*\) (pid.*/\1/p' | tr '\n' ' ')
	want=$(for c in $INSTALLED; do echo "$c"; done | tac | tr '\n' ' ')
	check "SIGTERM: stopped in reverse start order ($order)" [ "$order" = "$want" ]
fi

# ---- pacemakerd --shutdown
start_pacemakerd
check "restarted" wait_for 60 is_up
out=$(on "$PCMKD" --shutdown 2>&1)
rc=$?
check "--shutdown: exit 0 once stopped, got $rc ($out)" [ "$rc" -eq 0 ]
check "--shutdown: pacemakerd exited 0" wait_for 10 exited_with 0
check "--shutdown: no daemon is left" none_running
check "log: the shutdown request" log_has "Shutdown requested by pid"
out=$(on "$PCMKD" --shutdown 2>&1)
rc=$?
check "--shutdown with none running: exit 102, got $rc" [ "$rc" -eq 102 ]

# ---- under valgrind: a whole run without invalid access or leak
if command -v valgrind >/dev/null; then
	start_pacemakerd "valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --suppressions=$TOP/tests/valgrind.supp"
	check "under valgrind: started" wait_for 60 is_up
	on "$PCMKD" --shutdown >/dev/null 2>&1
	if wait_for 60 exited_with 0; then
		ok "under valgrind: clean run, exit 0"
	else
		fail "under valgrind: exit $(on cat /run/pcmkd.rc 2>/dev/null):" \
			"$(on tail -n 20 /var/log/cluster/pacemakerd.stderr | tr '\n' ' ')"
	fi
else
	echo "# SKIP valgrind run: valgrind is not installed"
fi

# ---- corosync dies
start_pacemakerd
check "started again" wait_for 60 is_up
on kill -9 "$(pid_of corosync)"
check "corosync killed: pacemakerd exits 102 (disconnected)" wait_for 60 exited_with 102
check "corosync killed: no daemon is left" none_running
check "log: the loss of corosync" log_has "Lost the connection to corosync"

echo "# pacemaker.log on node1 (tail):"
on tail -n 8 /var/log/cluster/pacemaker.log | sed 's/^/#   /'
"$CLUSTER" down >/dev/null
finish
