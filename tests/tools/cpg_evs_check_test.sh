#!/bin/sh
# cpg_evs_check on hand-written logs: it passes what virtual synchrony
# allows and names the first violation of what it does not.
CHECK=${CHECK:-./tools/cpg_evs_check}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/evs-check.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
n=0
failed=0

# expect OK|FAIL TEXT LOG...: the verdict, and TEXT in the output
expect() {
	want=$1 text=$2
	shift 2
	n=$((n + 1))
	out=$("$CHECK" "$@" 2>&1)
	rc=$?
	case "$want:$rc" in
	OK:0 | FAIL:1) verdict=1 ;;
	*) verdict=0 ;;
	esac
	if [ $verdict = 1 ] && printf '%s' "$out" | grep -q -- "$text"; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc (exit $rc: $out)"
		failed=1
	fi
}

# node1 and node2 join in ring 1.2, are in 1.4 together and both move on
# to 1.8
printf 'S 1 10\nT 1.2 1 2\nJ\nT 1.4 1 2\nM 1:10:0\nM 2:20:0\nT 1.8 1 2\nM 1:10:1\n' >"$DIR/a1"
printf 'S 2 20\nT 1.2 1 2\nJ\nT 1.4 1 2\nM 1:10:0\nM 2:20:0\nT 1.8 1 2\nM 1:10:1\n' >"$DIR/a2"
desc="two members moving together with the same messages"
expect OK "1 moved together" "$DIR/a1" "$DIR/a2"

printf 'S 2 20\nT 1.2 1 2\nJ\nT 1.4 1 2\nM 1:10:0\nT 1.8 1 2\nM 1:10:1\n' >"$DIR/b2"
desc="a member that missed a message of a ring both left together"
expect FAIL "ring 1.4 -> 1.8" "$DIR/a1" "$DIR/b2"

printf 'S 2 20\nT 1.4 1 2\nJ\nM 2:20:0\nM 1:10:0\nT 1.8 1 2\n' >"$DIR/c2"
desc="two members ordering a ring's messages differently"
expect FAIL "differently" "$DIR/a1" "$DIR/c2"

# a process whose join takes effect only in 1.8 saw 1.4 without being in
# the group: it owes nothing of 1.4 (a restarted node's client does this)
printf 'S 1 11\nT 1.2 1 2\nT 1.4 1 2\nT 1.8 1 2\nJ\nT 1.8 1 2\nM 1:10:1\n' >"$DIR/d1"
desc="rings seen before the process joined are not held against it"
expect OK "ok: 2 logs" "$DIR/d1" "$DIR/a2"

printf 'S 1 11\nT 1.4 1 2\nM 1:10:0\nJ\n' >"$DIR/e1"
desc="a message delivered before the join is an error, named with its line"
expect FAIL "e1:3: '1:10:0' delivered before the process joined" "$DIR/e1"

printf 'S 1 10\nT 1.4 1 2\nJ\nM 1:10:0\nM 1:10:0\n' >"$DIR/f1"
desc="a message delivered twice"
expect FAIL "twice" "$DIR/f1"

printf 'S 1 10\nT 1.4 1 2\nJ\nM 2:20:1\nM 2:20:0\n' >"$DIR/g1"
desc="a sender's messages out of their sending order"
expect FAIL "after 2:20:1" "$DIR/g1"

echo "1..$n"
exit $failed
