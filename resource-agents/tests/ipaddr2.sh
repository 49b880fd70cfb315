#!/bin/bash
# IPaddr2: a virtual address in a private network namespace "node", seen
# and pinged from a second namespace "peer" at the other end of a veth.
. "$(dirname "$0")/ralib.sh"
. "$(dirname "$0")/iptest.sh"

ipt_setup
NODE_NS=$IPT_NODE
VIP=192.0.2.100
VIP2=192.0.2.101
P=("ip=$VIP" "nic=$IPT_NIC" cidr_netmask=24)

# shellcheck disable=SC2034 # ralib.sh runs the agents there
RA_NETNS=$NODE_NS
ipt_meta_data IPaddr2

# --- life cycle
is_rc "validate-all" 0 IPaddr2 validate-all "${P[@]}"
is_rc "probe of a stopped address: not running" 7 IPaddr2 monitor "${P[@]}"
is_rc "start" 0 IPaddr2 start "${P[@]}"
is_rc "start again: still fine" 0 IPaddr2 start "${P[@]}"
is_rc "monitor" 0 IPaddr2 monitor "${P[@]}" CRM_meta_interval=10000
is_rc "status" 0 IPaddr2 status "${P[@]}"
check "the address is on $IPT_NIC with its prefix" ipt_has "$IPT_NIC" "$VIP/24"
check "the address answers ping from the peer" ipt_ping "$VIP"
check "the address is there once only" test "$(ipt_count "$VIP")" = 1
is_rc "stop" 0 IPaddr2 stop "${P[@]}"
check "the address is gone" ipt_hasnt "$VIP"
check "no answer to ping after stop" sh -c "! ip netns exec $IPT_PEER ping -c1 -W1 -q $VIP >/dev/null 2>&1"
is_rc "stop again: still fine" 0 IPaddr2 stop "${P[@]}"
is_rc "monitor after stop: not running" 7 IPaddr2 monitor "${P[@]}" CRM_meta_interval=10000
is_rc "status after stop" 7 IPaddr2 status "${P[@]}"

# --- where the address goes
is_rc "start with a label" 0 IPaddr2 start ip=$VIP nic="$IPT_NIC" cidr_netmask=24 iflabel=web
check "the label shows as $IPT_NIC:web" ipt_has "$IPT_NIC:web" "$VIP/24"
is_rc "stop the labelled address" 0 IPaddr2 stop ip=$VIP nic="$IPT_NIC" iflabel=web
is_rc "nic in the older nic:label form" 0 IPaddr2 start ip=$VIP nic="$IPT_NIC:old" cidr_netmask=24
check "the label shows as $IPT_NIC:old" ipt_has "$IPT_NIC:old" "$VIP/24"
is_rc "stop it" 0 IPaddr2 stop ip=$VIP nic="$IPT_NIC:old"

is_rc "start with neither nic nor cidr_netmask" 0 IPaddr2 start ip=$VIP
check "interface and prefix found from the route" ipt_has "$IPT_NIC" "$VIP/24"
is_rc "monitor it" 0 IPaddr2 monitor ip=$VIP CRM_meta_interval=10000
is_rc "stop it" 0 IPaddr2 stop ip=$VIP
check "the address is gone" ipt_hasnt "$VIP"
is_rc "a prefix given, the interface found" 0 IPaddr2 start ip=$VIP cidr_netmask=32
check "the address has prefix /32" ipt_has "$IPT_NIC" "$VIP/32"
is_rc "stop it" 0 IPaddr2 stop ip=$VIP cidr_netmask=32

OCF_RESOURCE_INSTANCE=vip1 is_rc "first of two addresses" 0 IPaddr2 start "${P[@]}"
OCF_RESOURCE_INSTANCE=vip2 is_rc "second of two addresses" 0 IPaddr2 start ip=$VIP2 nic="$IPT_NIC"
check "both addresses are there" sh -c "ip -n $NODE_NS -o addr show | grep -q ' $VIP/' && ip -n $NODE_NS -o addr show | grep -q ' $VIP2/'"
OCF_RESOURCE_INSTANCE=vip1 is_rc "stop the first" 0 IPaddr2 stop "${P[@]}"
check "the second stays" ipt_has "$IPT_NIC" "$VIP2/24"
check "the first is gone" ipt_hasnt "$VIP"
check "the second still answers ping" ipt_ping "$VIP2"
OCF_RESOURCE_INSTANCE=vip2 is_rc "monitor the second" 0 IPaddr2 monitor ip=$VIP2 nic="$IPT_NIC" CRM_meta_interval=10000
OCF_RESOURCE_INSTANCE=vip1 is_rc "monitor the first: not running" 7 IPaddr2 monitor "${P[@]}" CRM_meta_interval=10000
OCF_RESOURCE_INSTANCE=vip2 is_rc "stop the second" 0 IPaddr2 stop ip=$VIP2 nic="$IPT_NIC"

is_rc "noprefixroute" 0 IPaddr2 start "${P[@]}" noprefixroute=true
check "the address carries the noprefixroute flag" sh -c "ip -n $NODE_NS -o addr show to $VIP | grep -q noprefixroute"
is_rc "stop with flush_routes" 0 IPaddr2 stop "${P[@]}" flush_routes=true
check "the address is gone" ipt_hasnt "$VIP"

# LVS direct routing: a real server keeps the address on lo
ip -n "$NODE_NS" addr add "$VIP/32" dev lo
is_rc "lvs_support: start takes the address from lo" 0 IPaddr2 start "${P[@]}" lvs_support=true
check "the address left lo" test "$(ipt_count "$VIP")" = 1
check "the address is on $IPT_NIC" ipt_has "$IPT_NIC" "$VIP/24"
is_rc "lvs_support: stop" 0 IPaddr2 stop "${P[@]}" lvs_support=true
check "the address is back on lo" sh -c "ip -n $NODE_NS -o addr show dev lo to $VIP | grep -q '$VIP/32'"
ip -n "$NODE_NS" addr del "$VIP/32" dev lo

# --- failures
is_rc "start, then the link goes down" 0 IPaddr2 start "${P[@]}"
ip -n "$NODE_NS" link set "$IPT_NIC" down
is_rc "monitor on a link that is down: failed" 1 IPaddr2 monitor "${P[@]}" CRM_meta_interval=10000
ipt_reason_has "the reason names the interface" "$IPT_NIC"
is_rc "stop on a link that is down" 0 IPaddr2 stop "${P[@]}"
check "the address is gone" ipt_hasnt "$VIP"
ipt_link_up

RA_NETNS=$IPT_PEER is_rc "probe on a node without the address" 7 IPaddr2 monitor ip=$VIP
ipt_config_errors IPaddr2
is_rc "cidr_netmask 33" 6 IPaddr2 validate-all ip=$VIP nic="$IPT_NIC" cidr_netmask=33
ipt_reason_has "the reason names cidr_netmask" cidr_netmask
is_rc "label too long" 6 IPaddr2 validate-all ip=$VIP nic="$IPT_NIC" iflabel=muchtoolong
ipt_reason_has "the reason names iflabel" iflabel
is_rc "unknown arp_sender" 6 IPaddr2 validate-all "${P[@]}" arp_sender=carrier-pigeon
ipt_reason_has "the reason names arp_sender" arp_sender
is_rc "arp_count 0" 6 IPaddr2 validate-all "${P[@]}" arp_count=0
is_rc "load-sharing clone" 6 IPaddr2 validate-all "${P[@]}" CRM_meta_clone_max=2
is_rc "namespace that does not exist" 6 IPaddr2 validate-all "${P[@]}" network_namespace=ra-$$-none
is_rc "unknown action" 3 IPaddr2 frobnicate "${P[@]}"
ipt_missing_ip IPaddr2 "${P[@]}"

# --- clone instance addresses
is_rc "unique clone address, instance 2" 0 IPaddr2 start "${P[@]}" unique_clone_address=true \
	CRM_meta_clone_max=3 CRM_meta_clone=2 CRM_meta_globally_unique=true
check "instance 2 manages $VIP + 2" ipt_has "$IPT_NIC" "192.0.2.102/24"
is_rc "stop instance 2" 0 IPaddr2 stop "${P[@]}" unique_clone_address=true \
	CRM_meta_clone_max=3 CRM_meta_clone=2 CRM_meta_globally_unique=true
check "its address is gone" ipt_hasnt 192.0.2.102

# --- from outside the namespace
RA_NETNS="" is_rc "network_namespace: start from outside" 0 IPaddr2 start "${P[@]}" network_namespace="$NODE_NS"
check "the address is inside the namespace" ipt_has "$IPT_NIC" "$VIP/24"
RA_NETNS="" is_rc "network_namespace: monitor" 0 IPaddr2 monitor "${P[@]}" network_namespace="$NODE_NS" CRM_meta_interval=10000
RA_NETNS="" is_rc "network_namespace: stop" 0 IPaddr2 stop "${P[@]}" network_namespace="$NODE_NS"
check "the address is gone" ipt_hasnt "$VIP"

# --- IPv6
V6=2001:db8:7::100
is_rc "IPv6: start, interface and prefix found" 0 IPaddr2 start ip=$V6 nodad=true
check "IPv6: the address is on $IPT_NIC" ipt_has "$IPT_NIC" "$V6/64"
check "IPv6: it answers ping from the peer" ipt_ping "$V6"
is_rc "IPv6: monitor, written another way" 0 IPaddr2 monitor ip=2001:db8:7:0:0:0:0:100 CRM_meta_interval=10000
is_rc "IPv6: stop" 0 IPaddr2 stop ip=$V6
check "IPv6: the address is gone" ipt_hasnt "$V6"
is_rc "IPv6: with duplicate address detection" 0 IPaddr2 start ip=2001:db8:7::101 nic="$IPT_NIC" cidr_netmask=64
check "IPv6: the address left the tentative state" sh -c "ip -n $NODE_NS -o addr show to 2001:db8:7::101 | grep -v tentative | grep -q ."
is_rc "IPv6: stop it" 0 IPaddr2 stop ip=2001:db8:7::101 nic="$IPT_NIC"
is_rc "IPv6: the peer's own address clashes" 1 IPaddr2 start ip=2001:db8:7::2 nic="$IPT_NIC" cidr_netmask=64
check "IPv6: the clashing address was taken back" ipt_hasnt 2001:db8:7::2
is_rc "IPv6: prefix 129" 6 IPaddr2 validate-all ip=$V6 cidr_netmask=129
is_rc "IPv6: lvs_support refused" 6 IPaddr2 validate-all ip=$V6 lvs_support=true
is_rc "IPv6: link-local address without nic" 6 IPaddr2 validate-all ip=fe80::99
ipt_reason_has "the reason asks for nic" "needs the parameter nic"

# --- the syntax checks of findif.sh
syntax() {
	sh -c ". \"\$OCF_FUNCTIONS_DIR/ocf-shellfuncs\"; . \"\$OCF_FUNCTIONS_DIR/findif.sh\"; $1" syntax-test 2>&1
}
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1 (got '$2', expected '$3')"; fi
}
# shellcheck disable=SC2016 # code for sh -c
is "IPv4 forms" "$(syntax 'for a in 192.0.2.1 0.0.0.0 255.255.255.255 1.2.3 1.2.3.4.5 256.1.1.1 1..2.3 a.b.c.d 1.2.3.4/24 ""; do ipa_is_ipv4 "$a" && printf T || printf F; done')" TTTFFFFFFF
# shellcheck disable=SC2016 # code for sh -c
is "IPv6 forms" "$(syntax 'for a in ::1 :: 2001:db8::1 fe80::1:2:3:4 1:2:3:4:5:6:7:8 ::ffff:192.0.2.1 1:2:3:4:5:6:7:8:9 1::2::3 12345::1 :1:2 1:2: g::1 1:2:3:4:5:6:7 ::ffff:300.1.1.1; do ipa_is_ipv6 "$a" && printf T || printf F; done')" TTTTTTFFFFFFFF
# shellcheck disable=SC2016 # code for sh -c
is "prefix lengths" "$(syntax 'for m in 0 24 32 33 255.255.255.0 255.255.254.0 255.0.255.0 0.0.0.0 x; do ipa_prefix_len "$m" inet || echo E; done; ipa_prefix_len 128 inet6; ipa_prefix_len 129 inet6 || echo E' | tr '\n' ' ')" \
	"0 24 32 E 24 23 E 0 E 128 E "

# --- gratuitous ARP
ipt_arp_tests IPaddr2 arp_bg "${P[@]}" arp_count=1
if command -v arping >/dev/null; then
	is_rc "run_arping: the peer's address is taken" 1 IPaddr2 start ip=192.0.2.2 nic="$IPT_NIC" run_arping=true
	ipt_reason_has "the reason says the address is in use" "already used"
	check "the taken address was not added" ipt_hasnt 192.0.2.2
	is_rc "run_arping: a free address" 0 IPaddr2 start "${P[@]}" run_arping=true
	is_rc "stop it" 0 IPaddr2 stop "${P[@]}"
fi

finish
