#!/bin/bash
# apache: the life cycle of a private server in a network namespace, its
# monitors, the Debian envvars layout and its failures.
. "$(dirname "$0")/ralib.sh"
. "$(dirname "$0")/weblib.sh"

ra_require_root
httpd=$(apache_program) || skip_all "apache (apache2 or httpd) is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"
RA_NETNS=$(ra_netns apache)
port=8081
conf=$RA_STAGE/httpd.conf
apache_write_conf "$conf" "$port" "PidFile $RA_STAGE/httpd.pid"
ra_at_exit 'stage_pids | xargs -r kill -KILL'
base=(configfile="$conf" httpd="$httpd" envfiles="")

is_rc "meta-data" 0 apache meta-data
check "meta-data names the agent and its parameters" \
	grep -q 'name="testregex10"' "$RA_STAGE/stdout"
is_rc "validate-all" 0 apache validate-all "${base[@]}"
is_rc "probe of a stopped server: not running" 7 apache monitor "${base[@]}"
is_rc "start" 0 apache start "${base[@]}"
check "the pid file of the configuration is there" test -s "$RA_STAGE/httpd.pid"
web_serves "the page is served" "http://127.0.0.1:$port/" "$WEB_TOKEN"
is_rc "start again" 0 apache start "${base[@]}"
is_rc "monitor (status page)" 0 apache monitor "${base[@]}"
is_rc "recurring monitor" 0 apache monitor "${base[@]}" CRM_meta_interval=10000
is_rc "monitor with wget" 0 apache monitor "${base[@]}" client=wget
is_rc "monitor, the status page lacks testregex" 1 apache monitor "${base[@]}" testregex=no-such-text
check "the reason names the status page" grep -q "server-status" <<<"$(ra_exit_reason)"
is_rc "monitor, statusurl is a missing page" 1 apache monitor "${base[@]}" \
	statusurl="http://127.0.0.1:$port/missing.html" testregex="$WEB_TOKEN"

export OCF_CHECK_LEVEL=10
is_rc "depth 10 monitor: testurl matches" 0 apache monitor "${base[@]}" \
	testurl=/index.html testregex10="$WEB_TOKEN"
is_rc "depth 10 monitor: testurl does not match" 1 apache monitor "${base[@]}" \
	testurl=/index.html testregex10=no-such-text
printf 'test other\nurl /none\nmatch x\nend\ntest page\n  url /\n  match %s\nend\n' \
	"$WEB_TOKEN" >"$RA_STAGE/tests.conf"
is_rc "depth 10 monitor: a test of testconffile" 0 apache monitor "${base[@]}" \
	testconffile="$RA_STAGE/tests.conf" testname=page
is_rc "depth 10 monitor without a test URL: not configured" 6 apache monitor "${base[@]}"
unset OCF_CHECK_LEVEL

is_rc "stop" 0 apache stop "${base[@]}"
check "no server process is left" test -z "$(stage_pids)"
check "the pid file is gone" test ! -e "$RA_STAGE/httpd.pid"
is_rc "stop again" 0 apache stop "${base[@]}"
is_rc "monitor after stop" 7 apache monitor "${base[@]}"
check "nothing listens any more" sh -c "! ip netns exec $RA_NETNS curl -s http://127.0.0.1:$port/ >/dev/null"

# a server killed hard leaves its pid file and maybe workers
is_rc "start for a crash" 0 apache start "${base[@]}"
kill -KILL "$(cat "$RA_STAGE/httpd.pid")"
sleep 0.2
is_rc "monitor of a killed server: not running" 7 apache monitor "${base[@]}"
is_rc "stop after a crash cleans up" 0 apache stop "${base[@]}"
check "no worker of the killed server is left" test -z "$(stage_pids)"

# Debian: the configuration takes its directories from envvars
envdir=$RA_STAGE/debian-run
printf 'export APACHE_RUN_DIR=%s\nexport APACHE_PID_FILE=%s/apache2.pid\n' "$envdir" "$envdir" \
	>"$RA_STAGE/envvars"
# shellcheck disable=SC2016
apache_write_conf "$RA_STAGE/debian.conf" "$port" 'PidFile ${APACHE_PID_FILE}'
deb=(configfile="$RA_STAGE/debian.conf" httpd="$httpd" envfiles="$RA_STAGE/envvars")
is_rc "envfiles: start" 0 apache start "${deb[@]}"
check "envfiles: the run directory was made and holds the pid file" test -s "$envdir/apache2.pid"
is_rc "envfiles: monitor" 0 apache monitor "${deb[@]}"
is_rc "envfiles: stop" 0 apache stop "${deb[@]}"

# no PidFile: the agent gives the server one
apache_write_conf "$RA_STAGE/nopid.conf" "$port"
nopid=(configfile="$RA_STAGE/nopid.conf" httpd="$httpd" envfiles="")
is_rc "no PidFile: start" 0 apache start "${nopid[@]}"
check "no PidFile: the agent's pid file is used" test -s "$HA_VARRUN/apache-test-apache.pid"
is_rc "no PidFile: stop" 0 apache stop "${nopid[@]}"
check "no server process is left" test -z "$(stage_pids)"

is_rc "port is not a number" 6 apache validate-all "${base[@]}" port=http
check "the reason names port" grep -q "^port:" <<<"$(ra_exit_reason)"
is_rc "statusurl is not a URL" 6 apache validate-all "${base[@]}" statusurl=server-status
is_rc "use_ipv6 is not a boolean" 6 apache validate-all "${base[@]}" use_ipv6=maybe
printf 'test page\n  adress /\nend\n' >"$RA_STAGE/bad-tests.conf"
is_rc "testconffile with an unknown keyword" 6 apache validate-all "${base[@]}" \
	testconffile="$RA_STAGE/bad-tests.conf"
check "the reason names the file's line" grep -q "line 2" <<<"$(ra_exit_reason)"
is_rc "testconffile missing" 5 apache validate-all "${base[@]}" testconffile="$RA_STAGE/none"
{ cat "$conf"; echo "NoSuchDirective on"; } >"$RA_STAGE/broken.conf"
is_rc "start with a broken configuration" 6 apache start "${base[@]}" configfile="$RA_STAGE/broken.conf"
check "the reason names configfile" grep -q "^configfile:.*broken.conf" <<<"$(ra_exit_reason)"
is_rc "httpd missing" 5 apache validate-all "${base[@]}" httpd="$RA_STAGE/no-httpd"
check "the reason names httpd" grep -q "^httpd:" <<<"$(ra_exit_reason)"
is_rc "httpd missing: probe says not running" 7 apache monitor "${base[@]}" httpd="$RA_STAGE/no-httpd"
is_rc "httpd missing: stop succeeds" 0 apache stop "${base[@]}" httpd="$RA_STAGE/no-httpd"
is_rc "configfile missing" 5 apache start "${base[@]}" configfile="$RA_STAGE/none.conf"
is_rc "configfile missing: probe says not running" 7 apache monitor "${base[@]}" configfile="$RA_STAGE/none.conf"
is_rc "no HTTP client" 5 apache validate-all "${base[@]}" client=no-such-client
is_rc "unknown action" 3 apache frobnicate "${base[@]}"
check "no server process is left at the end" test -z "$(stage_pids)"
finish
