#!/bin/sh
# The stonith and meatclient commands: options, output and exit codes, and
# the same commands compared with cluster-glue's own tools when installed.
# Needs STONITH_TOOLS (our built tools) and STONITH_PLUGIN_DIR (staged
# plugins), both set by make check.
tools=${STONITH_TOOLS:?}
ST=$tools/stonith
MC=$tools/meatclient
REAL_ST=/usr/sbin/stonith
REAL_MC=/usr/sbin/meatclient

tmp=$(mktemp -d /tmp/stonith-tool.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# expect NAME RC [STDOUT] -- CMD...: CMD exits RC (and prints STDOUT).
expect() {
	name=$1 want_rc=$2
	shift 2
	want_out='' check_out=no
	if [ "$1" != "--" ]; then
		want_out=$1 check_out=yes
		shift
	fi
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	if [ "$rc" != "$want_rc" ]; then
		not_ok "$name (exit $rc, expected $want_rc)"
		sed 's/^/# /' "$tmp/err"
	elif [ $check_out = yes ] && [ "$out" != "$want_out" ]; then
		not_ok "$name (output differs)"
		printf '%s\n' "$out" | sed 's/^/# got: /'
	else
		ok "$name"
	fi
}

nl='
'
expect "-n of external/ssh prints hostlist" 0 "hostlist  " -- "$ST" -t external/ssh -n
expect "-n of null" 0 "hostlist  " -- "$ST" -t null -n
expect "-n of an external type with two names" 0 "hostlist  logfile  " -- \
	"$ST" -t external/testdev -n
expect "null reset of a listed host" 0 "" -- "$ST" -t null -p "hostlist=a b" -T reset a
expect "null power-off with name=value pairs" 0 "" -- "$ST" -t null hostlist="a b" -T off b
expect "external/ssh reset of a host not in its list" 5 -- \
	"$ST" -t external/ssh hostlist="x y" -T reset z
expect "external/ssh cannot power on" 5 -- "$ST" -t external/ssh hostlist="x" -T on x
expect "-l lists the hosts, lower case" 0 "a${nl}b${nl}c" -- "$ST" -t null -p "a,B  c" -l
expect "-l after -S" 0 "a" -- "$ST" -t null -p "a" -S -l
expect "missing parameter" 3 -- "$ST" -t null foo=x -l
if grep -q hostlist "$tmp/err"; then ok "the error names the missing parameter"; else
	not_ok "the error names the missing parameter"; fi
expect "empty host list" 1 -- "$ST" -t null hostlist=" " -l
expect "unknown type" 8 -- "$ST" -t nosuch -n
expect "no configuration" 1 -- "$ST" -t null -l
expect "empty -p" 1 -- "$ST" -t null -p "" -l
expect "too few -p values" 1 -- "$ST" -t external/testdev -p "a" -l
expect "no action" 1 -- "$ST" -t null -p "a b"
expect "bad -T" 1 -- "$ST" -t null -p "a b" -T bogus a
expect "-T without node" 1 -- "$ST" -t null -p "a b" -T reset
expect "two nodes" 1 -- "$ST" -t null -p "a b" -T reset a b
expect "unknown option" 1 -- "$ST" -x
expect "-E reads the environment" 0 "e${nl}f" -- env hostlist="e,f" "$ST" -t null -E -l
expect "-E without the variable" 255 -- env -u hostlist "$ST" -t null -E -l
printf '# devices\n\nf1 f2\nignored\n' >"$tmp/cfg"
expect "-F reads the first line" 0 "f1${nl}f2" -- "$ST" -t null -F "$tmp/cfg" -l
expect "-F of a missing file" 1 -- "$ST" -t null -F "$tmp/none" -l
expect "status of a device whose hosts resolve" 0 "" -- \
	"$ST" -t external/ssh hostlist=localhost -S
expect "status of a device that fails" 1 -- "$ST" -t external/testdev hostlist=a \
	logfile=/dev/null fail=status -S
expect "-c repeats" 0 "" -- "$ST" -t null -c 3 -p "a" -T reset a

"$ST" -L >"$tmp/types"
for t in null meatware external/ssh; do
	if grep -qx "$t" "$tmp/types"; then ok "-L lists $t"; else not_ok "-L lists $t"; fi
done

"$ST" -t external/ssh -m >"$tmp/meta.xml"
if grep -q '<parameter name="hostlist"' "$tmp/meta.xml" &&
	grep -q '<resource-agent name="external/ssh">' "$tmp/meta.xml"; then
	ok "-m describes external/ssh"
else
	not_ok "-m describes external/ssh"
fi
for t in null meatware external/ssh; do
	if ! command -v xmllint >/dev/null; then
		skip "xmllint not installed"
	elif "$ST" -t $t -m | xmllint --noout - 2>/dev/null; then
		ok "meta-data of $t is well-formed"
	else
		not_ok "meta-data of $t is well-formed"
	fi
done

# Meatware: a reset waits until meatclient confirms it.
export STONITH_MEATWARE_DIR="$tmp"
expect "meatclient with nothing waiting" 4 -- "$MC" -c n1
expect "meatclient usage" 3 -- "$MC"
"$ST" -t meatware -p "n1 n2" -T reset N1 >"$tmp/mw.out" 2>&1 &
mw=$!
i=0
while [ ! -p "$tmp/meatware.n1" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
expect "meatclient cancelled" 3 -- sh -c "echo n | '$MC' -c n1"
expect "meatclient confirms" 0 -- sh -c "echo y | '$MC' -c N1"
wait $mw
rc=$?
if [ $rc = 0 ]; then ok "meatware reset done once confirmed"; else
	not_ok "meatware reset done once confirmed (exit $rc)"; fi
if [ ! -e "$tmp/meatware.n1" ]; then ok "the request is gone"; else
	not_ok "the request is gone"; fi
unset STONITH_MEATWARE_DIR

# The same commands through cluster-glue's stonith: same stdout and exit code.
same() {
	"$ST" "$@" >"$tmp/ours" 2>/dev/null
	ours=$?
	"$REAL_ST" "$@" >"$tmp/theirs" 2>/dev/null
	theirs=$?
	if [ $ours = $theirs ] && cmp -s "$tmp/ours" "$tmp/theirs"; then
		ok "as cluster-glue: stonith $*"
	else
		not_ok "as cluster-glue: stonith $* (exit $ours, theirs $theirs)"
		diff "$tmp/ours" "$tmp/theirs" | sed 's/^/# /'
	fi
}
if [ -x "$REAL_ST" ] && [ -x "$REAL_MC" ]; then
	same -t external/ssh -n
	same -t null -n
	same -t meatware -n
	same -t external/nosuch -n
	same -t null -p "a b" -l
	same -t null -p "hostlist=a b" -l
	same -t null hostlist="a,B  c" -l
	same -t null -p "hostlist=a b" -T reset a
	same -t null -p "a b" -T reset c
	same -t null -p "a b" -T on A
	same -t null -p "a b" -S
	same -t external/ssh hostlist="x y" -T reset z
	same -t external/ssh hostlist="x y" -l
	same -t external/ssh hostlist=localhost -S
	same -t null foo=x -l
	same -t null hostlist=" " -l
	same -t nosuch -n
	same -t null -l
	same -t null -p "" -l
	same -t external/nosuch -p x -l
	same -t null -p "a b" -T bogus a
	same -t null -p "a b" -T reset
	same -t null -p "a b"
	same -x
	same -t null -F "$tmp/cfg" -l
	same -t null -F "$tmp/none" -l
	"$REAL_ST" -L 2>/dev/null >"$tmp/real-types"
	missing=$(grep -vx external/testdev "$tmp/types" | grep -vxFf "$tmp/real-types")
	if [ -z "$missing" ]; then ok "as cluster-glue: every type of -L is one of theirs"; else
		not_ok "as cluster-glue: types they lack: $missing"; fi
	"$MC" -c nobody-waits >/dev/null 2>&1
	ours=$?
	"$REAL_MC" -c nobody-waits >/dev/null 2>&1
	if [ $ours = $? ]; then ok "as cluster-glue: meatclient with nothing waiting"; else
		not_ok "as cluster-glue: meatclient with nothing waiting"; fi
else
	skip "cluster-glue's stonith is not installed"
fi

echo "1..$n"
[ $failed = 0 ]
