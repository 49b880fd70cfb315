#!/bin/bash
# The libcpg interop test of libcpg-real-corosync.sh, run against OUR
# corosync daemon: cpg_check with our libcpg, and (when corosync's own
# headers and library are installed) cpg_check built against corosync's
# libcpg, so programs built for the real corosync work with ours.
top=$(cd "$(dirname "$0")/../.." && pwd)
daemon=${BUILD_DIR:-$top/build}/corosync/exec/corosync
[ -x "$daemon" ] || { echo "SKIP: $daemon is not built" >&2; exit 77; }
COROSYNC=$daemon exec "$top/tests/cluster/libcpg-real-corosync.sh"
