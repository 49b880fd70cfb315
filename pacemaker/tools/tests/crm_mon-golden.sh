#!/bin/sh
# crm_mon golden tests: our crm_mon on small CIBs of our own
# (tests/crm_mon/NAME-in.xml) with the clock frozen, compared with the
# expected outputs beside them (checked against pacemaker 2.1.5's
# crm_mon); when that crm_mon is installed, it is run too and must agree
# with the expected files.  Also the errors: no CIB file, an unreadable
# one, a bad option.  Prints TAP.
set -u
ours=${CRM_MON:-$(pwd)/crm_mon}
dir=${CRM_MON_TEST_DIR:-$(dirname "$0")}/crm_mon
real=/usr/sbin/crm_mon
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

if ! command -v faketime >/dev/null 2>&1; then
	echo "1..0 # SKIP faketime (needed to freeze 'Last updated') is not installed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crm_mon-golden.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" && ln -s "$ours" "$tmp/bin/crm_mon" || exit 99

# run BINDIR CIB ARGS...: crm_mon from BINDIR named "crm_mon" (the XML
# output echoes the command line) on CIB at the anchors' frozen time.
run() {
	bindir=$1 cib=$2
	shift 2
	PATH="$bindir:$PATH" CIB_file=$cib TZ=UTC LC_ALL=C \
		faketime -f '2024-01-15 12:00:00' crm_mon "$@" 2>&1 </dev/null
}

# args_of TAG: the options an expected file was made with.
args_of() {
	case $1 in
	1) printf '%s\n' "-1" ;;
	1rfAn) printf '%s\n' "-1 -r -f -A -n" ;;
	1jr) printf '%s\n' "-1 -j -r" ;;
	1ot) printf '%s\n' "-1 -o -t" ;;
	s) printf '%s\n' "-s" ;;
	1outputasxml) printf '%s\n' "-1 --output-as=xml" ;;
	esac
}

for exp in "$dir"/*.exp; do
	base=$(basename "$exp" .exp)
	name=${base%-*}
	tag=${base##*-}
	# shellcheck disable=SC2046
	run "$tmp/bin" "$dir/$name-in.xml" $(args_of "$tag") >"$tmp/out"
	diff -u "$exp" "$tmp/out" >"$tmp/diff"
	rc=$?
	[ $rc = 0 ] || sed 's/^/# /' "$tmp/diff"
	ok $rc "$name: crm_mon $(args_of "$tag")"
	if [ -x "$real" ]; then
		mkdir -p "$tmp/real" && ln -sf "$real" "$tmp/real/crm_mon"
		# our schema directory (set for our tools) is not pacemaker's
		# shellcheck disable=SC2046
		(unset PCMK_schema_directory
			run "$tmp/real" "$dir/$name-in.xml" $(args_of "$tag")) >"$tmp/real.out"
		cmp -s "$exp" "$tmp/real.out"
		ok $? "$name: pacemaker's crm_mon $(args_of "$tag") agrees with the expected file"
	fi
done

# Errors, worded and exited as pacemaker's crm_mon does.
out=$(CIB_file="$tmp/absent.xml" "$ours" -1 2>&1)
rc=$?
[ "$rc" = 0 ] && [ "$out" = "Could not connect to the CIB: No such device or address" ]
ok $? "a missing CIB file is reported (exit 0 as pacemaker's)"

echo garbage >"$tmp/bad.xml"
out=$(CIB_file="$tmp/bad.xml" "$ours" -1 2>&1)
rc=$?
[ "$rc" = 0 ] && [ "$out" = "Could not connect to the CIB: Update does not conform to the configured schema" ]
ok $? "an unparseable CIB file is reported"

out=$(CIB_file="$tmp/absent.xml" "$ours" -1 --output-as=xml 2>&1)
echo "$out" | grep -q "<error>Could not connect to the CIB: No such device or address</error>"
ok $? "the XML output carries the error"

"$ours" --no-such-option >/dev/null 2>&1
[ $? = 64 ]
ok $? "an unknown option exits 64"

"$ours" -i 0 -1 >/dev/null 2>&1
[ $? = 64 ]
ok $? "a zero interval is refused"

run "$tmp/bin" "$dir/small-in.xml" -1 --output-as=html --output-to="$tmp/page.html" >/dev/null
grep -q "<li>Node List:" "$tmp/page.html" || grep -q "<h2>Node List:</h2>" "$tmp/page.html"
ok $? "the HTML page has the node list"

echo "1..$n"
exit $failed
