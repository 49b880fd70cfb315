#!/bin/bash
# IPaddr, the older virtual IPv4 agent: interface aliases, the same life
# cycle as IPaddr2, in a private network namespace with a peer to ping
# from.
. "$(dirname "$0")/ralib.sh"
. "$(dirname "$0")/iptest.sh"

ipt_setup
NODE_NS=$IPT_NODE
VIP=192.0.2.100
VIP2=192.0.2.101
P=("ip=$VIP" "nic=$IPT_NIC" cidr_netmask=24)

# shellcheck disable=SC2034 # ralib.sh runs the agents there
RA_NETNS=$NODE_NS
ipt_meta_data IPaddr

# --- life cycle
is_rc "validate-all" 0 IPaddr validate-all "${P[@]}"
is_rc "probe of a stopped address: not running" 7 IPaddr monitor "${P[@]}"
is_rc "start" 0 IPaddr start "${P[@]}"
is_rc "start again: still fine" 0 IPaddr start "${P[@]}"
is_rc "monitor" 0 IPaddr monitor "${P[@]}" CRM_meta_interval=5000
OCF_CHECK_LEVEL=10 is_rc "monitor depth 10 (ping)" 0 IPaddr monitor "${P[@]}" CRM_meta_interval=30000
check "the address is on alias $IPT_NIC:0" ipt_has "$IPT_NIC:0" "$VIP/24"
check "the address answers ping from the peer" ipt_ping "$VIP"
check "the address is there once only" test "$(ipt_count "$VIP")" = 1
is_rc "stop" 0 IPaddr stop "${P[@]}"
check "the address is gone" ipt_hasnt "$VIP"
is_rc "stop again: still fine" 0 IPaddr stop "${P[@]}"
is_rc "monitor after stop: not running" 7 IPaddr monitor "${P[@]}" CRM_meta_interval=5000

# --- aliases, netmask forms, found interface
OCF_RESOURCE_INSTANCE=vip1 is_rc "first of two addresses" 0 IPaddr start "${P[@]}"
OCF_RESOURCE_INSTANCE=vip2 is_rc "second, nic and netmask found from the route" 0 IPaddr start ip=$VIP2
check "the first has alias :0" ipt_has "$IPT_NIC:0" "$VIP/24"
check "the second got the next alias :1 and the route's /24" ipt_has "$IPT_NIC:1" "$VIP2/24"
OCF_RESOURCE_INSTANCE=vip1 is_rc "stop the first" 0 IPaddr stop "${P[@]}"
check "the second stays" ipt_has "$IPT_NIC:1" "$VIP2/24"
check "the first is gone" ipt_hasnt "$VIP"
check "the second still answers ping" ipt_ping "$VIP2"
OCF_RESOURCE_INSTANCE=vip1 is_rc "start the first again: free alias :0 reused" 0 IPaddr start "${P[@]}"
check "it has alias :0" ipt_has "$IPT_NIC:0" "$VIP/24"
OCF_RESOURCE_INSTANCE=vip1 is_rc "stop the first" 0 IPaddr stop "${P[@]}"
OCF_RESOURCE_INSTANCE=vip2 is_rc "stop the second" 0 IPaddr stop ip=$VIP2
check "both are gone" sh -c "[ \$(ip -n $NODE_NS -o addr show | grep -c ' 192.0.2.10[01]/') -eq 0 ]"

is_rc "nic in the eth0:N form, dotted netmask" 0 IPaddr start ip=$VIP nic="$IPT_NIC:7" cidr_netmask=255.255.255.128
check "alias $IPT_NIC:7 with /25" ipt_has "$IPT_NIC:7" "$VIP/25"
is_rc "stop it" 0 IPaddr stop ip=$VIP nic="$IPT_NIC:7"
is_rc "iflabel" 0 IPaddr start "${P[@]}" iflabel=web
check "the label shows as $IPT_NIC:web" ipt_has "$IPT_NIC:web" "$VIP/24"
is_rc "stop it" 0 IPaddr stop "${P[@]}" iflabel=web

# --- scripts run around the address
hook=$RA_STAGE/hook
# shellcheck disable=SC2016 # $1 is the hook's own argument
printf '#!/bin/sh\necho "$1" >>%s\n' "$RA_STAGE/hook.out" >"$hook"
chmod +x "$hook"
is_rc "start with local_start_script" 0 IPaddr start "${P[@]}" local_start_script="$hook"
is_rc "stop with local_stop_script" 0 IPaddr stop "${P[@]}" local_stop_script="$hook"
check "the scripts ran with start and stop" test "$(tr '\n' ' ' <"$RA_STAGE/hook.out")" = "start stop "

# --- failures
other=rv$$x
ip -n "$NODE_NS" link add "$other" type veth peer name rv$$y
ip -n "$NODE_NS" link set "$other" up
ip -n "$NODE_NS" link set rv$$y up
is_rc "address on another interface than configured" 0 IPaddr start ip=$VIP nic=$other cidr_netmask=24
is_rc "monitor naming $IPT_NIC finds it elsewhere: failed" 1 IPaddr monitor "${P[@]}" CRM_meta_interval=5000
ipt_reason_has "the reason names both interfaces" "$other instead of the configured $IPT_NIC"
is_rc "stop cleans up" 0 IPaddr stop "${P[@]}"
check "the address is gone" ipt_hasnt "$VIP"
ip -n "$NODE_NS" link del "$other"
is_rc "start, then the link goes down" 0 IPaddr start "${P[@]}"
ip -n "$NODE_NS" link set "$IPT_NIC" down
is_rc "monitor on a link that is down: failed" 1 IPaddr monitor "${P[@]}" CRM_meta_interval=5000
ipt_reason_has "the reason names the interface" "$IPT_NIC"
is_rc "stop on a link that is down" 0 IPaddr stop "${P[@]}"
ipt_link_up

RA_NETNS=$IPT_PEER is_rc "probe on a node without the address" 7 IPaddr monitor ip=$VIP
ipt_config_errors IPaddr
is_rc "IPv6 is not for IPaddr" 6 IPaddr validate-all ip=2001:db8:7::100
ipt_reason_has "the reason names the address" "2001:db8:7::100"
is_rc "netmask 255.0.255.0" 6 IPaddr validate-all ip=$VIP nic="$IPT_NIC" cidr_netmask=255.0.255.0
ipt_reason_has "the reason names cidr_netmask" cidr_netmask
is_rc "ARP_REPEAT 0" 6 IPaddr validate-all "${P[@]}" ARP_REPEAT=0
ipt_reason_has "the reason names ARP_REPEAT" ARP_REPEAT
is_rc "alias too long" 6 IPaddr validate-all "${P[@]}" iflabel=muchtoolong
is_rc "unknown action" 3 IPaddr frobnicate "${P[@]}"
ipt_missing_ip IPaddr "${P[@]}"

# --- gratuitous ARP
ipt_arp_tests IPaddr ARP_BACKGROUND "${P[@]}" ARP_REPEAT=1

finish
