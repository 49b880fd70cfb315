#!/bin/bash
# The scenario of real-tools-on-our-corosync.sh with our daemon under
# valgrind: every request the real tools make, a 2-node ring, reload,
# shutdown and kill, and no invalid access, uninitialised byte sent or
# leak on the way.
top=$(cd "$(dirname "$0")/../.." && pwd)
VALGRIND=1 exec "$top/tests/cluster/real-tools-on-our-corosync.sh"
