# Shared by tests/ipaddr2.sh and tests/ipaddr.sh (sourced after ralib.sh):
# two network namespaces, "node" where the agent runs and "peer" that
# looks at the node from the network, joined by a veth pair.
#
#   node  IPT_NIC  192.0.2.1/24  2001:db8:7::1/64
#   peer  IPT_PEER_NIC  192.0.2.2/24  2001:db8:7::2/64
# shellcheck shell=bash

ipt_setup() {
	ra_require_root
	command -v ip >/dev/null || skip_all "ip (iproute2) is not installed"
	command -v ping >/dev/null || skip_all "ping (iputils-ping) is not installed"
	# not NS=$(ra_netns ...): a subshell would not register it for removal
	if ! ra_netns node >/dev/null || ! ra_netns peer >/dev/null; then
		echo "Bail out! cannot create network namespaces"
		exit 99
	fi
	IPT_NODE=ra-$$-node IPT_PEER=ra-$$-peer
	IPT_NIC=rv$$n IPT_PEER_NIC=rv$$p
	ip link add "$IPT_NIC" netns "$IPT_NODE" type veth peer name "$IPT_PEER_NIC" netns "$IPT_PEER" ||
		{ echo "Bail out! cannot create a veth pair"; exit 99; }
	ipt_address "$IPT_NODE" "$IPT_NIC" 1
	ipt_address "$IPT_PEER" "$IPT_PEER_NIC" 2
}

# ipt_address NS DEV HOST: the fixed addresses of one end.
ipt_address() {
	ip -n "$1" addr add "192.0.2.$3/24" dev "$2"
	ip -n "$1" addr add "2001:db8:7::$3/64" dev "$2" nodad
	ip -n "$1" link set "$2" up
}

# Brings the node's link back after a test took it down; IPv6 drops the
# addresses of a link that goes down, so the fixed one comes back too.
ipt_link_up() {
	ip -n "$IPT_NODE" link set "$IPT_NIC" up
	ip -n "$IPT_NODE" addr replace 2001:db8:7::1/64 dev "$IPT_NIC" nodad
}

# ipt_has NAME ADDR/PREFIX: the node has the address on the interface, or
# under the label, NAME.
ipt_has() {
	ip -n "$IPT_NODE" -o addr show | awk -v name="$1" -v addr="$2" '
	{ label = ""; for (i = 5; i <= NF; i++) if ($i ~ /\\$/) { label = $i; sub(/\\$/, "", label); break } }
	$4 == addr && ($2 == name || label == name) { found = 1 }
	END { exit !found }'
}

# How many times the node carries ADDR (any prefix, any interface).
ipt_count() {
	ip -n "$IPT_NODE" -o addr show | awk -v addr="$1" '{ a = $4; sub(/\/.*/, "", a) } a == addr' | wc -l
}

ipt_hasnt() {
	[ "$(ipt_count "$1")" -eq 0 ]
}

ipt_ping() {
	ip netns exec "$IPT_PEER" ping -c1 -W2 -q "$1" >/dev/null 2>&1
}

# ipt_reason_has DESC WORD: the last action's exit reason mentions WORD.
ipt_reason_has() {
	local reason
	reason=$(ra_exit_reason)
	case "$reason" in
	*"$2"*) ok "$1" ;;
	*) fail "$1 (reason: '$reason')" ;;
	esac
}

ipt_meta_data() {
	local xml=$RA_STAGE/meta.xml
	is_rc "meta-data" 0 "$1" meta-data
	ra_run "$1" meta-data >"$xml"
	if command -v xmllint >/dev/null; then
		check "meta-data is well-formed XML" xmllint --noout "$xml"
	fi
	check "meta-data names the agent" grep -q "<resource-agent name=\"$1\"" "$xml"
	check "meta-data: ip is required and unique" grep -q '<parameter name="ip" unique="1" required="1">' "$xml"
}

# Configuration errors every virtual IP agent reports with exit 6 and a
# reason that names the culprit.
ipt_config_errors() {
	local a=$1
	is_rc "$a: ip missing" 6 "$a" validate-all nic="$IPT_NIC"
	ipt_reason_has "$a: the reason names ip" "ip"
	is_rc "$a: ip 192.0.2.300" 6 "$a" validate-all ip=192.0.2.300 nic="$IPT_NIC"
	ipt_reason_has "$a: the reason names the bad address" "192.0.2.300"
	is_rc "$a: start with ip 'bogus'" 6 "$a" start ip=bogus nic="$IPT_NIC"
	ipt_reason_has "$a: the reason names the parameter" "(parameter ip)"
	is_rc "$a: nic that does not exist" 6 "$a" start ip=192.0.2.100 nic=nosuch0
	ipt_reason_has "$a: the reason names the interface" "nosuch0"
	is_rc "$a: no interface has a route to the address" 6 "$a" start ip=198.51.100.7
	ipt_reason_has "$a: the reason names the address" "198.51.100.7"
	is_rc "$a: probe with a nic that does not exist" 7 "$a" monitor ip=192.0.2.100 nic=nosuch0
	is_rc "$a: stop with a nic that does not exist" 0 "$a" stop ip=192.0.2.100 nic=nosuch0
}

# ipt_missing_ip AGENT PARAM...: without ip(8) an action cannot work (5),
# and a probe finds nothing (7).
ipt_missing_ip() {
	local a=$1
	shift
	IP2UTIL=/nonexistent/ip is_rc "$a: ip program missing: start" 5 "$a" start "$@"
	ipt_reason_has "$a: the reason names the program" "/nonexistent/ip"
	IP2UTIL=/nonexistent/ip is_rc "$a: ip program missing: probe" 7 "$a" monitor "$@"
	check "$a: nothing was added" ipt_hasnt 192.0.2.100
}

# ipt_arp_tests AGENT BACKGROUND_KEY PARAM...: gratuitous ARP through
# arping.  The peer accepts gratuitous ARP into its neighbour table, so an
# entry for the address with the node's MAC proves the announcement went
# out.
ipt_arp_tests() {
	local a=$1 bg=$2 mac t0 t1 pidfile
	shift 2
	if ! command -v arping >/dev/null; then
		ok "$a: gratuitous ARP # SKIP arping (iputils-arping) is not installed"
		return
	fi
	ip netns exec "$IPT_PEER" sysctl -qw "net.ipv4.conf.$IPT_PEER_NIC.arp_accept=1"
	ip -n "$IPT_PEER" neigh flush dev "$IPT_PEER_NIC"
	mac=$(ip -n "$IPT_NODE" -o link show "$IPT_NIC" | sed 's|.*link/ether \([^ ]*\).*|\1|')
	: >"$HA_LOGFILE"
	is_rc "$a: start, ARP in the foreground" 0 "$a" start "$@" "$bg=false"
	check "$a: the peer learned the address from the gratuitous ARP" \
		sh -c "ip -n $IPT_PEER neigh show 192.0.2.100 | grep -q 'lladdr $mac'"
	check "$a: the log says arping ran" grep -q "gratuitous ARP for 192.0.2.100 sent on $IPT_NIC: .*arping.* -U" "$HA_LOGFILE"
	is_rc "$a: stop" 0 "$a" stop "$@"

	t0=$(date +%s%N)
	is_rc "$a: start, ARP in the background" 0 "$a" start "$@" "$bg=true" ARP_REPEAT=5 arp_count=5
	t1=$(date +%s%N)
	check "$a: the start did not wait for the ARP packets" test $(((t1 - t0) / 1000000)) -lt 2500
	pidfile=$HA_RSCTMP/send_arp-192.0.2.100
	check "$a: the background sender runs" sh -c "sleep 0.3; kill -0 \$(cat $pidfile)"
	is_rc "$a: stop ends the sender" 0 "$a" stop "$@"
	sleep 0.2
	check "$a: no sender left in the namespace" sh -c "! ip netns pids $IPT_NODE | xargs -r ps -o comm= -p | grep -q arping"
	check "$a: its pid file is gone" test ! -e "$pidfile"

	ARPING=/nonexistent/arping is_rc "$a: start without arping still works" 0 "$a" start "$@" "$bg=false"
	check "$a: with a warning" grep -q "WARNING: no ARP sender" "$RA_STDERR"
	check "$a: the address is there" ipt_has "$IPT_NIC" 192.0.2.100/24
	is_rc "$a: stop" 0 "$a" stop "$@"
}
