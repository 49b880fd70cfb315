#!/bin/sh
# The interactive shell through a pseudo-terminal (pty_run): prompt,
# completion of commands, ids and agents, changes staged until commit,
# the question before dropping them, syntax errors, the shadow prompt.
crm=${CRM_BIN:?}
pty=${PTY_RUN:?}
dir=$(mktemp -d "${TMPDIR:-/tmp}/crm-inter.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
n=0
host=$(uname -n | cut -d. -f1)
export CIB_file="$dir/cib.xml" HOME="$dir" CIB_shadow_dir="$dir" TERM=dumb
export OCF_RA_PATH="$dir/ocf"
mkdir -p "$dir/ocf/heartbeat"
printf '#!/bin/sh\necho "<resource-agent name=\\"Dummy\\"><parameters><parameter name=\\"fake\\"/><parameter name=\\"state\\"/></parameters></resource-agent>"\n' \
	>"$dir/ocf/heartbeat/Dummy"
chmod +x "$dir/ocf/heartbeat/Dummy"
cat >"$dir/cib.xml" <<'X'
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/>
</cib>
X
run() { # NAME SCRIPT-FILE
	n=$((n + 1))
	if "$pty" "$2" "$crm" -D plain >"$dir/log" 2>&1; then echo "ok $n - $1"; else
		echo "not ok $n - $1"
		sed 's/^/# /' "$dir/log"
	fi
}
file_has() {
	n=$((n + 1))
	if grep -q -- "$2" "$3"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
file_hasnt() {
	n=$((n + 1))
	if grep -q -- "$2" "$3"; then echo "not ok $n - $1"; else echo "ok $n - $1"; fi
}

cat >"$dir/s1" <<X
expect crm(live/$host)# 
send conf\\t
expect configure
send \\n
expect crm(live/$host)configure# 
send prim\\t
expect primitive
send  d1 ocf:heartbeat:Dum\\t
expect ocf:heartbeat:Dummy 
send params fa\\t
expect fake=
send 1\\n
expect configure# 
send property stonith-enabled=false\\n
expect configure# 
send location l1 d1 100 node1\\n
expect ERROR: syntax in location: expected <score>: <node> or <rule> [<rule> ...] near <100>
send commit\\n
expect configure# 
send up\\n
expect crm(live/$host)# 
send resource stop d\\t
expect resource stop d1
send \\n
expect # 
send quit\\n
expect bye
X
run "prompt, completion of commands/agents/params/ids, a syntax error, commit" "$dir/s1"
file_has "commit wrote the staged primitive" '<nvpair name="fake" value="1"' "$dir/cib.xml"
file_has "resource stop through a completed id" 'name="target-role" value="Stopped"' "$dir/cib.xml"

cat >"$dir/s2" <<X
expect # 
send configure\\n
expect configure# 
send primitive d2 ocf:heartbeat:Dummy\\n
expect configure# 
send quit\\n
expect There are changes pending. Do you want to commit them (y/n)? 
send maybe\\n
expect There are changes pending. Do you want to commit them (y/n)? 
send n\\n
expect bye
X
run "quit with pending changes asks, re-asks, n drops them" "$dir/s2"
file_hasnt "the dropped primitive is not in the CIB" 'id="d2"' "$dir/cib.xml"

cat >"$dir/s3" <<X
expect # 
send configure\\n
expect configure# 
send primitive d3 \\t\\t
expect lsb:
expect ocf:
send \\u\\n
expect configure# 
send primitive d3 ocf:heartbeat:Dummy\\n
expect configure# 
send show\\n
expect primitive d3 Dummy
send cd ..\\n
expect Do you want to commit them (y/n)? 
send y\\n
expect crm(live/$host)# 
send cib new t1 empty\\n
expect crm(t1/$host)# 
send cib use live\\n
expect crm(live/$host)# 
send frobnicate\\n
expect ERROR: frobnicate: No such command
send exit\\n
expect bye
X
run "Tab Tab lists agent classes; y commits; the shadow prompt" "$dir/s3"
file_has "y committed the staged primitive" 'id="d3"' "$dir/cib.xml"
file_has "history is kept where crmsh keeps it" 'primitive d3' "$dir/.cache/crm/history"
echo "1..$n"
