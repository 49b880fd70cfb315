#!/bin/sh
# The crm front-end on a file-backed CIB: a batch commits, a failed batch
# commits nothing and exits 1, argv commands and stdin work.
crm=${CRM_BIN:?}
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-batch.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
no() { n=$((n + 1)); echo "not ok $n - $1"; }
fresh() {
	cat >"$dir/cib.xml" <<'X'
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/>
</cib>
X
}
export CIB_file="$dir/cib.xml" HOME="$dir"
M="-o core.ignore_missing_metadata=yes"

fresh
# shellcheck disable=SC2086
if "$crm" $M configure property stonith-enabled=false >/dev/null 2>&1 &&
	grep -q 'name="stonith-enabled" value="false"' "$dir/cib.xml"; then
	ok "a command from argv is committed"
else no "a command from argv is committed"; fi

printf 'configure\nprimitive d1 ocf:heartbeat:Dummy\ncommit\n' >"$dir/ok.crm"
# shellcheck disable=SC2086
if "$crm" $M -f "$dir/ok.crm" >/dev/null 2>&1 && grep -q 'id="d1"' "$dir/cib.xml"; then
	ok "crm -f commits a script"
else no "crm -f commits a script"; fi

fresh
printf 'configure\nproperty stonith-enabled=false\nlocation l1 d1 100 node1\ncommit\n' >"$dir/bad.crm"
# shellcheck disable=SC2086
"$crm" $M -D plain -f "$dir/bad.crm" >"$dir/out" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "ERROR: syntax in location: expected <score>: <node> or <rule>" "$dir/out"; then
	ok "a syntax error is reported and the exit status is 1"
else no "a syntax error is reported and the exit status is 1 (rc $rc)"; fi

fresh
printf 'configure\nprimitive d1 ocf:heartbeat:Dummy\ncommit\n' >"$dir/stonith.crm"
# shellcheck disable=SC2086
"$crm" $M -D plain <"$dir/stonith.crm" >"$dir/out" 2>&1
rc=$?
if [ $rc = 1 ] && ! grep -q 'id="d1"' "$dir/cib.xml" && grep -q "STONITH" "$dir/out"; then
	ok "a batch failing verification (stdin) commits nothing"
else no "a batch failing verification (stdin) commits nothing (rc $rc)"; fi

# shellcheck disable=SC2086
"$crm" $M configure property stonith-enabled=false >/dev/null 2>&1
# shellcheck disable=SC2086
"$crm" $M configure primitive d2 Dummy >/dev/null 2>&1
show=$("$crm" configure show 2>&1)
if [ "$show" = "$(printf 'primitive d2 Dummy\nproperty cib-bootstrap-options: \\\n\tstonith-enabled=false')" ]; then
	ok "configure show prints the committed configuration"
else no "configure show prints the committed configuration: $show"; fi
# crmsh pipes its configuration objects to crm_verify, never the status
# section: configured nodes nobody has seen are not called unclean
fresh
printf 'configure\nproperty stonith-enabled=true no-quorum-policy=stop\nnode node1\nprimitive st stonith:fence_x\ncommit\n' >"$dir/nodes.crm"
# shellcheck disable=SC2086
"$crm" $M -D plain -f "$dir/nodes.crm" >"$dir/out" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q 'id="st"' "$dir/cib.xml" && ! grep -q "unclean" "$dir/out"; then
	ok "commit verifies the configuration without the status section"
else no "commit verifies the configuration without the status section (rc $rc): $(cat "$dir/out")"; fi

# the advised timeout of a monitor without a role is the first monitor's
mkdir -p "$dir/ocf/test"
cat >"$dir/ocf/test/Multi" <<'X'
#!/bin/sh
[ "$1" = meta-data ] || exit 0
cat <<'M'
<resource-agent name="Multi"><parameters/><actions>
<action name="start" timeout="20s"/><action name="stop" timeout="20s"/>
<action name="monitor" timeout="30s" depth="0" interval="10s"/>
<action name="monitor" timeout="60s" depth="30"/>
</actions></resource-agent>
M
X
chmod +x "$dir/ocf/test/Multi"
fresh
printf 'configure\nproperty stonith-enabled=false\nprimitive m1 ocf:test:Multi op monitor interval=20s timeout=30s\nprimitive m2 ocf:test:Multi op monitor interval=20s timeout=20s\ncommit\n' >"$dir/multi.crm"
OCF_RA_PATH=$dir/ocf "$crm" -D plain -f "$dir/multi.crm" >"$dir/out" 2>&1
if grep -q "m2: specified timeout 20s for monitor is smaller than the advised 30s" "$dir/out" &&
	! grep -q "m1: specified timeout" "$dir/out"; then
	ok "a monitor is held to the first monitor action's timeout"
else no "a monitor is held to the first monitor action's timeout: $(cat "$dir/out")"; fi
echo "1..$n"
