#!/bin/sh
# libcmap, libcfg, libquorum and libvotequorum export what corosync 3.x's
# do: the same sonames, the symbols and versions listed in lib<name>.symbols,
# every function their header declares and nothing else.  With corosync's
# own libraries installed, their export lists are compared too.  TAP output.
set -u
libs=${LIBDIR_BUILT:?}
src=${top_srcdir:?}/corosync
n=0 failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=$((failed + 1)); fi
}

# "name version" of each defined dynamic symbol, sorted.
exports() {
	objdump -T "$1" | awk '$2 == "g" && $4 != "*UND*" && $4 != "*ABS*" { print $NF, $(NF-1) }' | sort
}

# The functions a header declares: "cs_error_t name(" at a line start, or
# after "extern".
declared() {
	sed -n 's/^\(extern \)\{0,1\}cs_error_t \([a-z_0-9]*\)(.*/\2/p' "$1" | sort
}

command -v objdump >/dev/null || { echo "1..0 # SKIP objdump not installed"; exit 0; }

# library soname header
for spec in "cmap libcmap.so.4 cmap.h" "cfg libcfg.so.7 cfg.h" \
	"quorum libquorum.so.5 quorum.h" "votequorum libvotequorum.so.8 votequorum.h"; do
	set -- $spec
	so=$libs/$2
	list=$src/lib/lib$1.symbols
	[ -r "$so" ] || { echo "Bail out! $so not built"; exit 99; }

	exports "$so" >"exports.$1"
	diff -u "$list" "exports.$1" >&2
	ok $? "lib$1 exports exactly lib$1.symbols"

	declared "$src/include/corosync/$3" >"declared.$1"
	cut -d' ' -f1 "$list" | sort | diff -u "declared.$1" - >&2
	ok $? "every function of $3 is exported, nothing else"

	objdump -p "$so" | grep -q "SONAME *$2\$"
	ok $? "soname $2"
	objdump -p "$so" | grep -q 'NEEDED *libcorosync_common\.so\.4$'
	ok $? "$2 needs libcorosync_common.so.4"

	real=""
	for d in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib; do
		[ -r "$d/$2" ] && { real=$d/$2; break; }
	done
	if [ -n "$real" ]; then
		exports "$real" | diff -u - "exports.$1" >&2
		ok $? "same exports and versions as $real"
	else
		n=$((n + 1))
		echo "ok $n # SKIP corosync's $2 is not installed"
	fi
	rm -f "exports.$1" "declared.$1"
done
echo "1..$n"
[ "$failed" -eq 0 ]
