#!/bin/bash
# ocf:heartbeat:Dummy (and the same file as ocf:pacemaker:Dummy): life
# cycle, migration, the test knobs (op_sleep, fail_start_on, depths 30
# and 40) and parameter checks.
. "$(dirname "$0")/ralib.sh"

state=$RA_STAGE/dummy.state
absent() { [ ! -e "$1" ]; }
# milliseconds since the epoch
now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

is_rc "meta-data" 0 Dummy meta-data
check "meta-data names the agent and its parameters" \
	grep -q '<parameter name="op_sleep"' "$RA_STAGE/stdout"
is_rc "validate-all" 0 Dummy validate-all state="$state"
is_rc "probe of a stopped resource" 7 Dummy monitor state="$state"
check "a probe gives no failure reason" test -z "$(ra_exit_reason)"
is_rc "start" 0 Dummy start state="$state"
check "start creates the state file" test -f "$state"
is_rc "start again" 0 Dummy start state="$state"
is_rc "monitor" 0 Dummy monitor state="$state" CRM_meta_interval=10000
is_rc "reload" 0 Dummy reload state="$state" fake=changed
is_rc "reload-agent" 0 Dummy reload-agent state="$state" fake=changed
check "reload keeps the resource running" test -f "$state"
is_rc "migrate_to" 0 Dummy migrate_to state="$state" CRM_meta_migrate_target=n2
check "migrate_to leaves nothing behind" absent "$state"
is_rc "migrate_from" 0 Dummy migrate_from state="$state" CRM_meta_migrate_source=n1
check "migrate_from brings the state file" test -f "$state"
is_rc "stop" 0 Dummy stop state="$state"
check "stop removes the state file" absent "$state"
is_rc "stop again" 0 Dummy stop state="$state"
is_rc "recurring monitor after stop" 7 Dummy monitor state="$state" CRM_meta_interval=10000
check "a failed recurring monitor names the state file" \
	grep -q "ocf-exit-reason:.*$state" "$RA_STDERR"

# default state file: in HA_RSCTMP, without the clone number of an
# anonymous clone
OCF_RESOURCE_INSTANCE=dclone:3 is_rc "start of an anonymous clone instance" 0 Dummy start
check "its state file has no instance number" test -f "$HA_RSCTMP/Dummy-dclone.state"
OCF_RESOURCE_INSTANCE=dclone:3 is_rc "its stop" 0 Dummy stop
OCF_RESOURCE_INSTANCE=dunique:3 is_rc "globally unique clone instance" 0 Dummy start \
	CRM_meta_globally_unique=true
check "keeps its number in the state file name" test -f "$HA_RSCTMP/Dummy-dunique:3.state"
OCF_RESOURCE_INSTANCE=dunique:3 ra_run Dummy stop CRM_meta_globally_unique=true

# parameters
is_rc "op_sleep that is no number" 6 Dummy start state="$state" op_sleep=soon
check "the reason names op_sleep" grep -q "ocf-exit-reason:op_sleep='soon'" "$RA_STDERR"
is_rc "state file in a missing directory" 2 Dummy validate-all state="$RA_STAGE/none/x.state"
check "the reason names the state file" grep -q "ocf-exit-reason:state file $RA_STAGE/none/x.state" "$RA_STDERR"
is_rc "start with a state file that cannot be created" 1 Dummy start state="$RA_STAGE/none/x.state"
is_rc "unknown action" 3 Dummy frobnicate

# test knobs
t0=$(now_ms)
is_rc "start with op_sleep=1" 0 Dummy start state="$state" op_sleep=1
check "op_sleep makes the start take a second" test $(($(now_ms) - t0)) -ge 1000
is_rc "fail_start_on this host: start fails" 1 Dummy start state="$state" fail_start_on="$(uname -n)"
is_rc "...but the resource runs" 0 Dummy monitor state="$state"
is_rc "fail_start_on another host: start succeeds" 0 Dummy start state="$state" fail_start_on=elsewhere
OCF_CHECK_LEVEL=30 is_rc "monitor depth 30 fails" 1 Dummy monitor state="$state"
echo 9 >"$state"
OCF_CHECK_LEVEL=40 is_rc "monitor depth 40 returns the code in the state file" 9 Dummy monitor state="$state"
is_rc "monitor depth 0 ignores it" 0 Dummy monitor state="$state"
: >"$state.serialized"
is_rc "two monitors at once are reported" 1 Dummy monitor state="$state" op_sleep=1
rm -f "$state.serialized"
is_rc "stop" 0 Dummy stop state="$state"

# the same file as ocf:pacemaker:Dummy ignores SIGTERM, as pacemaker's does
ln -s "$RA_SRCDIR/heartbeat/Dummy" "$OCF_ROOT/resource.d/pacemaker/Dummy"
term_test() {
	local provider=$1 pid rc=0
	OCF_RESKEY_state=$state OCF_RESKEY_op_sleep=1 \
		"$OCF_ROOT/resource.d/$provider/Dummy" start 2>/dev/null &
	pid=$!
	sleep 0.3
	kill -TERM $pid
	wait $pid || rc=$?
	echo $rc
}
rm -f "$state"
check "ocf:pacemaker:Dummy finishes its start despite SIGTERM" test "$(term_test pacemaker)" -eq 0
check "...and the resource runs" test -f "$state"
rm -f "$state"
check "ocf:heartbeat:Dummy dies of SIGTERM" test "$(term_test heartbeat)" -ne 0
rm -f "$state"

finish
