#!/bin/sh
# Our cibadmin against pacemaker's on copies of the same CIB files: each
# row of the table below runs with both tools, and the exit code, stdout
# and the CIB file left behind must be the same (stderr too where the row
# asks).  TAP output, one test per row.
#
# Normalized before comparing, because they legitimately differ: the
# stamps a change leaves on <cib> (cib-last-written, update-origin,
# update-client, update-user: the real tool on a file keeps the old ones,
# ours writes who and when), and the temporary directory's name.
#
# Environment: CIBADMIN_OURS (our binary, required), CIBADMIN_REAL
# (default /usr/sbin/cibadmin), CIBADMIN_TEST_DIR (this folder),
# CIBADMIN_SKIP_STATUS (exit status when the real tool is absent: 77 for a
# plain run; make check sets 0, its TAP driver reads the SKIP plan).
set -u
ours=${CIBADMIN_OURS:?set CIBADMIN_OURS to the cibadmin to test}
real=${CIBADMIN_REAL:-/usr/sbin/cibadmin}
here=${CIBADMIN_TEST_DIR:-$(cd "$(dirname "$0")" && pwd)}
# the anchors live beside the source tree, in ../shared
anchors=${ANCHORS_DIR:-$(cd "$here/../../../.." && pwd)/shared/anchors}

if [ ! -x "$real" ]; then
	echo "1..0 # SKIP pacemaker's cibadmin ($real) is not installed"
	exit "${CIBADMIN_SKIP_STATUS:-77}"
fi
[ -x "$ours" ] || { echo "Bail out! $ours not built"; exit 99; }

# pacemaker's tools read PCMK_schema_directory too: they keep their own.
pcmk() { env -u PCMK_schema_directory "$@"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cibadmin-vs-real.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
unset CIB_file CIB_shadow CIB_shadow_dir CIB_port CIB_server
export LC_ALL=C TZ=UTC

# The CIB files: "empty" (what --empty makes), "own" (this folder's),
# "rich" and "sched" (conformance inputs when present, else "own").
mkdir "$tmp/in"
pcmk "$real" --empty >"$tmp/in/empty.xml" || exit 99
cp "$here/cib-rich.xml" "$tmp/in/own.xml"
pick() {
	if [ -r "$anchors/crm_mon/$1" ]; then cp "$anchors/crm_mon/$1" "$tmp/in/$2.xml"
	else cp "$here/cib-rich.xml" "$tmp/in/$2.xml"; fi
}
pick cli-crm_mon-in.xml rich
pick clone-anon-failcount-in.xml sched

# Input files the rows name as $IN/...
IN=$tmp/in
printf '%s\n' '<primitive id="from-file" class="ocf" provider="pacemaker" type="Dummy"/>' \
	>"$IN/prim.xml"
printf '%s\n' '<constraints/>' >"$IN/constraints.xml"
printf 'not xml at all\n' >"$IN/junk.txt"
# A patch as crm_diff makes it: the real tool changes a copy, the real
# crm_diff describes the change (no crm_diff: the patch rows fail).
for f in own rich; do
	cp "$IN/$f.xml" "$tmp/p.xml"
	CIB_file=$tmp/p.xml pcmk "$real" -C -o crm_config -X '<cluster_property_set id="patched">
		<nvpair id="patched-x" name="x" value="1"/></cluster_property_set>' >/dev/null 2>&1
	CIB_file=$tmp/p.xml pcmk "$real" -D -X '<nvpair id="patched-x"/>' >/dev/null 2>&1
	CIB_file=$tmp/p.xml pcmk "$real" -C -o crm_config -X '<cluster_property_set id="patched2"/>' \
		>/dev/null 2>&1
	pcmk crm_diff -o "$IN/$f.xml" -n "$tmp/p.xml" >"$IN/$f-patch.xml" 2>/dev/null
	# the same versions, a change to a section that is not there
	sed 's|path="/cib/configuration/crm_config"|path="/cib/configuration/nothere"|' \
		"$IN/$f-patch.xml" >"$IN/$f-badpatch.xml"
	cp "$IN/$f.xml" "$IN/$f-newer.xml"
	CIB_file=$IN/$f-newer.xml pcmk "$real" -B >/dev/null 2>&1
	CIB_file=$IN/$f-newer.xml pcmk "$real" -B >/dev/null 2>&1
done
mkdir "$tmp/shadow"

# One row: "MODE|CIB|COMMAND".  MODE letters: o = exit code, stdout and
# file only, e = stderr must be equal too,
# l = its last line, f = its first line, v = only stdout's first line
# counts (version text), h = only the exit code and which streams were
# written count (help text); a trailing "!" marks a known, deliberate
# difference (reported as TODO, not failed: see the row's comment).  CIB: a file above, "none" (no CIB_file: the
# daemon, which does not run here) or "shadow" (CIB_shadow over a copy of
# own).  COMMAND is shell: T is the tool, $IN the input folder.
table() {
	cat <<'EOF'
h|none|T --help
h|none|T -?
h|none|T
h|none|T -V
h|none|T --bogus
h|none|T -Z
h|none|T -Q -X
h|none|T --md5
h|none|T --show-access=bogus -Q
v|none|T --version
v|none|T -$
v|none|T --version --bogus
e|none|T -Q
e|none|CIB_file=$IN/nonexistent.xml T -Q
e|none|CIB_file=$IN/junk.txt T -Q
e|none|T -C -o resources -X '<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"/>'
e|none|T -B -t 2
e|none|T --empty
e|none|T -a pacemaker-2.0
e|none|T -a -Q
e|none|T -Qa
e|none|T -a x --bogus
e|none|T -E
e|none|T -u
e|none|T -d -A //nvpair
e|none|T -E -Q
e|none|T -b -Q
e|none|T -5
e|none|T -6
e|none|T --md5-sum -x $IN/nonexistent.xml
e|none|T -5 -x $IN/own.xml
e|none|T -5 -x $IN/rich.xml
e|none|T -5 -X '<cib/>'
e|none|T --md5-sum-versioned -x $IN/rich.xml
e|none|T -6 -x $IN/own.xml
e|none|T -6 -X '<cib/>'
e|none|T -5 -p < $IN/sched.xml
e|none|T -Q -S
o|none|T -Q -o nodes extra
o|none|T extra1 extra2
e|empty|T -Q
e|empty|T --query
e|empty|T -Q -o resources
e|empty|T -Q -o status
e|empty|T -Q -o bogus
e|empty|T -Q -l -s -t 5 -o nodes
e|empty|T -Q -t abc -o nodes
e|empty|T -Q -N node1 -o nodes
e|empty|T -Q -U root -o nodes
e|empty|T --quer --scope=nodes
e|empty|T -Q -V -o nodes
e|empty|T -C -o resources -X '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>'
e|empty|T --create --scope resources --xml-text '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>'
e|empty|T -C -o resources -x $IN/prim.xml
e|empty|T -C -o resources -p < $IN/prim.xml
e|empty|T -C -X '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>'
e|empty|T -C -o resources -X '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>'; T -C -o resources -X '<primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>'
l|empty|T -C -o resources -X '<primitive id="bad"/>'
l|empty|T -C -o resources -X '<primitive id="d2"'
l|empty|T -C -o resources -X '<a><b></a>'
f|empty|T -C -o resources -X garbage
f|empty|T -C -o resources -X ''
f|empty|T -C -x $IN/nonexistent.xml
f|empty|T -C -o resources -x $IN/junk.txt
f|empty|T -C -o resources -x /dev/null
e|empty|T -C
e|empty|T -M
e|empty|T -R
e|empty|T -D
e|empty|T -P
e|empty|T -B
e|empty|T --bump
e|empty|T -B; T -B; T -Q
e|empty|T -E --force
e|empty|T -u -f
e|empty|T --upgrade --force
e|empty|T -Q -A '//resources'
e|empty|T -Q -A '//primitive'
e|empty|T -Q -A '//['
e|empty|T -Q -o nodes -e
e|empty|T -Q -e
e|empty|T -M -c -X '<nodes><node id="9" uname="n9"/></nodes>'
# pacemaker 2.1.5 keeps epoch when --allow-create adds an element to the
# configuration (num_updates + 1); ours counts it as the configuration change it is
e!|empty|T -M -o nodes -c -X '<node id="9" uname="n9"/>'
e|empty|T -R -o resources -X '<resources><primitive id="r1" class="ocf" provider="pacemaker" type="Dummy"/></resources>'
e|empty|T -R -o constraints -x $IN/constraints.xml
e|empty|T -M -X '<cib admin_epoch="admin_epoch++"/>'
e|empty|T -M -X '<cib admin_epoch="7"/>'
e|empty|T -Q -S -X '<x/>'
e|shadow|T -Q -o resources
e|shadow|T -C -o resources -X '<primitive id="in-shadow" class="ocf" provider="pacemaker" type="Dummy"/>'
e|own|T -Q
e|own|T -Q -o configuration
e|own|T -Q -o crm_config
e|own|T -Q -o nodes
e|own|T -Q -o constraints
e|own|T -Q -o rsc_defaults
e|own|T -Q -o op_defaults
e|own|T -Q -o status
e|own|T -Q -o acls
e|own|T -Q -o configuration -n
e|own|T -Q -o resources --no-children
e|own|T -Q -A '//group' -n
e|own|T -Q -A '//primitive'
e|own|T -Q -A '//primitive' -e
e|own|T -Q -A '//primitive' --node-path
e|own|T -Q -A '//primitive/@id' -e
e|own|T -Q -A '/cib/@epoch' -e
e|own|T -Q -A "//nvpair[@name='target-role']"
e|own|T -Q -A "//nvpair[@name='target-role']" -e
e|own|T -Q -A "//primitive[@id='web-ip']"
e|own|T -Q -A "//primitive[@id='nope']"
e|own|T -Q -A '//nodes' -o resources
e|own|T -Q -o resources -A '//nodes'
e|own|T -Q -A '//nvpair|//primitive' -e
l|own|T -C -o resources -X '<primitive id="web-ip" class="ocf" provider="heartbeat" type="IPaddr2"/>'
e|own|T -C -o constraints -X '<rsc_location id="loc2" rsc="web" node="beta" score="-INFINITY"/>'
e|own|T -M -X '<primitive id="web-server" description="the web"/>'
e|own|T -M -o resources -X '<primitive id="web-server" description="the web"/>'
e|own|T -M -X '<primitive id="nope" description="x"/>'
e!|own|T -M -o resources -c -X '<primitive id="new1" class="ocf" provider="pacemaker" type="Dummy"/>'
e|own|T -M -X "<nvpair id='rsc-options-resource-stickiness' value='20'/>"
e|own|T -M -X '<cib epoch="epoch++"/>'
e|own|T -M -X '<cib admin_epoch="admin_epoch+=5"/>'
l|own|T -M -X '<primitive id="web-server" class="bogus"/>'
e|own|T -R -o constraints -X '<constraints/>'
e|own|T -R -X '<primitive id="web-server" class="lsb" type="nginx"/>'
e|own|T -R -o resources -X '<primitive id="nope" type="x"/>'
e|own|T -R -o rsc_defaults -X '<rsc_defaults/>'
e|own|T -R -x $IN/empty.xml
e|own|T -R -x $IN/own-newer.xml
e|own|T -D -X '<primitive id="web-server"/>'
e|own|T -D -o resources -X '<primitive id="web-server"/>'
e|own|T -D -X '<primitive id="web-server" class="ocf"/>'
e|own|T -D -X '<primitive id="nope"/>'
e|own|T -D -A "//nvpair[@name='target-role']"
e|own|T -D -A '//nothing'
e|own|T -d -A "//nvpair[@name='target-role']" --force
e|own|T --delete-all --xpath "//nvpair[@name='target-role']" -f
e|own|T -d -A '//nothing' -f
e|own|T -D -A "//rsc_location"
e|own|T -E -f
e|own|T -B
e|own|T -u -f
e|own|T -P -x $IN/own-patch.xml
e|own|T --patch --xml-file $IN/own-patch.xml
e|own|T -P -x $IN/own-patch.xml; T -P -x $IN/own-patch.xml
e|own|T -P -p < $IN/own-patch.xml
e|own|T -P -x $IN/own-badpatch.xml
e|rich|T -Q
e|rich|T -Q -A '//primitive' -e
e|rich|T -Q -A "//primitive[@type='Dummy']"
e|rich|T -Q -A "//nvpair[@name='target-role']"
e|rich|T -Q -o resources -n
e|rich|T -M -X '<primitive id="dummy" description="hi"/>'
e|rich|T -E -f
e|rich|T -u -f
e|rich|T -u -f; T -u -f
e|rich|T -B
e|rich|T -P -x $IN/rich-patch.xml
e|rich|T -R -x $IN/rich-newer.xml
e|rich|T -d -A '//op' -f
e|sched|T -Q -A '//lrm_rsc_op' -e
e|sched|T -Q -o status -n
e|sched|T -D -o status -X '<node_state id="1"/>'
e|sched|T -B
EOF
}

# Run COMMAND with tool $1 on a fresh copy of CIB $2, leaving out.N,
# err.N, rc.N and cib.N in $tmp (N = $3: real or ours).
run_one() {
	tool=$1 cib=$2 tag=$3 cmd=$4
	work=$tmp/work.$tag
	rm -rf "$work" && mkdir "$work"
	if [ "$tag" = real ]; then
		T() { pcmk "$tool" "$@"; }
	else
		T() { "$tool" "$@"; }
	fi
	(
		case $cib in
		none) ;;
		shadow)
			cp "$IN/own.xml" "$work/shadow.test"
			CIB_shadow=test CIB_shadow_dir=$work
			export CIB_shadow CIB_shadow_dir ;;
		*)
			cp "$IN/$cib.xml" "$work/cib.xml"
			CIB_file=$work/cib.xml
			export CIB_file ;;
		esac
		cd "$work" && eval "$cmd" </dev/null
	) >"$tmp/out.$tag" 2>"$tmp/err.$tag"
	echo $? >"$tmp/rc.$tag"
	cat "$work/cib.xml" "$work/shadow.test" 2>/dev/null >"$tmp/cib.$tag"
	for f in out err cib; do
		sed -e 's/ cib-last-written="[^"]*"//; s/ update-origin="[^"]*"//' \
			-e 's/ update-client="[^"]*"//; s/ update-user="[^"]*"//' \
			-e "s|$work|WORK|g" "$tmp/$f.$tag" >"$tmp/$f.$tag.norm"
	done
}

# Compare what the two runs left, as MODE asks; the differences on stderr.
compare() {
	mode=$1 ok=0
	cmp -s "$tmp/rc.real" "$tmp/rc.ours" || {
		echo "# exit code: real $(cat "$tmp/rc.real"), ours $(cat "$tmp/rc.ours")"; ok=1; }
	case $mode in
	h)
		for f in out err; do
			[ -s "$tmp/$f.real" ] && a=1 || a=0
			[ -s "$tmp/$f.ours" ] && b=1 || b=0
			[ $a = $b ] || { echo "# $f written by one tool only"; ok=1; }
		done
		return $ok ;;
	v)
		[ "$(head -1 "$tmp/out.real")" = "$(head -1 "$tmp/out.ours")" ] || {
			echo "# first line of stdout differs"; ok=1; }
		return $ok ;;
	esac
	for f in out cib; do
		diff -u "$tmp/$f.real.norm" "$tmp/$f.ours.norm" >"$tmp/diff" || {
			echo "# $f differs:"; sed 's/^/#   /' "$tmp/diff" | head -40; ok=1; }
	done
	case $mode in
	e) sel=cat ;;
	l) sel="tail -n 1" ;;
	f) sel="head -n 1" ;;
	*) sel=true ;;
	esac
	$sel <"$tmp/err.real.norm" >"$tmp/e.real"
	$sel <"$tmp/err.ours.norm" >"$tmp/e.ours"
	diff -u "$tmp/e.real" "$tmp/e.ours" >"$tmp/diff" || {
		echo "# stderr differs:"; sed 's/^/#   /' "$tmp/diff" | head -40; ok=1; }
	return $ok
}

n=0 failed=0
table >"$tmp/table"
todo=0
while IFS='|' read -r mode cib cmd; do
	case $mode in
	'#'*) continue ;;
	esac
	n=$((n + 1))
	run_one "$real" "$cib" real "$cmd"
	run_one "$ours" "$cib" ours "$cmd"
	known=""
	case $mode in
	*!) mode=${mode%!} known=" # TODO known difference" todo=$((todo + 1)) ;;
	esac
	if compare "$mode" >"$tmp/why"; then
		echo "ok $n - [$cib] $cmd$known"
	else
		echo "not ok $n - [$cib] $cmd$known"
		cat "$tmp/why"
		[ -n "$known" ] || failed=$((failed + 1))
	fi
done <"$tmp/table"
echo "1..$n"
echo "# $((n - failed - todo)) of $n rows the same as pacemaker's cibadmin, $todo known differences"
[ $failed = 0 ]
