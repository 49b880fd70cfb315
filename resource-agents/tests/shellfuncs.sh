#!/bin/bash
# ocf-shellfuncs: the helpers every agent relies on, run under /bin/sh as
# agents are.
. "$(dirname "$0")/ralib.sh"

# sh_run 'SHELL CODE' [ACTION]: runs code after sourcing our shell
# functions as an agent would (action as $1); prints its output.
sh_run() {
	local code=$1
	shift
	sh -c ". \"\$OCF_FUNCTIONS_DIR/ocf-shellfuncs\"; $code" test-agent "$@" 2>"$RA_STDERR"
}

is() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', expected '$3')"; fi
}

is "exit codes" "$(sh_run 'echo $OCF_SUCCESS $OCF_ERR_CONFIGURED $OCF_NOT_RUNNING $OCF_RUNNING_MASTER')" "0 6 7 8"
is "ocf_is_true accepts pacemaker's true spellings" \
	"$(sh_run 'for v in yes YES true On 1 y no 0 false off ""; do ocf_is_true "$v" && printf T || printf F; done')" \
	"TTTTTTFFFFF"
is "ocf_version_cmp" \
	"$(sh_run 'for p in "1.2 1.10" "2.0 2" "3.1.7 3.1.6" "1.a 1" "010 9"; do ocf_version_cmp $p; printf %s $?; done')" \
	"01232"
is "ocf_is_decimal" "$(sh_run 'for v in 12 0 -1 1.5 ""; do ocf_is_decimal "$v" && printf T || printf F; done')" "TTFFF"
is "probe: a monitor with interval 0" "$(OCF_RESKEY_CRM_meta_interval=0 sh_run 'ocf_is_probe && echo probe' monitor)" probe
is "no probe: recurring monitor" "$(OCF_RESKEY_CRM_meta_interval=10000 sh_run 'ocf_is_probe || echo recurring' monitor)" recurring
is "no probe: start" "$(sh_run 'ocf_is_probe || echo start' start)" start
is "clone and promotable" "$(OCF_RESKEY_CRM_meta_clone_max=2 OCF_RESKEY_CRM_meta_promotable=true sh_run 'ocf_is_clone && ocf_is_ms && echo yes')" yes

: >"$HA_LOGFILE"
OCF_RESOURCE_INSTANCE=web1 sh_run 'ocf_log warn "disk is slow"; ocf_log debug hidden' start
check "ocf_log writes the cluster log with tag and level" \
	grep -q "test-agent(web1)\[[0-9]*\] WARNING: disk is slow" "$HA_LOGFILE"
check "ocf_log writes stderr" grep -q "WARNING: disk is slow" "$RA_STDERR"
check "debug messages only when asked" sh -c "! grep -q hidden '$HA_LOGFILE'"
HA_debug=1 sh_run 'ocf_log debug shown' start
check "debug messages with HA_debug=1" grep -q "DEBUG: shown" "$HA_LOGFILE"

sh_run 'ocf_exit_reason "address %s is not valid" 1.2.3' start
is "ocf_exit_reason prints the reason for the executor" "$(ra_exit_reason)" "address 1.2.3 is not valid"
check "ocf_exit_reason logs an error" grep -q "ERROR: address 1.2.3 is not valid" "$HA_LOGFILE"

is "ocf_run returns the command's code" "$(sh_run 'ocf_run sh -c "echo out; exit 3"; echo $?')" 3
check "ocf_run logs a failure with the output" grep -q "ERROR: sh -c echo out; exit 3 failed (exit 3): out" "$HA_LOGFILE"

pidfile=$RA_STAGE/p.pid
sleep 30 &
echo $! >"$pidfile"
is "pid file of a live process" "$(sh_run "ocf_pidfile_status $pidfile; echo \$?")" 0
kill $!
wait $! 2>/dev/null
is "pid file of a dead process" "$(sh_run "ocf_pidfile_status $pidfile; echo \$?")" 1
is "no pid file" "$(sh_run "ocf_pidfile_status $RA_STAGE/none; echo \$?")" 2

sleep 30 &
p=$!
is "ocf_stop_processes stops a process" "$(sh_run "ocf_stop_processes 'TERM KILL' 4 $p; echo \$?")" 0
wait $p 2>/dev/null

# Two holders of one lock never overlap.
lock=$RA_STAGE/locks/ip
for i in 1 2 3; do
	sh_run "ocf_take_lock $lock; ocf_release_lock_on_exit $lock; echo in >>$RA_STAGE/trace; sleep 0.2; echo out >>$RA_STAGE/trace" &
done
wait
is "ocf_take_lock serialises holders" "$(tr '\n' ' ' <"$RA_STAGE/trace")" "in out in out in out "
check "the lock is released at exit" test ! -e "$lock"

is "check_binary exits OCF_ERR_INSTALLED for a missing program" \
	"$(sh_run 'check_binary no-such-program-here; echo reached'; echo $?)" 5
check "check_binary names the missing program" sh -c "grep -q \"no-such-program-here\" '$RA_STDERR'"

finish
