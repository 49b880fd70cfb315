#!/bin/sh
# Golden tests of crm_attribute, crm_standby, crm_failcount, crm_node and
# crm_shadow on small CIB files of our own (tests/attr/*.xml).  Each case
# of tests/attr/cases runs one command on a copy of a CIB and compares its
# standard output, standard error, exit code and the resulting CIB with
# tests/attr/NAME.exp, which was made by pacemaker 2.1.5's tools; when
# those are installed they are run too and must still agree.  A case
# marked "=head" prints a usage text (ours is worded differently): only
# the first line of its standard error and its exit code count.  The
# crm_shadow sequence at the end is compared with tests/attr/shadow.exp.
#   ATTR_REGEN=1: rewrite the expected files from pacemaker's tools.
# Prints TAP.
set -u
bindir=${ATTR_TOOLS_DIR:-$(pwd)}
dir=${ATTR_TEST_DIR:-$(dirname "$0")}/attr
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/attr-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/ours" "$tmp/real" || exit 99
for t in crm_attribute crm_standby crm_failcount crm_node crm_shadow; do
	ln -s "$bindir/$t" "$tmp/ours/$t" || exit 99
	[ -x "/usr/sbin/$t" ] && ln -s "/usr/sbin/$t" "$tmp/real/$t"
done
have_real=false
[ -x /usr/sbin/crm_attribute ] && [ -x /usr/sbin/crm_shadow ] && have_real=true

# run WHICH CIB HEAD CMD...: the record of one command on a copy of CIB.
# pacemaker's tools read their own schemas, ours the source tree's.
run() {
	which=$1 cib=$2 head=$3
	shift 3
	cp "$dir/$cib.xml" "$tmp/cib.xml"
	if [ "$which" = real ]; then
		(unset PCMK_schema_directory
			PATH="$tmp/real:$PATH" CIB_file="$tmp/cib.xml" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
	else
		PATH="$tmp/ours:$PATH" CIB_file="$tmp/cib.xml" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	fi
	rc=$?
	if [ "$head" = yes ]; then
		: >"$tmp/out"
		head -n 1 "$tmp/err" >"$tmp/err1" && mv "$tmp/err1" "$tmp/err"
	fi
	cat "$tmp/out"
	echo "-- stderr"
	cat "$tmp/err"
	echo "-- exit $rc"
	if cmp -s "$dir/$cib.xml" "$tmp/cib.xml"; then
		echo "-- cib unchanged"
	else
		echo "-- cib"
		cat "$tmp/cib.xml"
	fi
}

check_case() {
	name=$1 cib=$2
	shift 2
	head=no
	for last in "$@"; do :; done
	if [ "$last" = "=head" ]; then
		head=yes
		# drop the marker: rebuild the arguments without the last one
		cnt=$#
		i=0
		for a in "$@"; do
			i=$((i + 1))
			[ $i = 1 ] && set --
			[ $i -lt "$cnt" ] && set -- "$@" "$a"
		done
	fi
	if [ "${ATTR_REGEN:-0}" = 1 ]; then
		run real "$cib" "$head" "$@" >"$dir/$name.exp"
	fi
	run ours "$cib" "$head" "$@" >"$tmp/got"
	diff -u "$dir/$name.exp" "$tmp/got" >"$tmp/diff"
	rc=$?
	[ $rc = 0 ] || sed 's/^/# /' "$tmp/diff"
	ok $rc "$name: $*"
	if $have_real && [ "${ATTR_REGEN:-0}" != 1 ]; then
		run real "$cib" "$head" "$@" >"$tmp/real.got"
		cmp -s "$dir/$name.exp" "$tmp/real.got"
		ok $? "$name: pacemaker's tool agrees with the expected file"
	fi
}

while read -r name cib cmd; do
	case $name in '#'* | '') continue ;; esac
	# shellcheck disable=SC2086 # the command's words
	check_case "$name" "$cib" $cmd
done <"$dir/cases"

# The crm_shadow sequence: shadows in a private directory, the "live" CIB
# a file; paths are printed as DIR.
shadow_seq() {
	which=$1 work=$tmp/shadow-$1
	mkdir -p "$work/sh" && cp "$dir/base.xml" "$work/live.xml"
	(
		[ "$which" = real ] && unset PCMK_schema_directory
		PATH="$tmp/$which:$PATH" CIB_shadow_dir=$work/sh CIB_file=$work/live.xml
		export PATH CIB_shadow_dir CIB_file
		step() {
			echo "== $*" | sed "s#$work#DIR#g"
			"$@" </dev/null >"$work/o" 2>"$work/e"
			echo "rc=$?"
			sed "s#$work#DIR#g" "$work/o" "$work/e"
		}
		step crm_shadow --which
		step crm_shadow --create-empty t1 --batch
		step crm_shadow --create-empty t1 --batch
		step crm_shadow --create-empty t1 --batch --force
		step crm_shadow --create t2 --batch
		CIB_shadow=t2 step crm_shadow --which
		CIB_shadow=t2 step crm_shadow -F
		CIB_shadow=t9 step crm_shadow -p
		CIB_shadow=t1 step crm_shadow -p
		CIB_shadow=t2 step crm_shadow -d
		CIB_shadow=t2 step crm_attribute -n foo -v bar
		CIB_shadow=t2 step crm_attribute -N node1 -n pingd -l reboot -v 9
		CIB_shadow=t2 step crm_shadow -d
		CIB_shadow=t1 step crm_shadow -d
		step crm_shadow --commit t2
		step crm_shadow --commit t9 --force
		step crm_shadow --delete t2
		step crm_shadow --delete t2 --force
		step crm_shadow --delete t9 --force
		step crm_shadow --reset t9 --force
		step crm_shadow --switch t9 --batch
		step crm_shadow --create-empty t4 --validate-with pacemaker-2.0 --batch
		step head -n 1 "$work/sh/shadow.t4"
		step ls "$work/sh"
		unset CIB_file
		step crm_shadow --create t5 --batch
	)
}

if [ "${ATTR_REGEN:-0}" = 1 ]; then
	shadow_seq real >"$dir/shadow.exp"
fi
shadow_seq ours >"$tmp/shadow.got"
diff -u "$dir/shadow.exp" "$tmp/shadow.got" >"$tmp/diff"
rc=$?
[ $rc = 0 ] || sed 's/^/# /' "$tmp/diff"
ok $rc "crm_shadow: create, show, diff, commit, delete, reset, switch"
if $have_real && [ "${ATTR_REGEN:-0}" != 1 ]; then
	shadow_seq real >"$tmp/shadow.real"
	cmp -s "$dir/shadow.exp" "$tmp/shadow.real"
	ok $? "crm_shadow: pacemaker's crm_shadow agrees with the expected file"
fi

# Ours only: what pacemaker cannot do offline.  crm_node -R on a file.
cp "$dir/base.xml" "$tmp/rm.xml"
CIB_file=$tmp/rm.xml "$bindir/crm_node" -R node1 --force </dev/null
rc=$?
[ $rc = 0 ] && ! grep -q 'uname="node1"' "$tmp/rm.xml" && grep -q 'uname="node2"' "$tmp/rm.xml"
ok $? "crm_node -R --force removes the node from the nodes and status sections"

# Without corosync, the membership commands fail as pacemaker's without its controller.
if ! [ -S /run/corosync.sock ] && ! pgrep -x corosync >/dev/null 2>&1; then
	out=$("$bindir/crm_node" -l 2>&1)
	rc=$?
	[ $rc = 102 ] && [ "$out" = "error: Could not connect to controller: Connection refused" ]
	ok $? "crm_node -l without a cluster: pacemaker's error and exit 102"
fi

# crm_failcount -D clears the per-operation counts and last failures.
cp "$dir/base.xml" "$tmp/fc.xml"
CIB_file=$tmp/fc.xml "$bindir/crm_failcount" -r vip -N node1 -D </dev/null
rc=$?
[ $rc = 0 ] && ! grep -q 'fail-count-vip' "$tmp/fc.xml" && grep -q 'status-1-pingd' "$tmp/fc.xml"
ok $? "crm_failcount -D removes fail-count-vip#* only"
out=$(CIB_file=$tmp/fc.xml "$bindir/crm_failcount" -r vip -N node1 -G -q)
[ "$out" = 0 ]
ok $? "crm_failcount -G after -D shows 0"

echo "1..$n"
exit $failed
