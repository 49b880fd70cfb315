#!/bin/bash
# The client library checks of client-libs-real-corosync.sh, run against
# OUR corosync daemon: a service it does not serve is skipped, and a check
# that fails is reported as a TODO (a difference of our daemon from
# corosync's, shown in the output) rather than failing the run.
top=$(cd "$(dirname "$0")/../.." && pwd)
daemon=${BUILD_DIR:-$top/build}/corosync/exec/corosync
[ -x "$daemon" ] || { echo "SKIP: $daemon is not built" >&2; exit 77; }
COROSYNC=$daemon OURS=1 exec "$top/tests/cluster/client-libs-real-corosync.sh"
