# Generated CIBs for the benchmarks: source it after setting GEN
# ("shared": ../shared/tools/cib-gen, "own": the awk generator below),
# SHARED (the shared tools folder) and SEED.  Provides gen NODES RESOURCES FILE.
# shellcheck shell=bash

# Our own generator, for checkouts without ../shared: NODES nodes all
# online, RESOURCES Dummy primitives (a quarter in groups of three, 2% in
# anonymous clones, the rest alone), location/colocation/order constraints
# for 30%/15%/15% of the top-level resources, stickiness 100, and a status
# section where 90% of the top-level resources run on one node (start and
# recurring monitor recorded there, probes elsewhere) with op-digests as
# pacemaker computes them for a resource without parameters, so healthy
# resources stay put.  A Park-Miller generator keeps it the same on every awk.
own_cib_gen() {
	local nodes=$1 rscs=$2 seed=$3 start_digest mon_digest
	start_digest=$(printf ' <parameters/>\n' | md5sum | cut -d' ' -f1)
	mon_digest=$(printf ' <parameters CRM_meta_timeout="20000"/>\n' | md5sum | cut -d' ' -f1)
	awk -v N="$nodes" -v R="$rscs" -v seed="$seed" -v sd="$start_digest" -v md="$mon_digest" '
	function rnd(n) { x = (x * 16807) % 2147483647; return x % n }
	function prim(id) {
		printf "<primitive id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"><operations>", id
		printf "<op id=\"%s-monitor-10s\" name=\"monitor\" interval=\"10s\" timeout=\"20s\"/>", id
		printf "<op id=\"%s-start-0\" name=\"start\" interval=\"0s\" timeout=\"20s\"/>", id
		printf "<op id=\"%s-stop-0\" name=\"stop\" interval=\"0s\" timeout=\"20s\"/>", id
		print "</operations></primitive>"
	}
	function op(rsc, key, name, interval, rc, node, digest) {
		call++
		printf "<lrm_rsc_op id=\"%s\" operation_key=\"%s\" operation=\"%s\"", key, rsc "_" name "_" interval, name
		printf " crm-debug-origin=\"do_update_resource\" crm_feature_set=\"3.16.1\""
		printf " transition-key=\"%d:1:%d:%s\" transition-magic=\"0:%d;%d:1:%d:%s\"", call, rc, uuid, rc, call, rc, uuid
		printf " exit-reason=\"\" on_node=\"node%d\" call-id=\"%d\" rc-code=\"%d\" op-status=\"0\"", node, call, rc
		printf " interval=\"%d\" last-rc-change=\"1699990000\" exec-time=\"20\" queue-time=\"0\"", interval
		printf " op-digest=\"%s\"/>\n", digest
	}
	function history(rsc, node, running) {
		printf "<lrm_resource id=\"%s\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\">", rsc
		if (running) {
			op(rsc, rsc "_last_0", "start", 0, 0, node, sd)
			op(rsc, rsc "_monitor_10000", "monitor", 10000, 0, node, md)
		} else {
			op(rsc, rsc "_last_0", "monitor", 0, 7, node, sd)
		}
		print "</lrm_resource>"
	}
	BEGIN {
		x = seed % 2147483646 + 1
		uuid = "6a7f2c3e-0b1d-4e5f-9a8b-7c6d5e4f3a2b"
		grouped = int(R / 4 / 3) * 3; cloned = int(R / 50)
		top = 0
		for (i = 1; i <= R; i++) {
			if (i <= grouped) {
				g = int((i - 1) / 3) + 1
				if ((i - 1) % 3 == 0) { top++; tid[top] = "g" g; tkind[top] = "group" }
				member[top] = member[top] " r" i
			} else {
				top++
				tid[top] = "r" i
				tkind[top] = (i <= grouped + cloned) ? "clone" : "primitive"
				member[top] = " r" i
			}
			tnode[top] = rnd(N) + 1; trun[top] = rnd(10) < 9
		}
		printf "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.7\" epoch=\"1\" num_updates=\"0\""
		print " admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\" execution-date=\"1700000000\"><configuration>"
		print "<crm_config><cluster_property_set id=\"cib-bootstrap-options\">"
		print "<nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>"
		print "</cluster_property_set></crm_config><nodes>"
		for (n = 1; n <= N; n++) printf "<node id=\"%d\" uname=\"node%d\"/>\n", n, n
		print "</nodes><resources>"
		for (t = 1; t <= top; t++) {
			split(substr(member[t], 2), m, " ")
			if (tkind[t] == "group") {
				printf "<group id=\"%s\">", tid[t]
				for (k = 1; k in m; k++) prim(m[k])
				print "</group>"
			} else if (tkind[t] == "clone") {
				printf "<clone id=\"%s-clone\">", tid[t]; prim(tid[t]); print "</clone>"
				tid[t] = tid[t] "-clone"
			} else {
				prim(tid[t])
			}
		}
		print "</resources><constraints>"
		for (t = 1; t <= top; t++) {
			if (tkind[t] == "clone") continue
			if (rnd(100) < 30)
				printf "<rsc_location id=\"loc-%s\" rsc=\"%s\" node=\"node%d\" score=\"%d\"/>\n", tid[t], tid[t], rnd(N) + 1, rnd(3) == 0 ? -1000000 : 50
			if (t > 1 && rnd(100) < 15)
				printf "<rsc_colocation id=\"col-%s\" rsc=\"%s\" with-rsc=\"%s\" score=\"%s\"/>\n", tid[t], tid[t], tid[rnd(t - 1) + 1], rnd(2) ? "INFINITY" : "100"
			if (t > 1 && rnd(100) < 15)
				printf "<rsc_order id=\"ord-%s\" first=\"%s\" then=\"%s\" kind=\"Mandatory\"/>\n", tid[t], tid[rnd(t - 1) + 1], tid[t]
		}
		print "</constraints><rsc_defaults><meta_attributes id=\"rsc-options\">"
		print "<nvpair id=\"rsc-stickiness\" name=\"resource-stickiness\" value=\"100\"/>"
		print "</meta_attributes></rsc_defaults></configuration><status>"
		for (n = 1; n <= N; n++) {
			printf "<node_state id=\"%d\" uname=\"node%d\" in_ccm=\"true\" crmd=\"online\"", n, n
			print " crm-debug-origin=\"do_update_resource\" join=\"member\" expected=\"member\">"
			printf "<lrm id=\"%d\"><lrm_resources>\n", n
			for (t = 1; t <= top; t++) {
				if (!trun[t]) continue
				split(substr(member[t], 2), m, " ")
				for (k = 1; k in m; k++)
					history(m[k], n, tkind[t] == "clone" || tnode[t] == n)
			}
			print "</lrm_resources></lrm></node_state>"
		}
		print "</status></cib>"
	}'
}

# gen NODES RESOURCES FILE
gen() {
	if [ "$GEN" = shared ]; then
		# the mix of ../shared/tools/sched-perf: steady state with some churn
		python3 "$SHARED/cib-gen" --seed "$SEED" --nodes "$1" --resources "$2" --history 0.9 \
			--failures 0.02 --offline 1 --standby 0 --unclean 0 -o "$3" >/dev/null
	else
		own_cib_gen "$1" "$2" "$SEED" >"$3"
	fi
}

