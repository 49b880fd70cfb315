#!/bin/sh
# crm_mon's console mode (-i), the status screen an admin leaves open,
# through a pseudo-terminal (pty_run, the shell's own tests' driver): it
# draws the summary, redraws when the CIB changes, switches parts on and
# off by key as pacemaker's does, lists the keys on '?', and ends on 'q'.
mon=${CRM_MON:?}
pty=${PTY_RUN:?}
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-mon-console.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
n=0
export CIB_file="$dir/cib.xml" TERM=xterm LC_ALL=C
# cib BODY: a one-node CIB with BODY as its resources
cib() {
	cat >"$dir/next.xml" <<X
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="$2" num_updates="0" admin_epoch="0" have-quorum="1" dc-uuid="1">
  <configuration>
    <crm_config><cluster_property_set id="o"><nvpair id="o-s" name="stonith-enabled" value="false"/></cluster_property_set></crm_config>
    <nodes><node id="1" uname="node1"/></nodes>
    <resources>$1</resources><constraints/>
  </configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="1"><instance_attributes id="status-1"><nvpair id="status-1-site" name="site" value="east"/></instance_attributes></transient_attributes>
    </node_state>
  </status>
</cib>
X
	mv "$dir/next.xml" "$dir/cib.xml"
}
run() { # NAME SCRIPT-FILE
	n=$((n + 1))
	if timeout 30 "$pty" "$2" "$mon" -i 1 >"$dir/log" 2>&1; then echo "ok $n - $1"; else
		echo "not ok $n - $1"
		sed 's/^/# /' "$dir/log" | tail -20
	fi
}

cib '<primitive id="first" class="ocf" provider="heartbeat" type="Dummy"/>' 1
cat >"$dir/s1" <<X
expect Cluster Summary
expect 1 resource instance configured
expect Press ? for the display keys
X
# a resource added while the screen is up shows on a later round
(sleep 2 && cib '<primitive id="first" class="ocf" provider="heartbeat" type="Dummy"/><primitive id="second" class="ocf" provider="heartbeat" type="Dummy"/>' 2) &
cat >>"$dir/s1" <<X
expect 2 resource instances configured
send r
expect second
send q
X
run "the screen shows the cluster, redraws when the CIB changes; r shows inactive resources" "$dir/s1"
wait

cat >"$dir/s2" <<X
expect Cluster Summary
send A
expect Node Attributes
expect site
send ?
expect Display keys
expect node attributes
send r
expect first
send q
X
run "A shows node attributes; ? lists the keys and their state; r from there shows inactive resources" "$dir/s2"

echo "1..$n"
