# Shared by the web server tests (apache.sh, nginx.sh, lsb-httpd.sh):
# source it after ralib.sh.  The servers run in a private network
# namespace with a minimal configuration kept in the stage, so neither a
# system instance nor its files matter.
#
#   web_root                 a document root in the stage with an index
#                            page holding $WEB_TOKEN; prints its path
#   web_fetch URL            the page, fetched inside $RA_NETNS
#   web_serves DESC URL RE   one TAP line: the page at URL matches RE
#   apache_program           the installed apache (apache2 or httpd)
#   apache_write_conf FILE PORT [EXTRA]   a minimal apache configuration
#   stage_pids               processes whose command line names the stage
# shellcheck shell=bash

WEB_TOKEN="served-from-stage-$$"

web_root() {
	local d="$RA_STAGE/htdocs"
	# the server's workers run as an unprivileged user: open the stage
	chmod 755 "$RA_STAGE"
	mkdir -p "$d"
	echo "<html><body><p>$WEB_TOKEN</p></body></html>" >"$d/index.html"
	echo "$d"
}

web_fetch() {
	ip netns exec "$RA_NETNS" curl -sS --max-time 5 "$1" 2>&1
}

web_serves() {
	local out
	out=$(web_fetch "$2")
	if echo "$out" | grep -Eq -- "$3"; then
		ok "$1"
	else
		fail "$1"
		echo "$out" | head -5 | sed 's/^/#   /'
	fi
}

apache_program() {
	local p
	for p in apache2 httpd /usr/sbin/apache2 /usr/sbin/httpd; do
		command -v "$p" 2>/dev/null && return 0
	done
	return 1
}

# Modules the minimal configuration needs, loaded unless built in.
apache_load_modules() {
	local httpd=$1 dir m builtin
	builtin=$("$httpd" -l 2>/dev/null)
	for dir in /usr/lib/apache2/modules /usr/lib64/httpd/modules /usr/lib/httpd/modules; do
		[ -d "$dir" ] && break
	done
	for m in mpm_event unixd authz_core authz_host dir status; do
		echo "$builtin" | grep -qE "^ *(mod_$m|${m#mpm_})\.c$" && continue
		# one processing module only: the built-in one if any
		[ "$m" = mpm_event ] && echo "$builtin" | grep -qE "^ *(event|prefork|worker)\.c$" && continue
		[ -f "$dir/mod_$m.so" ] && echo "LoadModule ${m}_module $dir/mod_$m.so"
	done
}

# apache_write_conf FILE PORT [EXTRA LINES]: listens on 127.0.0.1:PORT,
# serves web_root, mod_status at /server-status, logs in the stage.
apache_write_conf() {
	local file=$1 port=$2 extra=${3:-} httpd
	httpd=$(apache_program)
	{
		echo "ServerRoot $RA_STAGE"
		echo "ServerName localhost"
		apache_load_modules "$httpd"
		cat <<-EOF
			User nobody
			Group #65534
			Listen 127.0.0.1:$port
			DefaultRuntimeDir $RA_STAGE
			ErrorLog $RA_STAGE/apache-error.log
			DocumentRoot $(web_root)
			DirectoryIndex index.html
			<Location /server-status>
			    SetHandler server-status
			    Require ip 127.0.0.1 ::1
			</Location>
			$extra
		EOF
	} >"$file"
}

stage_pids() {
	pgrep -f -- "$RA_STAGE" | grep -vx "$$"
}

# nginx_write_conf DIR PORT: DIR/nginx.conf listening on 127.0.0.1:PORT,
# its server block included from DIR/conf.d, stub_status at /nginx_status,
# pid file, logs and temporary files in DIR.
nginx_write_conf() {
	local dir=$1 port=$2 group=nogroup t
	getent group nogroup >/dev/null || group=nobody
	mkdir -p "$dir/conf.d" "$dir/tmp"
	cat >"$dir/nginx.conf" <<-EOF
		# a private instance for the agent tests
		user nobody $group;
		worker_processes 2;
		pid $dir/nginx.pid;
		error_log $dir/error.log;
		events { worker_connections 64; }
		http {
		    access_log off;
		    $(for t in client_body proxy fastcgi uwsgi scgi; do printf '%s_temp_path %s/tmp/%s; ' "$t" "$dir" "$t"; done)
		    include conf.d/*.conf;
		}
	EOF
	cat >"$dir/conf.d/site.conf" <<-EOF
		server {
		    listen 127.0.0.1:$port;
		    root $(web_root);
		    location = /nginx_status { stub_status; allow 127.0.0.1; deny all; }
		}
	EOF
}
