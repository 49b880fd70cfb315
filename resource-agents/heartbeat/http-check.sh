# http-check.sh: what the web server agents (apache, nginx) share.
#
#   http_client_find [WANTED]     the HTTP client to use (curl, wget or a
#                                 command of the admin's choice)
#   http_fetch CLIENT URL         the page on stdout
#   http_match CLIENT URL REGEX   0 when the page matches REGEX (extended,
#                                 case insensitive)
#   http_answers URL              0 when anything answers HTTP at URL
#   http_read_testconf FILE NAME  a test definition from a test file
#   http_url BASE PATH            PATH made absolute against BASE
#   http_listen_url ADDRESS       the local URL of a listen address
#   http_cmdline_pids NAME ARGS   processes called NAME whose command
#                                 line contains ARGS
#   http_stop_server PID SIGNAL [PID...]  graceful stop, then TERM and KILL
#   http_kill_leftovers PID...    what is left of a server that died
#
# Monitors always ask the server on this node: curl is bound to the
# loopback interface and wget to the loopback address, so a URL naming a
# floating address never reaches a server that another node runs.
# Sourced after ocf-shellfuncs; POSIX sh.
# shellcheck shell=sh disable=SC3043,SC2034

# Set by http_read_testconf and used by http_fetch when not empty.
HTTP_USER=""
HTTP_PASSWORD=""
HTTP_CLIENT_OPTS=""

# The command behind a client name: the ocf-binaries variable for the two
# we know, so a test or an admin can point them elsewhere.
http_client_cmd() {
	case "$1" in
	curl) echo "$CURL" ;;
	wget) echo "$WGET" ;;
	*) echo "$1" ;;
	esac
}

# http_client_find [WANTED]: prints WANTED when it is installed, else the
# first of curl and wget that is.  1 when there is none.
http_client_find() {
	local c
	for c in ${1:-curl wget}; do
		if have_binary "$(http_client_cmd "$c")"; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

# Seconds a request may take: half the action's timeout, at least 2, so
# a hung server fails the monitor instead of the executor killing it.
http_timeout() {
	local t=$((${OCF_RESKEY_CRM_meta_timeout:-20000} / 2000))
	[ "$t" -ge 2 ] || t=2
	echo "$t"
}

# IPv6 when asked (use_ipv6) or when the URL's host is an IPv6 literal.
http_is_ipv6() {
	ocf_is_true "${OCF_RESKEY_use_ipv6:-false}" && return 0
	case "$1" in
	*://\[*) return 0 ;;
	*) return 1 ;;
	esac
}

http_fetch_curl() {
	local six=""
	http_is_ipv6 "$1" && six=-g
	# the credentials go through stdin, not the command line (ps)
	# shellcheck disable=SC2086
	if [ -n "$HTTP_USER" ]; then
		echo "user = \"$HTTP_USER:$HTTP_PASSWORD\"" |
			"$CURL" -K - -sS -L $six --interface lo --max-time "$(http_timeout)" \
				-o - $HTTP_CLIENT_OPTS "$1"
	else
		"$CURL" -sS -L $six --interface lo --max-time "$(http_timeout)" \
			-o - $HTTP_CLIENT_OPTS "$1"
	fi
}

http_fetch_wget() {
	local bind=127.0.0.1
	http_is_ipv6 "$1" && bind=::1
	# shellcheck disable=SC2086
	"$WGET" -q -O - --no-proxy --tries=1 --timeout="$(http_timeout)" \
		--bind-address="$bind" ${HTTP_USER:+--user="$HTTP_USER" --password="$HTTP_PASSWORD"} \
		$HTTP_CLIENT_OPTS "$1"
}

# Any other client: the admin's command with the URL as last argument.
http_fetch_other() {
	# shellcheck disable=SC2086
	$1 $HTTP_CLIENT_OPTS "$2"
}

# http_fetch CLIENT URL: the page on stdout; the client's status.
http_fetch() {
	case "$1" in
	curl) http_fetch_curl "$2" ;;
	wget) http_fetch_wget "$2" ;;
	*) http_fetch_other "$@" ;;
	esac
}

# http_match CLIENT URL REGEX
http_match() {
	http_fetch "$1" "$2" 2>/dev/null | grep -Eiq -- "$3"
}

# http_answers URL: any HTTP answer, even an error page, shows the
# server works (used when nothing better to ask is known).
http_answers() {
	local code
	if have_binary "$CURL"; then
		code=$("$CURL" -s -o /dev/null -w '%{http_code}' --interface lo \
			--max-time "$(http_timeout)" "$1" 2>/dev/null)
		[ -n "$code" ] && [ "$code" != 000 ]
	elif have_binary "$WGET"; then
		"$WGET" -S --spider --tries=1 --timeout="$(http_timeout)" "$1" 2>&1 | grep -q "HTTP/"
	else
		return 1
	fi
}

# http_url BASE PATH: PATH unchanged when it is a URL already, else
# appended to BASE.
http_url() {
	case "$2" in
	http://* | https://*) echo "$2" ;;
	/*) echo "$1$2" ;;
	*) echo "$1/$2" ;;
	esac
}

# http_listen_url ADDRESS: "8080", "10.0.0.1:8080", "[::1]:8080" or a
# wildcard address: the URL under which this node reaches the server.
http_listen_url() {
	local a="$1"
	case "$a" in
	"") echo "http://localhost:80" ;;
	*[!0-9]*) ;;
	*) a="localhost:$a" ;;
	esac
	case "$a" in
	\*:* | 0.0.0.0:* | "[::]:"*) a="localhost:${a##*:}" ;;
	esac
	[ -n "${a##*:*}" ] && a="$a:80"
	echo "http://$a"
}

# http_read_testconf FILE [NAME]: reads the test NAME (the first one when
# NAME is empty) from a file of blocks like
#     test NAME
#         url /path        (or a full URL)
#         match REGEX
#         user U / password P / client CMD / client_opts OPTS
#     end
# and sets HTTP_TEST_URL, HTTP_TEST_REGEX, HTTP_TEST_CLIENT, HTTP_USER,
# HTTP_PASSWORD and HTTP_CLIENT_OPTS.  1 with a message in HTTP_ERROR on
# a bad file, 2 when the test is not there.
http_read_testconf() {
	local file="$1" name="$2" key value n=0 inside=0
	HTTP_TEST_URL="" HTTP_TEST_REGEX="" HTTP_TEST_CLIENT=""
	while read -r key value; do
		n=$((n + 1))
		if [ $inside -eq 0 ]; then
			[ "$key" = test ] && { [ -z "$name" ] || [ "$name" = "$value" ]; } && inside=1
			continue
		fi
		case "$key" in
		url) HTTP_TEST_URL=$value ;;
		match) HTTP_TEST_REGEX=$value ;;
		user) HTTP_USER=$value ;;
		password) HTTP_PASSWORD=$value ;;
		client) HTTP_TEST_CLIENT=$value ;;
		client_opts) HTTP_CLIENT_OPTS=$value ;;
		end) return 0 ;;
		"" | "#"*) ;;
		*)
			HTTP_ERROR="$file line $n: unknown keyword '$key'"
			return 1
			;;
		esac
	done <"$file"
	[ $inside -eq 1 ] && return 0
	# shellcheck disable=SC2016
	HTTP_ERROR="$file has no test${name:+ named '$name'}"
	return 2
}

# http_cmdline_pids NAME ARGS: pids of the processes called NAME whose
# command line contains ARGS (a configuration file's path, say): the
# workers a server forked, found even when its pid file is gone.
http_cmdline_pids() {
	local p
	for p in $(pgrep -x "$1" 2>/dev/null); do
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$2" && echo "$p"
	done
}

# A zombie counts as gone: its parent reaps it, nothing to stop.
http_pid_alive() {
	local state
	kill -0 "$1" 2>/dev/null || return 1
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
	[ "$state" != Z ]
}

# http_alive PID...: those of the PIDs still alive.
http_alive() {
	local p
	for p in "$@"; do http_pid_alive "$p" && echo "$p"; done
}

# http_wait_gone SECONDS PID...: 0 when all are gone within SECONDS.
http_wait_gone() {
	local i=0 n=$(($1 * 10))
	shift
	while [ -n "$(http_alive "$@")" ]; do
		[ $i -lt $n ] || return 1
		sleep 0.1
		i=$((i + 1))
	done
}

# http_kill_leftovers PID...: the workers of a server that died serve
# nobody: a second for TERM, then KILL.  0 when all are gone.
http_kill_leftovers() {
	[ $# -gt 0 ] || return 0
	kill -s TERM "$@" 2>/dev/null
	http_wait_gone 1 "$@" && return 0
	# shellcheck disable=SC2046
	kill -s KILL $(http_alive "$@") 2>/dev/null
	http_wait_gone 5 "$@"
}

# http_stop_server PID SIGNAL [PID...]: SIGNAL asks the server to finish
# its requests and go; it gets half the stop timeout.  The rest goes to
# TERM and then KILL, for the server, its children and the further PIDs.
# 0 when all are gone.
http_stop_server() {
	local pid="$1" sig="$2" half rest all left
	shift 2
	half=$((${OCF_RESKEY_CRM_meta_timeout:-20000} / 2000))
	rest=$(((${OCF_RESKEY_CRM_meta_timeout:-20000} / 1000 - half - 1) / 2))
	[ "$rest" -ge 1 ] || rest=1
	all="$pid $(pgrep -P "$pid" 2>/dev/null) $*"
	kill -s "$sig" "$pid" 2>/dev/null
	# shellcheck disable=SC2086
	http_wait_gone "$half" $all && return 0
	for sig in TERM KILL; do
		# shellcheck disable=SC2086,SC2046,SC2005
		left=$(echo $(http_alive $all))
		ocf_log warn "processes $left still there: sending SIG$sig"
		# shellcheck disable=SC2086
		kill -s "$sig" $left 2>/dev/null
		# shellcheck disable=SC2086
		http_wait_gone "$rest" $left && return 0
	done
	return 1
}
