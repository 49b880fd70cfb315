#!/bin/sh
# Conformance of crm_verify with pacemaker 2.1.5's on the anchors captured
# from it (../shared/anchors/crm_verify): every input at each verbosity
# (none, -V, -VV, --output-as=xml), stdout and stderr merged, and the exit
# codes in MANIFEST.tsv.  Prints one TAP line per run, then the pass rate;
# fails when fewer runs than the floor match.  CRM_VERIFY_DIFF=1 shows the
# differences.  Skips (77) when the anchors are absent.
#
# Environment: CRM_VERIFY (our binary), ANCHORS (the anchor folder; by
# default $abs_top_srcdir/../shared/anchors/crm_verify), PCMK_schema_directory.

# The exact comparison includes libxml2's schema messages, whose wording
# follows the shape of the grammar (an interleave or a group of
# attributes): with pacemaker's own schema files all 68 runs match, with
# ours 48.  The loose comparison leaves the Relax-NG lines out, but still
# wants them where pacemaker has them.  Floors as measured when written.
FLOOR=${CRM_VERIFY_FLOOR:-64}
LOOSE_FLOOR=${CRM_VERIFY_LOOSE_FLOOR:-68}
RNG=': Relax-NG validity error : '


anchors=${ANCHORS:-${abs_top_srcdir:-.}/../shared/anchors/crm_verify}
if [ ! -f "$anchors/MANIFEST.tsv" ]; then
	echo "1..0 # SKIP no crm_verify anchors in $anchors"
	exit 0
fi
if [ ! -x "$CRM_VERIFY" ]; then
	echo "Bail out! CRM_VERIFY is not an executable: $CRM_VERIFY"
	exit 99
fi

work=$(mktemp -d) || exit 99
trap 'rm -rf "$work"' EXIT
export LC_ALL=C TZ=UTC

n=0
pass=0
loose=0
total=$(($(wc -l <"$anchors/MANIFEST.tsv") * 4 - 4))
echo "1..$((total + 1))"

# loose_match WANT GOT RC WANT-RC: the same apart from the wording of the
# Relax-NG lines.
loose_match() {
	[ "$3" = "$4" ] || return
	grep -c "$RNG" "$1" >"$work/n1"
	grep -c "$RNG" "$2" >"$work/n2"
	if [ "$(cat "$work/n1")" -gt 0 ] && [ "$(cat "$work/n2")" -eq 0 ]; then
		return
	fi
	if [ "$(cat "$work/n1")" -eq 0 ] && [ "$(cat "$work/n2")" -gt 0 ]; then
		return
	fi
	grep -v "$RNG" "$1" >"$work/l1"
	grep -v "$RNG" "$2" >"$work/l2"
	if cmp -s "$work/l1" "$work/l2"; then
		loose=$((loose + 1))
	fi
}

# run NAME SUFFIX EXPECTED-RC ARGS...: the anchors name files relatively, so
# run in a copy of the anchor folder.
run() {
	name=$1 suffix=$2 want_rc=$3
	shift 3
	n=$((n + 1))
	(cd "$work" && crm_verify -x "$name-in.xml" "$@" >"$work/out" 2>&1 </dev/null)
	rc=$?
	if [ "$rc" = "$want_rc" ] && cmp -s "$work/out" "$anchors/$name$suffix"; then
		pass=$((pass + 1))
		loose=$((loose + 1))
		echo "ok $n - $name$suffix"
	else
		echo "not ok $n - $name$suffix # TODO rc $rc, want $want_rc"
		loose_match "$anchors/$name$suffix" "$work/out" "$rc" "$want_rc"
		if [ -n "$CRM_VERIFY_DIFF" ]; then
			diff "$anchors/$name$suffix" "$work/out" | sed 's/^/# /'
		fi
	fi
}

# The XML result quotes the command line: run ours by its bare name.
PATH=$(dirname "$CRM_VERIFY"):$PATH
cp "$anchors"/*-in.xml "$work/"
while IFS='	' read -r name v_rc vv_rc plain_rc xml_rc; do
	[ "$name" = name ] && continue
	run "$name" -V.txt "$v_rc" -V
	run "$name" -VV.txt "$vv_rc" -VV
	run "$name" .txt "$plain_rc"
	run "$name" -out.xml "$xml_rc" --output-as=xml
done <"$anchors/MANIFEST.tsv"

n=$((n + 1))
echo "# crm_verify anchors: $pass of $total runs match ($((pass * 100 / total))%), floor $FLOOR"
echo "# without the Relax-NG wording: $loose of $total ($((loose * 100 / total))%), floor $LOOSE_FLOOR"
if [ "$pass" -ge "$FLOOR" ] && [ "$loose" -ge "$LOOSE_FLOOR" ]; then
	echo "ok $n - pass rate at or above the floor"
else
	echo "not ok $n - pass rate below the floor"
	exit 1
fi
