#!/bin/sh
# A build configured with every directory under one prefix P installs
# nothing outside P (so it can sit beside a distribution's packages).
# Builds in BUILD (argument, default build/prefix-check) and installs with
# DESTDIR, so any file outside P shows as a path outside DESTDIR/P.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build/prefix-check}
P=/opt/clusterstack-prefix-check
dest=$build/dest

rm -rf "$build"
mkdir -p "$build"
cd "$build"
"$top/configure" -q --enable-werror --prefix=$P --sysconfdir=$P/etc \
	--localstatedir=$P/var --with-ocfdir=$P/lib/ocf
make -s -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
make -s install DESTDIR="$dest" >/dev/null

outside=$(cd "$dest" && find . \( -type f -o -type l \) ! -path ".$P/*")
total=$(cd "$dest" && find . \( -type f -o -type l \) | wc -l)
if [ -n "$outside" ]; then
	echo "not ok - installed outside $P:"
	echo "$outside" | sed 's/^\./  /'
	exit 1
fi
grep -q "define PCMK_LOG_FILE \"$P/var/log/cluster/pacemaker.log\"" config.h || {
	echo "not ok - the log directory did not follow --localstatedir"
	exit 1
}
echo "ok - $total installed files, all under $P; paths in config.h follow the prefix"
