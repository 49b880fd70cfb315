#!/bin/bash
# Every agent of this tree (providers heartbeat and pacemaker) prints
# meta-data that ocf-metadata-check accepts without a warning: well-formed,
# valid against ra-api-1.rng, and sound (unique names, durations, defaults
# of the declared type, the mandatory actions).  One TAP line per agent.
#
# Agents run from a staged OCF root with our shell functions (ralib.sh).

# shellcheck source=ralib.sh
. "$(dirname "${BASH_SOURCE[0]}")/ralib.sh"

CHECK=${OCF_METADATA_CHECK:-$RA_BUILDDIR/ra-api/ocf-metadata-check}
SCHEMA=${RA_API_SCHEMA:-$RA_SRCDIR/ra-api/ra-api-1.rng}
[ -x "$CHECK" ] || { echo "Bail out! $CHECK is missing: build first (make)"; exit 99; }

# The checker itself: it must be able to fail, or the lines below prove
# nothing.  A minimal valid document, then one broken two ways.
sample='<?xml version="1.0"?>
<resource-agent name="Sample">
<version>1.0</version>
<longdesc lang="en">A sample.</longdesc><shortdesc lang="en">sample</shortdesc>
<parameters><parameter name="size" required="1">
<longdesc lang="en">Size.</longdesc><shortdesc lang="en">size</shortdesc>
<content type="integer"/></parameter></parameters>
<actions><action name="start" timeout="20s"/><action name="stop" timeout="20s"/>
<action name="monitor" timeout="20s" interval="10s"/><action name="meta-data" timeout="5s"/>
<action name="validate-all" timeout="5s"/></actions>
</resource-agent>'
check "ocf-metadata-check accepts a valid document" \
	"$CHECK" --strict --schema "$SCHEMA" - <<<"$sample"
bad=${sample/timeout=\"20s\"\/><action name=\"stop\"/timeout=\"soon\"\/><action name=\"stop\"}
bad=${bad/<content type=\"integer\"\/>/<content type=\"integer\" default=\"5s\"\/>}
"$CHECK" --schema "$SCHEMA" - <<<"$bad" >"$RA_STAGE/bad.out"
rc=$?
check "ocf-metadata-check rejects a bad one (exit $rc, want 1)" [ "$rc" -eq 1 ]
check "ocf-metadata-check names the bad timeout" \
	grep -q "^<stdin>:8: error: action 'start': timeout \"soon\" is not a duration" "$RA_STAGE/bad.out"
check "ocf-metadata-check names the required parameter with a default" \
	grep -q "^<stdin>:5: error: parameter 'size': required parameter has a default" "$RA_STAGE/bad.out"
"$CHECK" --schema "$SCHEMA" "$RA_STAGE/no-such-file" 2>/dev/null
rc=$?
check "ocf-metadata-check: unreadable input is exit 2 (got $rc)" [ "$rc" -eq 2 ]

agents=()
for f in "$OCF_ROOT"/resource.d/heartbeat/* "$OCF_ROOT"/resource.d/pacemaker/*; do
	[ -f "$f" ] && [ -x "$f" ] && agents+=("$f")
done
[ ${#agents[@]} -gt 0 ] || fail "no agents found in $RA_SRCDIR/heartbeat or pacemaker"

for agent in "${agents[@]}"; do
	provider=${agent%/*}
	provider=${provider##*/}
	out=$RA_STAGE/check.out
	# --strict: our own agents carry no warning either
	if "$CHECK" --strict --schema "$SCHEMA" --agent "$agent" >"$out" 2>"$RA_STDERR"; then
		ok "meta-data of $provider/${agent##*/}"
	else
		fail "meta-data of $provider/${agent##*/}"
		sed "s|^$agent|${agent##*/}|; s/^/#   /" "$out" "$RA_STDERR" | head -30
	fi
done
finish
