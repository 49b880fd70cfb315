#!/bin/bash
# lsb/httpd, the example init script: its whole life cycle with the LSB
# exit codes, run against a private apache in a network namespace.
. "$(dirname "$0")/ralib.sh"
. "$(dirname "$0")/weblib.sh"

ra_require_root
httpd=$(apache_program) || skip_all "apache (apache2 or httpd) is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"
RA_NETNS=$(ra_netns lsb)
port=8083
script=$RA_SRCDIR/lsb/httpd
apache_write_conf "$RA_STAGE/lsb.conf" "$port"
pidfile=$RA_STAGE/lsb-run/httpd.pid
defaults=$RA_STAGE/defaults
printf '%s\n' "HTTPD=$httpd" "HTTPD_CONF=$RA_STAGE/lsb.conf" "HTTPD_PIDFILE=$pidfile" \
	"HTTPD_ENVFILE=" "HTTPD_STOP_TIMEOUT=6" >"$defaults"
ra_at_exit 'stage_pids | xargs -r kill -KILL'

# lsb ACTION: the script's exit code, run as init would
lsb() {
	HTTPD_DEFAULTS=$defaults ip netns exec "$RA_NETNS" "$script" "$@" \
		>"$RA_STAGE/stdout" 2>"$RA_STDERR"
}

# lsb_is DESC WANT [ACTION]
lsb_is() {
	local what=$1 want=$2 rc=0
	shift 2
	lsb "$@" || rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$what"
	else
		fail "$what (exit $rc, expected $want)"
		sed 's/^/#   /' "$RA_STAGE/stdout" "$RA_STDERR" | head -10
	fi
}

check "the LSB header names the service" grep -q "^# Provides: *httpd" "$script"
check "the LSB header has the start levels" grep -q "^# Default-Start:" "$script"
check "the script is valid sh" sh -n "$script"
lsb_is "status when stopped: 3" 3 status
lsb_is "stop when stopped: 0" 0 stop
lsb_is "try-restart when stopped: 0" 0 try-restart
lsb_is "reload when stopped: 7" 7 reload
lsb_is "start: 0" 0 start
check "the pid file is there" test -s "$pidfile"
web_serves "the page is served" "http://127.0.0.1:$port/" "$WEB_TOKEN"
lsb_is "status when running: 0" 0 status
lsb_is "start when running: 0" 0 start
lsb_is "reload: 0" 0 reload
lsb_is "force-reload: 0" 0 force-reload
sleep 0.5
lsb_is "still running after reload" 0 status
old=$(cat "$pidfile")
lsb_is "restart: 0" 0 restart
check "restart made a new server" test "$(cat "$pidfile")" != "$old"
lsb_is "try-restart when running: 0" 0 try-restart
web_serves "the page is served after restarts" "http://127.0.0.1:$port/" "$WEB_TOKEN"
lsb_is "stop: 0" 0 stop
check "no server process is left" test -z "$(stage_pids)"
lsb_is "stop again: 0" 0 stop
lsb_is "status after stop: 3" 3 status

lsb_is "start for a crash" 0 start
kill -KILL "$(cat "$pidfile")"
sleep 0.2
lsb_is "status of a killed server with its pid file: 1" 1 status
# the workers of the killed server hold the port: clean them up here
stage_pids | xargs -r kill -KILL
sleep 0.2
lsb_is "start over a stale pid file: 0" 0 start
lsb_is "stop: 0" 0 stop

lsb_is "unknown action: 2" 2 frobnicate
lsb_is "no action: 2" 2
echo "HTTPD=$RA_STAGE/no-httpd" >>"$defaults"
lsb_is "start, server not installed: 5" 5 start
lsb_is "status, server not installed: 3" 3 status
sed -i '$d' "$defaults"
echo "HTTPD_CONF=$RA_STAGE/none.conf" >>"$defaults"
lsb_is "start, configuration missing: 6" 6 start
sed -i '$d' "$defaults"
{
	cat "$RA_STAGE/lsb.conf"
	echo "NoSuchDirective on"
} >"$RA_STAGE/broken.conf"
echo "HTTPD_CONF=$RA_STAGE/broken.conf" >>"$defaults"
lsb_is "start, configuration broken: 6" 6 start
check "no server process is left at the end" test -z "$(stage_pids)"
finish
