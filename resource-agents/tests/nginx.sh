#!/bin/bash
# nginx: the life cycle of a private server in a network namespace, its
# monitor depths, reload and its failures.
. "$(dirname "$0")/ralib.sh"
. "$(dirname "$0")/weblib.sh"

ra_require_root
nginx=$(command -v nginx || command -v /usr/sbin/nginx) || skip_all "nginx is not installed"
command -v curl >/dev/null || skip_all "curl is not installed"
RA_NETNS=$(ra_netns nginx)
port=8082
dir=$RA_STAGE/nginx
nginx_write_conf "$dir" "$port"
ra_at_exit 'stage_pids | xargs -r kill -KILL'
workers() { pgrep -s "$(cat "$dir/nginx.pid" 2>/dev/null || echo 0)" -x nginx; }
# -e: nginx logs here until it has read error_log, not to /var/log/nginx
base=(configfile="$dir/nginx.conf" httpd="$nginx" options="-e $dir/error.log")

is_rc "meta-data" 0 nginx meta-data
is_rc "validate-all" 0 nginx validate-all "${base[@]}"
is_rc "probe of a stopped server: not running" 7 nginx monitor "${base[@]}"
is_rc "start" 0 nginx start "${base[@]}"
check "the pid file of the configuration is there" test -s "$dir/nginx.pid"
web_serves "the page is served" "http://127.0.0.1:$port/" "$WEB_TOKEN"
is_rc "start again" 0 nginx start "${base[@]}"
is_rc "monitor" 0 nginx monitor "${base[@]}"
export OCF_CHECK_LEVEL=10
is_rc "depth 10: the stub_status page of the included server block" 0 nginx monitor "${base[@]}"
is_rc "depth 10 with wget" 0 nginx monitor "${base[@]}" testclient=wget
is_rc "depth 10: the status page lacks status10regex" 1 nginx monitor "${base[@]}" status10regex=no-such-text
check "the reason names the status page" grep -q "nginx_status" <<<"$(ra_exit_reason)"
export OCF_CHECK_LEVEL=20
is_rc "depth 20: test20url matches" 0 nginx monitor "${base[@]}" test20url=/ test20regex="$WEB_TOKEN"
is_rc "depth 20: test20url does not match" 1 nginx monitor "${base[@]}" test20url=/ test20regex=nothing-like-it
printf 'test page\n  url http://127.0.0.1:%s/index.html\n  match %s\nend\n' "$port" "$WEB_TOKEN" \
	>"$RA_STAGE/tests.conf"
is_rc "depth 20: a test of test20conffile" 0 nginx monitor "${base[@]}" test20conffile="$RA_STAGE/tests.conf"
export OCF_CHECK_LEVEL=30
is_rc "depth 30: the command succeeds" 0 nginx monitor "${base[@]}" external_monitor30_cmd=true
is_rc "depth 30: the command fails" 1 nginx monitor "${base[@]}" external_monitor30_cmd=false
unset OCF_CHECK_LEVEL

old=$(workers | sort | tr '\n' ' ')
is_rc "reload" 0 nginx reload "${base[@]}"
for _ in $(seq 30); do
	[ "$(workers | sort | tr '\n' ' ')" != "$old" ] && break
	sleep 0.1
done
check "reload started new workers" test "$(workers | sort | tr '\n' ' ')" != "$old"
web_serves "the page is served after reload" "http://127.0.0.1:$port/" "$WEB_TOKEN"

is_rc "stop" 0 nginx stop "${base[@]}"
check "no server process is left" test -z "$(stage_pids)"
check "the pid file is gone" test ! -e "$dir/nginx.pid"
is_rc "stop again" 0 nginx stop "${base[@]}"
is_rc "monitor after stop" 7 nginx monitor "${base[@]}"
check "nothing listens any more" sh -c "! ip netns exec $RA_NETNS curl -s http://127.0.0.1:$port/ >/dev/null"

is_rc "start for a crash" 0 nginx start "${base[@]}"
left=$(workers | tr '\n' ' ')
kill -KILL "$(cat "$dir/nginx.pid")"
sleep 0.2
is_rc "monitor of a killed master: not running" 7 nginx monitor "${base[@]}"
is_rc "stop after a crash" 0 nginx stop "${base[@]}"
# zombies count as gone: init reaps them (late in some containers)
check "the workers of the killed master are gone" sh -c "! ps -o stat= -p '${left% }' | grep -qv '^Z'"
check "the agent killed them" grep -q "workers .* of a dead master killed" "$HA_LOGFILE"

is_rc "port is not a number" 6 nginx validate-all "${base[@]}" port=80x
check "the reason names port" grep -q "^port:" <<<"$(ra_exit_reason)"
is_rc "status10url is not a URL" 6 nginx validate-all "${base[@]}" status10url=/nginx_status
is_rc "external_monitor30_cmd not installed" 6 nginx validate-all "${base[@]}" \
	external_monitor30_cmd="$RA_STAGE/no-such-check"
cp "$dir/nginx.conf" "$dir/broken.conf"
echo "no_such_directive on;" >>"$dir/broken.conf"
is_rc "start with a broken configuration" 6 nginx start "${base[@]}" configfile="$dir/broken.conf"
check "the reason names configfile" grep -q "^configfile:.*broken.conf" <<<"$(ra_exit_reason)"
is_rc "nginx missing" 5 nginx validate-all "${base[@]}" httpd="$RA_STAGE/no-nginx"
check "the reason names httpd" grep -q "^httpd:" <<<"$(ra_exit_reason)"
is_rc "nginx missing: probe says not running" 7 nginx monitor "${base[@]}" httpd="$RA_STAGE/no-nginx"
is_rc "configfile missing" 5 nginx start "${base[@]}" configfile="$RA_STAGE/none.conf"
is_rc "configfile missing: probe says not running" 7 nginx monitor "${base[@]}" configfile="$RA_STAGE/none.conf"
is_rc "unknown action" 3 nginx frobnicate "${base[@]}"
check "no server process is left at the end" test -z "$(stage_pids)"
finish
