#!/bin/bash
# ocf:heartbeat:Delay: each operation takes the time asked for, and the
# resource keeps its state between them.
. "$(dirname "$0")/ralib.sh"

now_ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }
# timed DESC WANT MIN_MS MAX_MS ACTION K=V...: exit code and duration
timed() {
	local what=$1 want=$2 min=$3 max=$4 t0 took
	shift 4
	t0=$(now_ms)
	is_rc "$what" "$want" Delay "$@"
	took=$(($(now_ms) - t0))
	if [ $took -ge "$min" ] && [ $took -le "$max" ]; then
		ok "$what took ${took} ms (${min}..${max})"
	else
		fail "$what took ${took} ms, expected ${min}..${max}"
	fi
}
D=(startdelay=1 stopdelay=0.6 mondelay=0.3)

is_rc "meta-data" 0 Delay meta-data
is_rc "validate-all" 0 Delay validate-all "${D[@]}"
timed "probe of a stopped resource" 7 300 2000 monitor "${D[@]}"
timed "start" 0 1000 3000 start "${D[@]}"
timed "start again returns at once" 0 0 900 start "${D[@]}"
timed "monitor" 0 300 2000 monitor "${D[@]}" CRM_meta_interval=10000
is_rc "status" 0 Delay status "${D[@]}"
timed "stop" 0 600 2000 stop "${D[@]}"
timed "stop again returns at once" 0 0 500 stop "${D[@]}"
timed "monitor after stop" 7 300 2000 monitor "${D[@]}" CRM_meta_interval=10000

for p in startdelay stopdelay mondelay; do
	is_rc "$p that is no number" 6 Delay start "${D[@]}" "$p=1.2.3"
	check "the reason names $p" grep -q "ocf-exit-reason:$p='1.2.3'" "$RA_STDERR"
done
is_rc "a probe with a bad delay" 6 Delay monitor mondelay=soon
is_rc "unknown action" 3 Delay frobnicate

finish
