#!/bin/sh
# pacemakerd's command line: --features and --version in the shape of
# pacemaker's (checked against the installed pacemakerd when there is one),
# --help, usage errors (exit 64), --shutdown with none running (exit 102).
# shellcheck disable=SC2317 # the helpers run through check()
PCMKD=${PCMKD:-./pacemakerd}
n=0
failed=0

check() {
	what=$1
	shift
	n=$((n + 1))
	if "$@"; then echo "ok $n - $what"; else echo "not ok $n - $what"; failed=1; fi
}

# features_shape OUTPUT: "Name 1.2.3 (Build: x)" then " Supporting vX.Y.Z: words"
features_shape() {
	printf '%s\n' "$1" | sed -n 1p | grep -Eq '^[A-Za-z]+ [0-9][0-9.]* \(Build: [^)]+\)$' &&
		printf '%s\n' "$1" | sed -n 2p | grep -Eq '^ Supporting v[0-9]+\.[0-9]+\.[0-9]+: [a-z0-9 -]+$' &&
		[ "$(printf '%s\n' "$1" | wc -l)" -eq 2 ]
}

exits() {
	want=$1
	shift
	"$PCMKD" "$@" >/dev/null 2>&1
	[ $? -eq "$want" ]
}

check "--features: pacemaker's shape" features_shape "$("$PCMKD" --features)"
check "-F is --features" [ "$("$PCMKD" -F)" = "$("$PCMKD" --features)" ]
if [ -x /usr/sbin/pacemakerd ]; then
	check "the installed pacemakerd's --features has the same shape" \
		features_shape "$(/usr/sbin/pacemakerd --features)"
fi
check "--version names the version" sh -c "'$PCMKD' --version | grep -q '^[A-Za-z]* [0-9][0-9.]*\$'"
check "-\$ is --version" [ "$("$PCMKD" '-$')" = "$("$PCMKD" --version)" ]
check "--help lists --shutdown" sh -c "'$PCMKD' --help | grep -q -- '-S, --shutdown'"
check "unknown option: exit 64" exits 64 --no-such-option
check "unknown short option: exit 64" exits 64 -Z
check "stray argument: exit 64" exits 64 stray
check "--pid-file without its argument: exit 64" exits 64 --pid-file
check "unknown option: names it" sh -c "'$PCMKD' --no-such-option 2>&1 | grep -q 'no-such-option'"
# never stop a pacemakerd that serves here (its IPC is an abstract socket)
if grep -q ' @pacemakerd@' /proc/net/unix 2>/dev/null; then
	echo "# a pacemakerd runs here: --shutdown not tried" >&2
else
	check "--shutdown with none running: exit 102" exits 102 --shutdown
fi
echo "1..$n"
exit $failed
