#!/bin/bash
# ocf:heartbeat:anything: a small program run as a service: pid file,
# working directory, logs, arguments, monitor hook, stop with SIGTERM then
# SIGKILL, another user, and the parameter and installation errors.
. "$(dirname "$0")/ralib.sh"

daemon=$RA_STAGE/daemon
pidfile=$RA_STAGE/run/sub/daemon.pid
work=$RA_STAGE/work
mkdir -p "$work"
# Prints its arguments one per line and a line on stderr, then waits;
# with IGNORE_TERM set it survives SIGTERM.
cat >"$daemon" <<'EOF'
#!/bin/sh
for a in "$@"; do echo "arg:$a"; done
echo "to stderr" >&2
[ "$1" != --ignore-term ] || trap '' TERM
exec sleep 60
EOF
chmod +x "$daemon"

pid() { cat "$pidfile" 2>/dev/null; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null; }
dead() { ! alive "$1"; }
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', expected '$3')"; fi
}
ra_at_exit 'p=$(cat "$pidfile" 2>/dev/null); [ -z "$p" ] || kill -KILL "$p"'

# as the user running the test (root by default)
me=$(id -un)
P=(user="$me" binfile="$daemon" pidfile="$pidfile" workdir="$work" logfile="$RA_STAGE/log/out.log"
	errlogfile="$RA_STAGE/log/err.log" cmdline_options="'two words' plain")

is_rc "meta-data" 0 anything meta-data
is_rc "validate-all" 0 anything validate-all "${P[@]}"
is_rc "probe of a stopped resource" 7 anything monitor "${P[@]}"
is_rc "start" 0 anything start "${P[@]}"
p1=$(pid)
check "the pid file names a live process" alive "$p1"
is "it runs the program" "$(tr '\0' ' ' <"/proc/$p1/cmdline" 2>/dev/null)" "sleep 60 "
is "in the working directory" "$(readlink "/proc/$p1/cwd")" "$work"
is "in a session of its own" "$(ps -o sid= -p "$p1" | tr -d ' ')" "$p1"
is "arguments are split as the shell does" "$(cat "$RA_STAGE/log/out.log")" "arg:two words
arg:plain"
is "stderr goes to errlogfile" "$(cat "$RA_STAGE/log/err.log")" "to stderr"
is_rc "start again" 0 anything start "${P[@]}"
is "start again keeps the process" "$(pid)" "$p1"
is_rc "monitor" 0 anything monitor "${P[@]}" CRM_meta_interval=10000
is_rc "monitor with a hook that succeeds" 0 anything monitor "${P[@]}" monitor_hook="test -d $work"
is_rc "monitor with a hook that fails" 1 anything monitor "${P[@]}" monitor_hook="test -d $work/none"
check "the reason names the hook" grep -q "ocf-exit-reason:monitor_hook" "$RA_STDERR"
is_rc "stop" 0 anything stop "${P[@]}"
sleep 0.1
check "stop ends the process" dead "$p1"
check "stop removes the pid file" test ! -e "$pidfile"
is_rc "stop again" 0 anything stop "${P[@]}"
is_rc "monitor after stop" 7 anything monitor "${P[@]}" CRM_meta_interval=10000

# a process that died under us: a failure, then a clean stop
is_rc "start (for a crash)" 0 anything start "${P[@]}"
kill -KILL "$(pid)"
sleep 0.2
is_rc "monitor finds the dead process" 1 anything monitor "${P[@]}" CRM_meta_interval=10000
check "the reason says the program is gone" grep -q "ocf-exit-reason:.*not running any more" "$RA_STDERR"
is_rc "stop after a crash" 0 anything stop "${P[@]}"
is_rc "monitor after that stop" 7 anything monitor "${P[@]}"

# SIGKILL after stop_timeout when SIGTERM is ignored; stdout and stderr to
# one file without errlogfile
Q=(user="$me" binfile="$daemon" pidfile="$pidfile" logfile="$RA_STAGE/log/both.log" cmdline_options=--ignore-term)
is_rc "start of a program that ignores SIGTERM" 0 anything start "${Q[@]}"
p2=$(pid)
check "without errlogfile both streams go to logfile" grep -q "to stderr" "$RA_STAGE/log/both.log"
t0=$SECONDS
is_rc "stop with stop_timeout=1" 0 anything stop "${Q[@]}" stop_timeout=1
sleep 0.1
check "SIGKILL ended it" dead "$p2"
check "within a few seconds" test $((SECONDS - t0)) -le 4

# another user
if [ "$(id -u)" -eq 0 ] && getent passwd nobody >/dev/null; then
	R=(binfile=/bin/sleep cmdline_options=60 pidfile="$pidfile" user=nobody workdir=/)
	is_rc "start as user nobody" 0 anything start "${R[@]}"
	is "the program runs as nobody" "$(ps -o user= -p "$(pid)" | tr -d ' ')" nobody
	is_rc "stop of nobody's program" 0 anything stop "${R[@]}"
else
	is_rc "another user without root" 4 anything start "${P[@]}" user=root
	check "the reason names user" grep -q "ocf-exit-reason:user=root: only root" "$RA_STDERR"
fi

# parameters and installation
is_rc "no binfile" 6 anything validate-all pidfile="$pidfile"
check "the reason names binfile" grep -q "ocf-exit-reason:binfile is required" "$RA_STDERR"
is_rc "stop_timeout that is no number" 6 anything validate-all "${P[@]}" stop_timeout=soon
check "the reason names stop_timeout" grep -q "ocf-exit-reason:stop_timeout='soon'" "$RA_STDERR"
is_rc "binfile missing: validate-all" 5 anything validate-all user="$me" binfile="$RA_STAGE/none" pidfile="$pidfile"
is_rc "binfile missing: start" 5 anything start user="$me" binfile="$RA_STAGE/none" pidfile="$pidfile"
check "the reason names the program" grep -q "ocf-exit-reason:binfile=$RA_STAGE/none " "$RA_STDERR"
is_rc "binfile missing: probe" 7 anything monitor binfile="$RA_STAGE/none" pidfile="$pidfile"
is_rc "unknown user" 5 anything start "${P[@]}" user=no-such-user-$$
is_rc "missing workdir" 5 anything start "${P[@]}" workdir="$RA_STAGE/none"
check "no process was left" test ! -e "$pidfile"
is_rc "unknown action" 3 anything frobnicate

finish
