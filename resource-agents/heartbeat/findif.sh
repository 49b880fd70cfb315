# findif.sh: what IPaddr2 and IPaddr share about a virtual IP address.
#
# Checking address, prefix and interface syntax; finding the interface and
# prefix for an address from the routing table when the configuration does
# not name them; adding and removing the address with ip(8); the
# gratuitous ARP that tells the neighbours where the address went; the
# IPv6 duplicate address wait; the LVS loopback swap.  Sourced after
# ocf-shellfuncs.  Everything works on the current network namespace.
#
# The agents fill these in before calling the functions below:
#   IPA_FAMILY  inet or inet6        IPA_ADDR    the address
#   IPA_NIC     base interface       IPA_PREFIX  prefix length
# shellcheck shell=sh disable=SC3043

# Longest interface name the kernel takes (IFNAMSIZ less the NUL); an
# address label is held to the same limit.
IPA_IFNAMSIZ=15

# ---------------------------------------------------------------- syntax

ipa_is_ipv4() {
	local IFS=. octet
	case "$1" in
	"" | *[!0-9.]* | .* | *. | *..*) return 1 ;;
	esac
	# shellcheck disable=SC2086
	set -- $1
	[ $# -eq 4 ] || return 1
	for octet; do
		[ ${#octet} -le 3 ] && [ "$octet" -le 255 ] || return 1
	done
}

# Colon-hex groups, at most one "::", optionally ending in a dotted quad.
ipa_is_ipv6() {
	local a="$1" IFS=: group n=0 max=8
	case "$a" in
	"" | *[!0-9a-fA-F:.]* | *:::* | *::*::* | :[!:]* | *[!:]:) return 1 ;;
	*:*:*) ;;
	*) return 1 ;;
	esac
	case "${a##*:}" in
	*.*)
		ipa_is_ipv4 "${a##*:}" || return 1
		a="${a%:*}:0:0" # the dotted quad takes the room of two groups
		;;
	esac
	case "$a" in *::*) max=7 ;; esac
	for group in $a; do
		[ -n "$group" ] || continue
		case "$group" in ?????* | *.*) return 1 ;; esac
		n=$((n + 1))
	done
	[ "$n" -le "$max" ] && { [ "$max" -eq 7 ] || [ "$n" -eq 8 ]; }
}

# Prints inet or inet6 for a valid address; fails for anything else.
ipa_family_of() {
	if ipa_is_ipv4 "$1"; then
		echo inet
	elif ipa_is_ipv6 "$1"; then
		echo inet6
	else
		return 1
	fi
}

# ipa_prefix_len MASK FAMILY: prints the prefix length of MASK, given as a
# length (0..32 or 0..128) or, for IPv4, as a dotted quad (255.255.255.0).
ipa_prefix_len() {
	local max=32
	[ "$2" = inet ] || max=128
	if ocf_is_decimal "$1" && [ ${#1} -le 3 ] && [ "$1" -le "$max" ]; then
		echo "$(($1 + 0))"
	elif [ "$2" = inet ] && ipa_is_ipv4 "$1"; then
		ipa_dotted_prefix "$1"
	else
		return 1
	fi
}

# A dotted netmask is a run of one bits then zeros: count them.
ipa_dotted_prefix() {
	local IFS=. octet bits=0 ended=0
	# shellcheck disable=SC2086
	set -- $1
	for octet; do
		[ "$ended" -eq 0 ] || [ "$octet" -eq 0 ] || return 1
		case "$octet" in
		255) bits=$((bits + 8)) ;;
		254 | 252 | 248 | 240 | 224 | 192 | 128 | 0)
			bits=$((bits + $(ipa_octet_bits "$octet")))
			ended=1
			;;
		*) return 1 ;;
		esac
	done
	echo "$bits"
}

ipa_octet_bits() {
	case "$1" in
	254) echo 7 ;; 252) echo 6 ;; 248) echo 5 ;; 240) echo 4 ;;
	224) echo 3 ;; 192) echo 2 ;; 128) echo 1 ;; *) echo 0 ;;
	esac
}

# Interface names and labels: printable, no blanks or slashes.
ipa_is_ifname() {
	case "$1" in
	"" | *[!A-Za-z0-9_.:@-]*) return 1 ;;
	*) [ ${#1} -le $IPA_IFNAMSIZ ] ;;
	esac
}

# ------------------------------------------------------------ the system

# The ip(8) binary is the one thing both agents cannot work without.  A
# probe on a node without it learns the address is not there.
ipa_require_ip() {
	have_binary "$IP2UTIL" && return 0
	if ocf_is_probe; then
		ocf_log info "$IP2UTIL is not installed: $IPA_ADDR cannot be active here"
		exit "$OCF_NOT_RUNNING"
	fi
	check_binary "$IP2UTIL"
}

ipa_nic_exists() {
	"$IP2UTIL" link show dev "$1" >/dev/null 2>&1
}

# ipa_findif FAMILY ADDR [NIC] [PREFIX]: prints "NIC PREFIX" of the most
# specific directly connected route that covers ADDR (on NIC only, when
# given).  Gatewayed routes do not count: the address must sit on the
# link itself.
ipa_findif() {
	local family="$1" match="$2${4:+/$4}"
	"$IP2UTIL" -o -f "$family" route list match "$match" 2>/dev/null | awk -v nic="$3" '
	/ via / || $1 == "default" { next }
	{
		dev = ""
		for (i = 1; i < NF; i++) if ($i == "dev") dev = $(i + 1)
		if (dev == "" || (nic != "" && dev != nic)) next
		len = $1
		if (sub(/.*\//, "", len) == 0) len = (index($1, ":") ? 128 : 32)
		if (best == "" || len + 0 > best + 0) { best = len; bestdev = dev }
	}
	END { if (best == "") exit 1; print bestdev, best }'
}

# ipa_holders FAMILY ADDR: one line "NIC PREFIX FLAGS..." per interface
# that carries ADDR now (FLAGS: secondary, tentative, dadfailed...).
ipa_holders() {
	"$IP2UTIL" -o -f "$1" addr show to "$2" 2>/dev/null | awk '
	{
		nic = $2; sub(/@.*/, "", nic)
		prefix = $4; if (sub(/.*\//, "", prefix) == 0) prefix = ""
		flags = ""
		for (i = 5; i <= NF && $i !~ /\\$/ && $i != "valid_lft"; i++)
			if ($i != "scope" && $(i - 1) != "scope" && $i != "brd" && $(i - 1) != "brd")
				flags = flags " " $i
		print nic, prefix flags
	}'
}

# ipa_held_on NIC: the prefix of IPA_ADDR on NIC (on any interface but the
# loopback when NIC is empty), as "NIC PREFIX"; fails when not there.
ipa_held_on() {
	ipa_holders "$IPA_FAMILY" "$IPA_ADDR" | awk -v nic="$1" '
	(nic == "" && $1 !~ /^lo/) || $1 == nic { print $1, $2; found = 1; exit }
	END { exit !found }'
}

# up, down (switched off) or nocarrier (on, but no link beneath it).
ipa_link_state() {
	local flags
	flags=$("$IP2UTIL" -o link show dev "$1" 2>/dev/null) || {
		echo missing
		return
	}
	flags=",${flags#*<}"
	flags="${flags%%>*},"
	case "$flags" in
	*,UP,*) ;;
	*)
		echo down
		return
		;;
	esac
	case "$flags" in
	*,LOWER_UP,*) echo up ;;
	*) echo nocarrier ;;
	esac
}

# ------------------------------------------------------ adding, removing

# ipa_add BROADCAST LABEL [OPTION...]: adds IPA_ADDR/IPA_PREFIX to IPA_NIC
# and brings the interface up.  BROADCAST and LABEL may be empty; OPTIONs
# go to "ip addr add" as they are (nodad, noprefixroute, preferred_lft N).
ipa_add() {
	local brd="$1" label="$2"
	shift 2
	set -- "$IP2UTIL" -f "$IPA_FAMILY" addr add "$IPA_ADDR/$IPA_PREFIX" ${brd:+brd "$brd"} \
		dev "$IPA_NIC" ${label:+label "$label"} "$@"
	ocf_log info "adding $IPA_ADDR/$IPA_PREFIX to $IPA_NIC${label:+ (label $label)}"
	ocf_run "$@" || return "$OCF_ERR_GENERIC"
	ocf_run -q "$IP2UTIL" link set dev "$IPA_NIC" up || return "$OCF_ERR_GENERIC"
}

# ipa_del NIC PREFIX
ipa_del() {
	ocf_log info "removing $IPA_ADDR/$2 from $1"
	ocf_run "$IP2UTIL" -f "$IPA_FAMILY" addr del "$IPA_ADDR/$2" dev "$1"
}

# ipa_del_all NIC: removes IPA_ADDR from NIC (from every interface but the
# loopback when NIC is empty).  Fails if one removal failed.
ipa_del_all() {
	local held rc=0
	while held=$(ipa_held_on "$1"); do
		# shellcheck disable=SC2086
		ipa_del $held || {
			rc=$?
			break
		}
	done
	return $rc
}

# IPv6 checks a new address for duplicates before using it ("tentative");
# wait for the verdict so a start reports a clash instead of hiding it.
ipa_wait_dad() {
	local i=0 state
	while [ $i -lt 50 ]; do
		state=$(ipa_holders "$IPA_FAMILY" "$IPA_ADDR" | awk -v nic="$IPA_NIC" '$1 == nic')
		case "$state" in
		*dadfailed*)
			ocf_exit_reason "%s is already used by another host on %s (IPv6 duplicate address detection)" \
				"$IPA_ADDR" "$IPA_NIC"
			ipa_del "$IPA_NIC" "$IPA_PREFIX"
			return "$OCF_ERR_GENERIC"
			;;
		*tentative*) ;;
		*) return 0 ;;
		esac
		sleep 0.2
		i=$((i + 1))
	done
	ocf_log warn "$IPA_ADDR on $IPA_NIC is still tentative after 10 s of duplicate address detection"
}

# -------------------------------------------------------- gratuitous ARP

# Where a background ARP sender keeps its pid, so stop can end it.
ipa_arp_pidfile() {
	echo "${HA_RSCTMP%/}/send_arp-$IPA_ADDR"
}

# ipa_arp_command SENDER COUNT INTERVAL_MS OPTS: prints the command that
# announces IPA_ADDR on IPA_NIC (program first).
ipa_arp_command() {
	local secs=$((($3 + 999) / 1000)) prog="$ARPING" args
	case "$1" in
	libnet_arping) args="$4 -U -c $2 -i $IPA_NIC -S $IPA_ADDR $IPA_ADDR" ;;
	ipoibarping)
		prog=ipoibarping
		args="$4 -q -c $2 -U -I $IPA_NIC $IPA_ADDR"
		;;
	*) args="$4 -U -c $2${secs:+ -i $secs} -I $IPA_NIC $IPA_ADDR" ;;
	esac
	echo "$prog $args"
}

# ipa_arp_run COMMAND...: runs an ARP sender, logs how it went.  Never
# fails: neighbours that miss the announcement learn the address later.
ipa_arp_run() {
	local out rc
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		ocf_log info "gratuitous ARP for $IPA_ADDR sent on $IPA_NIC: $*"
	else
		ocf_log warn "gratuitous ARP for $IPA_ADDR on $IPA_NIC failed (exit $rc): $(echo "$out" | tail -1)"
	fi
	return 0
}

# ipa_arp_send SENDER COUNT INTERVAL_MS BACKGROUND OPTS: tells the
# neighbours that IPA_ADDR now lives on IPA_NIC.  Without an ARP program
# the address still works: warn and go on.
ipa_arp_send() {
	local cmd pidfile
	[ "$2" -gt 0 ] 2>/dev/null || return 0
	case "$IPA_NIC" in lo*) return 0 ;; esac
	cmd=$(ipa_arp_command "$1" "$2" "$3" "$5")
	if ! have_binary "${cmd%% *}"; then
		ocf_log warn "no ARP sender installed (${cmd%% *} not found): neighbours of $IPA_NIC are not told that $IPA_ADDR moved here"
		return 0
	fi
	if ! ocf_is_true "$4"; then
		# shellcheck disable=SC2086
		ipa_arp_run $cmd
		return 0
	fi
	pidfile=$(ipa_arp_pidfile)
	[ -d "${pidfile%/*}" ] || mkdir -p "${pidfile%/*}"
	# The background sender must not hold the executor's pipes open.
	(
		# shellcheck disable=SC2086
		$cmd >"$pidfile.out" 2>&1 &
		echo $! >"$pidfile"
		wait $!
		ipa_arp_report $? "$pidfile" "$cmd"
	) </dev/null >/dev/null 2>&1 &
}

ipa_arp_report() {
	if [ ! -f "$2" ]; then
		: # ended by a stop on purpose
	elif [ "$1" -eq 0 ]; then
		ocf_log info "gratuitous ARP for $IPA_ADDR sent on $IPA_NIC: $3"
	else
		ocf_log warn "gratuitous ARP for $IPA_ADDR on $IPA_NIC failed (exit $1): $(tail -1 "$2.out")"
	fi
	rm -f "$2" "$2.out"
}

# Ends a background ARP sender still announcing the address.
ipa_arp_stop() {
	local pidfile pid
	pidfile=$(ipa_arp_pidfile)
	[ -f "$pidfile" ] || return 0
	read -r pid <"$pidfile"
	rm -f "$pidfile" "$pidfile.out"
	if ocf_is_decimal "$pid" && kill "$pid" 2>/dev/null; then
		ocf_log info "stopped the ARP sender of $IPA_ADDR (pid $pid)"
	fi
}

# ipa_arp_in_use: true when another host answers for IPA_ADDR on IPA_NIC
# (ARP duplicate address probe).  Unknown (no arping) counts as free.
ipa_arp_in_use() {
	have_binary "$ARPING" || {
		ocf_log warn "$ARPING is not installed: cannot check whether $IPA_ADDR is free"
		return 1
	}
	"$ARPING" -q -c 2 -w 3 -D -I "$IPA_NIC" "$IPA_ADDR" >/dev/null 2>&1
	[ $? -eq 1 ]
}

# ---------------------------------------------------------- LVS direct routing

# A real server of LVS-DR keeps the virtual address on its loopback; the
# director must own it on the network instead.  Start moves it off lo and
# remembers it, stop puts it back.
ipa_lvs_file() {
	echo "${HA_RSCTMP%/}/${__SCRIPT_NAME}-lvs-$IPA_ADDR"
}

ipa_lvs_take_from_lo() {
	local held
	held=$(ipa_holders "$IPA_FAMILY" "$IPA_ADDR" | awk '$1 ~ /^lo/ { print $1, $2; exit }')
	[ -n "$held" ] || return 0
	echo "$held" >"$(ipa_lvs_file)"
	# shellcheck disable=SC2086
	ipa_del $held
}

ipa_lvs_restore_lo() {
	local file nic prefix
	file=$(ipa_lvs_file)
	[ -s "$file" ] || return 0
	read -r nic prefix <"$file"
	ocf_log info "giving $IPA_ADDR/$prefix back to $nic (LVS real server)"
	ocf_run "$IP2UTIL" -f "$IPA_FAMILY" addr add "$IPA_ADDR/$prefix" dev "$nic"
	rm -f "$file"
}

# ---------------------------------------------------------- configuration

# A configuration that cannot work here.  Start and validate-all fail with
# it; a monitor finds an address that cannot be configured not running
# (an interface that vanished is a failure to recover from, not a reason
# to ban the resource); a stop has nothing to remove.
ipa_config_error() {
	case "$__OCF_ACTION" in
	stop)
		ocf_log warn "$*: nothing to remove"
		exit "$OCF_SUCCESS"
		;;
	monitor | status)
		ocf_log info "$*: not running"
		exit "$OCF_NOT_RUNNING"
		;;
	esac
	ocf_exit_reason "%s" "$*"
	exit "$OCF_ERR_CONFIGURED"
}

# ipa_check_number NAME MIN: parameter NAME must be a whole number >= MIN.
ipa_check_number() {
	local value
	eval "value=\${OCF_RESKEY_$1:-}"
	ocf_is_decimal "$value" && [ "$value" -ge "$2" ] && return 0
	ipa_config_error "$1 must be a whole number of at least $2 (got '$value')"
}

ipa_check_boolean() {
	local value
	eval "value=\${OCF_RESKEY_$1:-}"
	case "$value" in
	[Tt][Rr][Uu][Ee] | [Ff][Aa][Ll][Ss][Ee] | [Yy][Ee][Ss] | [Nn][Oo] | [Oo][Nn] | [Oo][Ff][Ff] | [Yy] | [Nn] | 1 | 0) ;;
	*) ipa_config_error "$1 must be true or false (got '$value')" ;;
	esac
}

# ipa_resolve NIC PREFIX: fills IPA_NIC and IPA_PREFIX from the configured
# values, looking up in the routing table what is missing.
ipa_resolve() {
	local found
	IPA_NIC="$1" IPA_PREFIX="$2"
	if [ -n "$IPA_NIC" ] && ! ipa_nic_exists "$IPA_NIC"; then
		ipa_config_error "interface '$IPA_NIC' (parameter nic) does not exist on $(uname -n)"
	fi
	[ -z "$IPA_NIC" ] || [ -z "$IPA_PREFIX" ] || return 0
	if ! found=$(ipa_findif "$IPA_FAMILY" "$IPA_ADDR" "$IPA_NIC" "$IPA_PREFIX"); then
		ipa_config_error "no interface${IPA_NIC:+ named $IPA_NIC} has a route to $IPA_ADDR${IPA_PREFIX:+/$IPA_PREFIX}: set nic and cidr_netmask"
	fi
	IPA_NIC="${found% *}"
	[ -n "$IPA_PREFIX" ] || IPA_PREFIX="${found#* }"
}

# ipa_check_monitor NIC: the verdict of a monitor: 0 when IPA_ADDR is on
# NIC (any interface but lo when empty) and that link is up, 7 when the
# address is not there, 1 when its link is down.
ipa_check_monitor() {
	local held state
	held=$(ipa_held_on "$1") || return "$OCF_NOT_RUNNING"
	state=$(ipa_link_state "${held% *}")
	[ "$state" = up ] && return "$OCF_SUCCESS"
	ocf_exit_reason "%s is on %s, but that interface is %s" "$IPA_ADDR" "${held% *}" \
		"$(echo "$state" | sed 's/nocarrier/without carrier/')"
	return "$OCF_ERR_GENERIC"
}
