#!/bin/sh
# libcpg.so and libcorosync_common.so export what corosync 3.x's do, with
# the same sonames and symbol versions (libcpg.symbols), and every function
# declared in cpg.h is exported.  With corosync's own library installed,
# its export list is compared too.  TAP output.
set -u
so=${LIBCPG_SO:?}
common=$(dirname "$so")/libcorosync_common.so.4
list=${top_srcdir:?}/corosync/lib/libcpg.symbols
header=$top_srcdir/corosync/include/corosync/cpg.h
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# "name version" of each defined dynamic symbol, sorted.
exports() {
	objdump -T "$1" | awk '$2 == "g" && $4 != "*UND*" && $4 != "*ABS*" { print $NF, $(NF-1) }' | sort
}

command -v objdump >/dev/null || { echo "1..0 # SKIP objdump not installed"; exit 0; }
[ -r "$so" ] || { echo "Bail out! $so not built"; exit 99; }

exports "$so" >exports.ours
diff -u "$list" exports.ours >&2
ok $? "libcpg exports exactly libcpg.symbols"

grep -o '^cs_error_t cpg_[a-z_]*' "$header" | sed 's/^cs_error_t //' | sort >declared
cut -d' ' -f1 "$list" | diff -u declared - >&2
ok $? "every function of cpg.h is exported, nothing else"

objdump -p "$so" | grep -q 'SONAME *libcpg\.so\.4$'
ok $? "soname libcpg.so.4"
objdump -p "$so" | grep -q 'NEEDED *libcorosync_common\.so\.4$'
ok $? "libcpg needs libcorosync_common.so.4"

objdump -p "$common" | grep -q 'SONAME *libcorosync_common\.so\.4$'
ok $? "soname libcorosync_common.so.4"
exports "$common" | cut -d' ' -f1 | tr '\n' ' ' | grep -qx 'cs_strerror hdb_error_to_cs qb_to_cs_error '
ok $? "libcorosync_common exports cs_strerror, hdb_error_to_cs, qb_to_cs_error"

real=""
for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib; do
	[ -r "$d/libcpg.so.4" ] && { real=$d/libcpg.so.4; break; }
done
if [ -n "$real" ]; then
	exports "$real" | diff -u - exports.ours >&2
	ok $? "same exports and versions as $real"
else
	n=$((n + 1))
	echo "ok $n # SKIP corosync's libcpg.so.4 is not installed"
fi
rm -f exports.ours declared
echo "1..$n"
[ "$failed" -eq 0 ]
