#!/bin/sh
# The levels beyond configure, in batch form on a file-backed CIB: what
# they write into the CIB and what they print (crm_resource's,
# crm_attribute's and crmsh's words).
crm=${CRM_BIN:?}
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-levels.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
n=0
check() { # NAME EXPECTED ACTUAL
	n=$((n + 1))
	if [ "$2" = "$3" ]; then echo "ok $n - $1"; else
		echo "not ok $n - $1"
		printf '# expected:\n%s\n# got:\n%s\n' "$2" "$3" | sed 's/^/# /'
	fi
}
has() { # NAME PATTERN FILE
	n=$((n + 1))
	if grep -q -- "$2" "$3"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
hasnt() {
	n=$((n + 1))
	if grep -q -- "$2" "$3"; then echo "not ok $n - $1"; else echo "ok $n - $1"; fi
}
export CIB_file="$dir/cib.xml" HOME="$dir" CIB_shadow_dir="$dir/shadows"
mkdir -p "$dir/shadows"
cat >"$dir/cib.xml" <<'X'
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
  <status>
    <node_state id="node1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="node1"><instance_attributes id="status-node1">
        <nvpair id="status-node1-fail-count-web.monitor_10000" name="fail-count-web#monitor_10000" value="1"/>
        <nvpair id="status-node1-other" name="other" value="1"/>
      </instance_attributes></transient_attributes>
      <lrm id="node1"><lrm_resources>
        <lrm_resource id="web" type="Dummy" class="ocf" provider="heartbeat">
          <lrm_rsc_op id="web_last_0" operation_key="web_start_0" operation="start" call-id="2" rc-code="0" op-status="0" interval="0" crm-debug-origin="x" transition-key="1:1:0:x" transition-magic="0:0;1:1:0:x" exec-time="1" queue-time="0" op-digest="x" on_node="node1"/>
        </lrm_resource>
      </lrm_resources></lrm>
    </node_state>
  </status>
</cib>
X
M="-D plain -o core.ignore_missing_metadata=yes"
# shellcheck disable=SC2086
"$crm" $M -f - >/dev/null 2>&1 <<'X'
configure
property stonith-enabled=false
node node1
node node2
primitive web ocf:heartbeat:Dummy op monitor interval=10s
primitive vip ocf:heartbeat:IPaddr2 params ip=192.168.122.100
commit
X
has "configure commits before the other levels" 'id="vip"' "$dir/cib.xml"

out=$("$crm" -D plain resource stop web 2>&1)
check "resource stop prints nothing" "" "$out"
has "resource stop writes target-role=Stopped" \
	'id="web-meta_attributes-target-role" name="target-role" value="Stopped"' "$dir/cib.xml"
"$crm" -D plain resource start web >/dev/null 2>&1
has "resource start writes target-role=Started" 'name="target-role" value="Started"' "$dir/cib.xml"
"$crm" -D plain resource unmanage vip >/dev/null 2>&1
has "resource unmanage writes is-managed=false" \
	'id="vip-meta_attributes-is-managed" name="is-managed" value="false"' "$dir/cib.xml"

out=$("$crm" -D plain resource param vip set cidr_netmask 24 2>&1)
check "resource param set (new nvpair) names the set" \
	"Set 'vip' option: id=vip-instance_attributes-cidr_netmask set=vip-instance_attributes name=cidr_netmask value=24" "$out"
out=$("$crm" -D plain resource param vip set cidr_netmask 25 2>&1)
check "resource param set (existing nvpair)" \
	"Set 'vip' option: id=vip-instance_attributes-cidr_netmask name=cidr_netmask value=25" "$out"
check "resource param show" "25" "$("$crm" -D plain resource param vip show cidr_netmask 2>&1)"
out=$("$crm" -D plain resource param vip delete cidr_netmask 2>&1)
check "resource param delete" \
	"Deleted 'vip' option: id=vip-instance_attributes-cidr_netmask name=cidr_netmask" "$out"
check "resource meta show of a missing attribute" "Attribute 'nope' not found for 'vip'" \
	"$("$crm" -D plain resource meta vip show nope 2>&1)"

out=$("$crm" -D plain resource move vip node1 2>&1)
check "resource move messages" "INFO: Move constraint created for vip to node1
INFO: Use \`crm resource clear vip\` to remove this constraint" "$out"
has "resource move writes cli-prefer" \
	'<rsc_location id="cli-prefer-vip" rsc="vip" role="Started" node="node1" score="INFINITY"/>' \
	"$dir/cib.xml"
"$crm" -D plain resource migrate vip node2 PT1H >"$dir/out" 2>&1
has "migrate is the deprecated move" "This command 'migrate' is deprecated, please use 'move'" "$dir/out"
has "a lifetime makes a rule with an end date" \
	'date_expression id="cli-prefer-lifetime-end-vip" operation="lt" end="' "$dir/cib.xml"
"$crm" -D plain resource ban web node2 >"$dir/out" 2>&1
has "resource ban writes cli-ban" 'id="cli-ban-web-on-node2" rsc="web" role="Started" node="node2" score="-INFINITY"' "$dir/cib.xml"
has "resource ban warns as crm_resource" "This will be the case even if node2 is the last node" "$dir/out"
out=$("$crm" -D plain resource unmove web 2>&1 | tail -1)
check "resource unmove clears" "INFO: Removed migration constraints for web" "$out"
hasnt "clear removes the ban" 'cli-ban-web' "$dir/cib.xml"
has "clear keeps other resources' constraints" 'cli-prefer-vip' "$dir/cib.xml"

out=$("$crm" -D plain resource stop nosuch 2>&1)
rc=$?
check "an unknown resource fails (rc 1)" "ERROR: Resource not found: nosuch|1" "$out|$rc"
out=$("$crm" -D plain resource move vip 2>&1)
check "move without a node" "ERROR: resource.move: No target node: Move requires either a target node or 'force'" "$out"

out=$("$crm" -D plain resource cleanup web 2>&1)
check "resource cleanup reports the node" "Cleaned up web on node1" "$out"
hasnt "cleanup removes the operation history" '<lrm_resource id="web"' "$dir/cib.xml"
hasnt "cleanup removes the fail count" 'fail-count-web' "$dir/cib.xml"
has "cleanup keeps other status attributes" 'name="other"' "$dir/cib.xml"

out=$("$crm" -D plain resource status vip 2>&1)
check "resource status of a stopped resource" "resource vip is NOT running" "$out"
"$crm" -D plain resource status >"$dir/out" 2>&1
has "resource status lists the resources" "Full List of Resources:" "$dir/out"

"$crm" -D plain node standby node1 >/dev/null 2>&1
has "node standby as crm_standby writes it" \
	'<nvpair id="nodes-node1-standby" name="standby" value="on"/>' "$dir/cib.xml"
"$crm" -D plain node online node1 >/dev/null 2>&1
has "node online" 'name="standby" value="off"' "$dir/cib.xml"
"$crm" -D plain node attribute node2 set rack r1 >/dev/null 2>&1
check "node attribute show" "scope=nodes  name=rack value=r1" \
	"$("$crm" -D plain node attribute node2 show rack 2>&1)"
check "node attribute delete" "Deleted nodes attribute: id=nodes-node2-rack name=rack" \
	"$("$crm" -D plain node attribute node2 delete rack 2>&1)"
"$crm" -D plain node utilization node2 set cpu 4 >/dev/null 2>&1
has "node utilization set" '<nvpair id="nodes-node2-utilization-cpu" name="cpu" value="4"/>' "$dir/cib.xml"
out=$("$crm" -D plain node attribute nodeX set a b 2>&1)
rc=$?
check "an unknown node fails" "1" "$rc"

out=$("$crm" -D plain cib new t1 empty 2>&1)
check "cib new" "INFO: cib.new: t1 shadow CIB created" "$out"
has "the shadow is a file where crm_shadow keeps it" "<cib" "$dir/shadows/shadow.t1"
check "cib list" "t1" "$("$crm" cib list 2>&1)"
# shellcheck disable=SC2086
"$crm" $M -c t1 configure property stonith-enabled=false >/dev/null 2>&1
has "crm -c works on the shadow" 'stonith-enabled' "$dir/shadows/shadow.t1"
# shellcheck disable=SC2086
printf 'cib use t1\nconfigure primitive s1 ocf:heartbeat:Dummy\n' | "$crm" $M >/dev/null 2>&1
has "cib use switches the CIB for later commands" 'id="s1"' "$dir/shadows/shadow.t1"
hasnt "the live CIB is untouched" 'id="s1"' "$dir/cib.xml"
"$crm" -D plain cib diff t1 >"$dir/out" 2>&1
has "cib diff shows the shadow's additions" '^+.*id="s1"' "$dir/out"
"$crm" -D plain cib commit t1 >"$dir/out" 2>&1
has "cib commit copies the shadow to the live CIB" 'id="s1"' "$dir/cib.xml"
out=$("$crm" -D plain cib delete t1 2>&1)
check "cib delete" "INFO: cib.delete: t1 shadow CIB deleted" "$out"

mkdir -p "$dir/ocf/resource.d/test"
cat >"$dir/ocf/resource.d/test/Thing" <<'X'
#!/bin/sh
cat <<'M'
<?xml version="1.0"?>
<resource-agent name="Thing">
<version>1.0</version>
<longdesc lang="en">Does a thing.</longdesc>
<shortdesc lang="en">A thing</shortdesc>
<parameters>
<parameter name="size" required="1"><longdesc lang="en">How big
it is.</longdesc><shortdesc lang="en">Size</shortdesc><content type="integer"/></parameter>
<parameter name="color"><longdesc lang="en">Its colour.</longdesc><shortdesc lang="en">Colour</shortdesc><content type="string" default="red"/></parameter>
</parameters>
<actions>
<action name="start" timeout="20s"/>
<action name="monitor" timeout="20s" interval="10s" depth="0"/>
<action name="meta-data" timeout="5s"/>
</actions>
</resource-agent>
M
X
chmod +x "$dir/ocf/resource.d/test/Thing"
export OCF_RA_PATH="$dir/ocf/resource.d"
"$crm" ra classes >"$dir/out" 2>&1
has "ra classes lists the OCF providers" "^ocf / .*test" "$dir/out"
check "ra list ocf PROVIDER" "Thing     " "$("$crm" ra list ocf test 2>&1)"
expected='A thing (ocf:test:Thing)

Does a thing.

Parameters (*: required, []: default):

size* (integer): Size
    How big
    it is.

color (string, [red]): Colour
    Its colour.

Operations'"'"' defaults (advisory minimum):

    start         timeout=20s
    monitor       timeout=20s interval=10s depth=0'
check "ra info prints meta-data as crmsh" "$expected" "$("$crm" ra info ocf:test:Thing 2>&1)"
check "ra providers" "test" "$("$crm" ra providers Thing 2>&1)"
out=$("$crm" -D plain ra info ocf:test:Nothing 2>&1)
check "ra info of a missing agent" "ERROR: ocf:test:Nothing: got no meta-data, does this RA exist?" "$out"

out=$(printf 'options\neditor nano\nshow\n' | "$crm" 2>&1 | head -1)
check "options editor" "core.editor = nano" "$out"
"$crm" ls >"$dir/out" 2>&1
has "ls lists the levels" "configure" "$dir/out"
out=$("$crm" -D plain resource frob 2>&1)
check "unknown command of a level" "ERROR: resource.frob: No such command" "$out"
out=$(printf 'resource\ncd configure\n' | "$crm" -D plain 2>&1)
check "levels are reached from the top only" "ERROR: resource.cd: configure not found" "$out"
# status: crm_mon -1 -j with crmsh's words for its options, -r by default
if [ -x "${CRM_MON:-}" ]; then
	check "status is crm_mon -1 -j -r" "$("$CRM_MON" -1 -j -r 2>&1 | grep -v 'Last updated')" \
		"$("$crm" -D plain status 2>&1 | grep -v 'Last updated')"
	check "status bynode failcounts is crm_mon -1 -j -n -f" \
		"$("$CRM_MON" -1 -j -n -f 2>&1 | grep -v 'Last updated')" \
		"$("$crm" -D plain status bynode failcounts 2>&1 | grep -v 'Last updated')"
	check "status full is crm_mon -1 -j -ncrft" \
		"$("$CRM_MON" -1 -j -ncrft 2>&1 | grep -v 'Last updated')" \
		"$("$crm" -D plain status full 2>&1 | grep -v 'Last updated')"
	"$crm" -D plain status --nosuchoption >/dev/null 2>&1
	check "status with an option crm_mon refuses fails" "1" "$?"
else
	n=$((n + 1))
	echo "ok $n - status # SKIP crm_mon is not built (CRM_MON)"
fi
echo "1..$n"
