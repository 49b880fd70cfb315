#!/bin/bash
# The real ocf-tester (Debian's resource-agents, an optional oracle) on
# every agent of this tree, run against OUR agents and OUR shell functions:
# ocf-tester keeps an OCF_ROOT it finds in the environment, and ralib.sh
# exports the staged one.  One TAP line per agent; ocf-tester's failing
# lines follow as comments.  Agents that need a network or a server run in
# a private network namespace, Filesystem in a private mount namespace.
# An agent without a recipe below is listed as skipped.

# shellcheck source=ralib.sh
. "$(dirname "${BASH_SOURCE[0]}")/ralib.sh"

TESTER=${OCF_TESTER:-/usr/sbin/ocf-tester}
[ -x "$TESTER" ] || skip_all "ocf-tester (Debian resource-agents) is not installed"
[ "$(id -u)" -eq 0 ] || skip_all "ocf-tester needs root here (namespaces, mounts, su nobody)"
# ocf-tester runs meta-data as nobody: the stage must be reachable
chmod 755 "$RA_STAGE"

# Does AGENT (a path) declare parameter NAME in its meta-data?
declares() {
	"$1" meta-data 2>/dev/null | grep -q "<parameter name=\"$2\""
}

# Recipes: recipe_NAME AGENT-PATH sets ARGS (ocf-tester -o options),
# WRAP (a command prefix, e.g. ip netns exec NS) and returns 0, or sets
# WHY and returns 1 when this host cannot run the agent.
add_param() { # add_param AGENT NAME VALUE: only parameters the agent has
	if declares "$1" "$2"; then ARGS+=(-o "$2=$3"); fi
}

recipe_Dummy() {
	add_param "$1" state "$RA_STAGE/Dummy.state"
}

recipe_Stateful() {
	add_param "$1" state "$RA_STAGE/Stateful.state"
}

recipe_Delay() {
	add_param "$1" startdelay 0
	add_param "$1" stopdelay 0
	add_param "$1" mondelay 0
}

recipe_anything() {
	local pid=$RA_STAGE/anything.pid
	ARGS+=(-o binfile=/bin/sleep -o cmdline_options=3600)
	add_param "$1" pidfile "$pid"
	add_param "$1" logfile /dev/null
	ra_at_exit "[ -s '$pid' ] && kill \$(cat '$pid')"
}

# Mails go to a recorder in the stage: the agent's protocol with its mail
# command is what is tested, not the host's mail system.
recipe_MailTo() {
	local mailer=$RA_STAGE/mail
	printf '#!/bin/sh\n{ echo "mail $*"; cat; } >>"%s.sent"\n' "$mailer" >"$mailer"
	chmod 755 "$mailer"
	export MAILCMD=$mailer
	ARGS+=(-o email=root@localhost)
}

# A namespace with a veth pair, 192.0.2.1/24 on ocfA.
ip_namespace() {
	# not ns=$(ra_netns ...): a subshell would not register it for removal
	local ns="ra-$$-ocft-$1"
	ra_netns "ocft-$1" >/dev/null || { WHY="cannot create a network namespace"; return 1; }
	if ! { ip -n "$ns" link add ocfA type veth peer name ocfB &&
		ip -n "$ns" addr add 192.0.2.1/24 dev ocfA &&
		ip -n "$ns" link set ocfA up && ip -n "$ns" link set ocfB up; }; then
		WHY="cannot set up a veth pair"
		return 1
	fi
	WRAP=(ip netns exec "$ns")
}

recipe_IPaddr2() {
	ip_namespace ip2 || return 1
	ARGS+=(-o ip=192.0.2.100 -o cidr_netmask=24 -o nic=ocfA)
}

recipe_IPaddr() {
	ip_namespace ip1 || return 1
	ARGS+=(-o ip=192.0.2.101 -o cidr_netmask=24 -o nic=ocfA)
}

recipe_apache() {
	local d=$RA_STAGE/apache m=/usr/lib/apache2/modules
	[ -x /usr/sbin/apache2 ] || { WHY="apache2 is not installed"; return 1; }
	mkdir -p "$d/htdocs" && echo '<html><body>ok</body></html>' >"$d/htdocs/index.html"
	cat >"$d/httpd.conf" <<-CONF
		LoadModule mpm_prefork_module $m/mod_mpm_prefork.so
		LoadModule authz_core_module $m/mod_authz_core.so
		LoadModule authz_host_module $m/mod_authz_host.so
		LoadModule status_module $m/mod_status.so
		ServerName localhost
		Listen 127.0.0.1:80
		User nobody
		Group nogroup
		PidFile $d/httpd.pid
		DefaultRuntimeDir $d
		ErrorLog $d/error.log
		DocumentRoot $d/htdocs
		<Location /server-status>
		SetHandler server-status
		Require local
		</Location>
	CONF
	ip_namespace www1 || return 1
	ARGS+=(-o configfile="$d/httpd.conf")
	add_param "$1" httpd /usr/sbin/apache2
	add_param "$1" statusurl http://127.0.0.1/server-status
}

recipe_nginx() {
	local d=$RA_STAGE/nginx
	[ -x /usr/sbin/nginx ] || { WHY="nginx is not installed"; return 1; }
	mkdir -p "$d/htdocs" && echo '<html><body>ok</body></html>' >"$d/htdocs/index.html"
	cat >"$d/nginx.conf" <<-CONF
		pid $d/nginx.pid;
		error_log $d/error.log;
		events { worker_connections 64; }
		http {
			access_log off;
			client_body_temp_path $d/body;
			proxy_temp_path $d/proxy;
			fastcgi_temp_path $d/fastcgi;
			uwsgi_temp_path $d/uwsgi;
			scgi_temp_path $d/scgi;
			server {
				listen 127.0.0.1:80;
				location / { root $d/htdocs; }
				location /nginx_status { stub_status; }
			}
		}
	CONF
	ip_namespace www2 || return 1
	ARGS+=(-o configfile="$d/nginx.conf")
	add_param "$1" httpd /usr/sbin/nginx
	add_param "$1" statusurl http://127.0.0.1/nginx_status
}

recipe_Filesystem() {
	local img=$RA_STAGE/fs.img
	command -v mkfs.ext4 >/dev/null || { WHY="no mkfs.ext4"; return 1; }
	[ -e /dev/loop-control ] || { WHY="no loop devices"; return 1; }
	if ! { truncate -s 16M "$img" && mkfs.ext4 -q -F "$img" && mkdir -p "$RA_STAGE/mnt"; }; then
		WHY="cannot make a file system image"
		return 1
	fi
	ARGS+=(-o device="$img" -o directory="$RA_STAGE/mnt" -o fstype=ext4 -o options=loop)
	# the mount stays in a private mount namespace, whatever happens
	WRAP=(unshare -m --propagation private)
}

# ocf-tester prints "* rc=N: what failed" and, on an abort, the agent's
# output; everything it printed goes to the comments, failing lines first.
show_failure() {
	{
		grep -E '^\* rc=|^Tests failed|Aborting' "$1"
		grep -vE '^\* rc=|^Tests failed|Aborting' "$1"
	} | head -40 | sed 's/^/#   /'
}

run_tester() { # run_tester PROVIDER/NAME PATH
	local what=$1 agent=$2 name=${1##*/} out=$RA_STAGE/ocf-tester.out
	ARGS=() WRAP=() WHY=""
	if ! declare -F "recipe_$name" >/dev/null; then
		ok "ocf-tester $what # SKIP no recipe for its parameters"
		return
	fi
	if ! "recipe_$name" "$agent"; then
		ok "ocf-tester $what # SKIP $WHY"
		return
	fi
	if "${WRAP[@]}" "$TESTER" -n "test-$name" "${ARGS[@]}" "$agent" >"$out" 2>&1 </dev/null; then
		ok "ocf-tester $what"
	else
		fail "ocf-tester $what"
		show_failure "$out"
	fi
}

found=0
for f in "$OCF_ROOT"/resource.d/heartbeat/* "$OCF_ROOT"/resource.d/pacemaker/*; do
	if [ ! -f "$f" ] || [ ! -x "$f" ]; then continue; fi
	provider=${f%/*}
	found=1
	run_tester "${provider##*/}/${f##*/}" "$f"
done
[ "$found" = 1 ] || skip_all "no agents in $RA_SRCDIR/heartbeat or pacemaker yet"
finish
