#!/bin/bash
# ocf:pacemaker:Stateful: roles, promotion scores (crm_attribute replaced
# by a recorder), injected monitor results, notify.
. "$(dirname "$0")/ralib.sh"

state=$RA_STAGE/stateful.state
scores=$RA_STAGE/crm_attribute.log
export CRM_ATTRIBUTE=$RA_STAGE/crm_attribute
printf '#!/bin/sh\necho "$*" >>"%s"\n' "$scores" >"$CRM_ATTRIBUTE"
chmod +x "$CRM_ATTRIBUTE"
export OCF_RESOURCE_INSTANCE=ms1:0
S=pacemaker/Stateful

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
role() { cat "$state" 2>/dev/null; }
# the last call of crm_attribute
last_score() { tail -n 1 "$scores" 2>/dev/null; }
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', expected '$3')"; fi
}

is_rc "meta-data" 0 $S meta-data
check "meta-data has promote and demote" \
	grep -q '<action name="promote"' "$RA_STAGE/stdout"
is_rc "validate-all" 0 $S validate-all state="$state"
is_rc "probe of a stopped resource" 7 $S monitor state="$state"
is_rc "promote of a stopped resource" 7 $S promote state="$state"
is_rc "demote of a stopped resource" 7 $S demote state="$state"
is_rc "start" 0 $S start state="$state"
is "start makes the resource unpromoted" "$(role)" Unpromoted
is "start sets the unpromoted score" "$(last_score)" "-p ms1:0 -l reboot -v 5"
is_rc "start again" 0 $S start state="$state"
is_rc "monitor of the unpromoted resource" 0 $S monitor state="$state" CRM_meta_interval=11000
is_rc "promote" 0 $S promote state="$state"
is "promote records the role" "$(role)" Promoted
is "promote sets the promoted score" "$(last_score)" "-p ms1:0 -l reboot -v 10"
is_rc "monitor of the promoted resource" 8 $S monitor state="$state" CRM_meta_interval=10000
: >"$scores"
is_rc "probe of the promoted resource" 8 $S monitor state="$state"
is "a probe restores the promotion score" "$(last_score)" "-p ms1:0 -l reboot -v 10"
is_rc "promote again" 0 $S promote state="$state"
is_rc "start of a promoted resource is refused" 8 $S start state="$state"
is_rc "stop of a promoted resource is refused" 8 $S stop state="$state"
is "...and it stays promoted" "$(role)" Promoted
is_rc "demote" 0 $S demote state="$state"
is "demote records the role" "$(role)" Unpromoted
is "demote sets the unpromoted score" "$(last_score)" "-p ms1:0 -l reboot -v 5"
is_rc "monitor after demote" 0 $S monitor state="$state" CRM_meta_interval=11000
is_rc "stop" 0 $S stop state="$state"
check "stop removes the state file" test ! -e "$state"
is "stop deletes the promotion score" "$(last_score)" "-p ms1:0 -l reboot -D"
is_rc "stop again" 0 $S stop state="$state"
is_rc "monitor after stop" 7 $S monitor state="$state" CRM_meta_interval=10000

# notify and its delay
t0=$(now_ms)
is_rc "notify" 0 $S notify state="$state" notify_delay=1 CRM_meta_notify_type=pre \
	CRM_meta_notify_operation=promote
check "notify_delay=1 makes notify take a second" test $(($(now_ms) - t0)) -ge 1000
is_rc "notify_delay that is no number" 6 $S notify state="$state" notify_delay=later
check "the reason names notify_delay" grep -q "ocf-exit-reason:notify_delay='later'" "$RA_STDERR"

# failures: injected result, broken state file
is_rc "start for failure tests" 0 $S start state="$state"
echo 9 >"$state.rc"
is_rc "monitor returns the injected result" 9 $S monitor state="$state"
rm -f "$state.rc"
echo Sideways >"$state"
is_rc "unknown role in the state file" 1 $S monitor state="$state"
check "the reason names the role" grep -q "ocf-exit-reason:.*'Sideways'" "$RA_STDERR"
rm -f "$state"

# default state file, without the clone number of an anonymous clone
is_rc "start with the default state file" 0 $S start
check "default state file in HA_RSCTMP without the clone number" test -f "$HA_RSCTMP/Stateful-ms1.state"
is_rc "stop with the default state file" 0 $S stop

# without crm_attribute (outside a cluster) the roles still change
CRM_ATTRIBUTE=$RA_STAGE/no-such-crm_attribute is_rc "start without crm_attribute" 0 $S start state="$state"
CRM_ATTRIBUTE=$RA_STAGE/no-such-crm_attribute is_rc "promote without crm_attribute" 0 $S promote state="$state"
is "promoted all the same" "$(role)" Promoted
CRM_ATTRIBUTE=$RA_STAGE/no-such-crm_attribute ra_run $S demote state="$state"
CRM_ATTRIBUTE=$RA_STAGE/no-such-crm_attribute is_rc "stop without crm_attribute" 0 $S stop state="$state"
is_rc "unknown action" 3 $S frobnicate

finish
