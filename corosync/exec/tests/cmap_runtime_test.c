/*
 * The run-time keys of cmap: read-only marks, the effective totem
 * settings, the loaded services, members across configuration changes,
 * and counters in both maps.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../cmap_int.h"
#include "../totem_net.h"
#include "../totem_pg.h"
#include "../totem_srp.h"

static int setup(void **state)
{
	*state = cs_map_new();
	return *state != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	cs_map_free(*state);
	return 0;
}

static void assert_string_key(struct cs_map *map, const char *key, const char *want)
{
	char *got = NULL;

	assert_int_equal(cs_map_get_string(map, key, &got), 0);
	assert_string_equal(got, want);
	free(got);
}

static void run_time_state_is_read_only(void **state)
{
	struct cs_map *map = *state;
	static const char *const ro[] = {
		"internal_configuration.service.0.name",
		"runtime.config.totem.token",
		"runtime.members.1.ip",
		"runtime.services.cpg.service_id",
		"runtime.totem.pg.mrp.srp.mcast_tx",
		"nodelist.node.0.ring0_addr",
		"nodelist.local_node_pos",
		"system.state_dir",
		"uidgid.config.uid.1000",
		"totem.cluster_name",
		"totem.crypto_cipher",
		"totem.keyfile",
		"totem.transport",
		"totem.netmtu",
		"totem.version",
		"qb.ipc_type",
		"config.reload_in_progress",
	};
	static const char *const rw[] = {
		"totem.token",
		"logging.debug",
		"quorum.expected_votes",
		"uidgid.uid.1000",
		"runtime.force_gather",
		"cfg.shutdown_timeout",
		"config.reload_error_message",
	};

	assert_int_equal(cmap_runtime_mark_ro(map), 0);
	for (size_t i = 0; i < sizeof(ro) / sizeof(ro[0]); i++) {
		if (!cs_map_is_ro(map, ro[i])) {
			fail_msg("%s should be read-only", ro[i]);
		}
	}
	for (size_t i = 0; i < sizeof(rw) / sizeof(rw[0]); i++) {
		if (cs_map_is_ro(map, rw[i])) {
			fail_msg("%s should be writable", rw[i]);
		}
	}
}

static void effective_totem_settings(void **state)
{
	struct cs_map *map = *state;
	struct totem_config *cfg = calloc(1, sizeof(*cfg));
	uint32_t v = 0;

	cfg->token = 3000;
	cfg->token_retransmit = 714;
	cfg->hold = 561;
	cfg->consensus = 3600;
	cfg->max_messages = 17;
	cfg->token_retransmits_before_loss_const = 4;
	cfg->block_unlisted_ips = true;
	cfg->local_node_pos = 2;
	assert_int_equal(cmap_runtime_totem(map, cfg), 0);
	assert_int_equal(cs_map_get_u32(map, "runtime.config.totem.token", &v), 0);
	assert_int_equal(v, 3000);
	cs_map_get_u32(map, "runtime.config.totem.token_retransmit", &v);
	assert_int_equal(v, 714);
	cs_map_get_u32(map, "runtime.config.totem.hold", &v);
	assert_int_equal(v, 561);
	cs_map_get_u32(map, "runtime.config.totem.consensus", &v);
	assert_int_equal(v, 3600);
	cs_map_get_u32(map, "runtime.config.totem.max_messages", &v);
	assert_int_equal(v, 17);
	cs_map_get_u32(map, "runtime.config.totem.token_retransmits_before_loss_const", &v);
	assert_int_equal(v, 4);
	cs_map_get_u32(map, "runtime.config.totem.block_unlisted_ips", &v);
	assert_int_equal(v, 1);
	assert_int_equal(cs_map_get_u32(map, "runtime.config.totem.window_size", &v), 0);
	assert_int_equal(cs_map_get_u32(map, "nodelist.local_node_pos", &v), 0);
	assert_int_equal(v, 2);

	/* udp without a nodelist: no position */
	cs_map_delete(map, "nodelist.local_node_pos");
	cfg->local_node_pos = -1;
	assert_int_equal(cmap_runtime_totem(map, cfg), 0);
	assert_int_equal(cs_map_get(map, "nodelist.local_node_pos", NULL, NULL, NULL), -ENOENT);
	free(cfg);
}

static void loaded_services(void **state)
{
	struct cs_map *map = *state;
	const struct cs_service cmap = { .name = "m", .id = CS_SERVICE_CMAP, .ipc_name = "cmap" };
	const struct cs_service quiet = { .name = "q", .id = CS_SERVICE_PLOAD };
	const struct cs_service cpg = { .name = "c", .id = CS_SERVICE_CPG, .ipc_name = "cpg" };
	const struct cs_service *const services[] = { &cmap, &quiet, &cpg };
	uint16_t id = 0;
	uint32_t ver = 1;

	assert_int_equal(cmap_runtime_services(map, services, 3), 0);
	assert_string_key(map, "internal_configuration.service.0.name", "corosync_cmap");
	assert_int_equal(cs_map_get_u32(map, "internal_configuration.service.0.ver", &ver), 0);
	assert_int_equal(ver, 0);
	assert_string_key(map, "internal_configuration.service.2.name", "corosync_cpg");
	assert_int_equal(cs_map_get(map, "internal_configuration.service.1.name", NULL, NULL, NULL),
			 -ENOENT);
	assert_int_equal(cs_map_get_u16(map, "runtime.services.cpg.service_id", &id), 0);
	assert_int_equal(id, CS_SERVICE_CPG);
}

static const char *addr(uint32_t nodeid, char *buf, size_t size)
{
	if (nodeid > 2) {
		return NULL;
	}
	snprintf(buf, size, "10.0.0.%u", nodeid);
	return buf;
}

static void members_come_and_go(void **state)
{
	struct cs_map *map = *state;
	const uint32_t one[] = { 1 }, two[] = { 2 }, both[] = { 1, 2 };
	uint32_t joins = 0;
	uint64_t version = 1;

	cs_map_set_u64(map, "totem.config_version", 7);
	assert_int_equal(cmap_runtime_members(map, 1, one, 1, NULL, 0, one, 1, addr), 0);
	assert_string_key(map, "runtime.members.1.ip", "r(0) ip(10.0.0.1) ");
	assert_string_key(map, "runtime.members.1.status", "joined");
	assert_int_equal(cs_map_get_u32(map, "runtime.members.1.join_count", &joins), 0);
	assert_int_equal(joins, 1);
	assert_int_equal(cs_map_get_u64(map, "runtime.members.1.config_version", &version), 0);
	assert_int_equal(version, 7);

	assert_int_equal(cmap_runtime_members(map, 1, both, 2, NULL, 0, two, 1, addr), 0);
	assert_string_key(map, "runtime.members.2.status", "joined");
	cs_map_get_u64(map, "runtime.members.2.config_version", &version);
	assert_int_equal(version, 0); /* unknown without cmap's exchange */
	assert_int_equal(cmap_runtime_members(map, 1, one, 1, two, 1, NULL, 0, addr), 0);
	assert_string_key(map, "runtime.members.2.status", "left");
	assert_string_key(map, "runtime.members.2.ip", "r(0) ip(10.0.0.2) ");
	assert_int_equal(cmap_runtime_members(map, 1, both, 2, NULL, 0, two, 1, addr), 0);
	assert_string_key(map, "runtime.members.2.status", "joined");
	cs_map_get_u32(map, "runtime.members.2.join_count", &joins);
	assert_int_equal(joins, 2);
	cs_map_get_u32(map, "runtime.members.1.join_count", &joins);
	assert_int_equal(joins, 1);

	/* a member with no known address, and one never seen joining */
	const uint32_t three[] = { 1, 2, 3 };
	assert_int_equal(cmap_runtime_members(map, 1, three, 3, NULL, 0, NULL, 0, addr), 0);
	assert_string_key(map, "runtime.members.3.status", "joined");
	assert_int_equal(cs_map_get(map, "runtime.members.3.ip", NULL, NULL, NULL), -ENOENT);
	cs_map_get_u32(map, "runtime.members.2.join_count", &joins);
	assert_int_equal(joins, 2);
}

static void counters_land_in_both_maps(void **state)
{
	struct cs_map *config = *state;
	struct cs_map *stats = cs_map_new();
	struct totem_srp_stats srp = { .mcast_tx = 6, .orf_token_rx = 52, .rx_dropped = 3 };
	struct totem_pg_stats pg = { .msg_tx = 4 };
	struct cmap_counters c = { .srp = &srp, .pg = &pg };
	uint64_t v = 0;

	assert_true(cmap_runtime_has_counters(CMAP_MAP_STATS, ""));
	assert_true(cmap_runtime_has_counters(CMAP_MAP_STATS, "stats.srp.mcast_tx"));
	assert_false(cmap_runtime_has_counters(CMAP_MAP_STATS, "other"));
	assert_true(cmap_runtime_has_counters(CMAP_MAP_CONFIG, ""));
	assert_true(cmap_runtime_has_counters(CMAP_MAP_CONFIG, "runtime."));
	assert_true(
		cmap_runtime_has_counters(CMAP_MAP_CONFIG, "runtime.totem.pg.mrp.srp.mcast_tx"));
	assert_false(cmap_runtime_has_counters(CMAP_MAP_CONFIG, "runtime.members."));
	assert_false(cmap_runtime_has_counters(CMAP_MAP_CONFIG, "totem.token"));

	cmap_runtime_counters(config, stats, &c);
	assert_int_equal(cs_map_get_u64(stats, "stats.srp.mcast_tx", &v), 0);
	assert_int_equal(v, 6);
	cs_map_get_u64(stats, "stats.srp.rx_msg_dropped", &v);
	assert_int_equal(v, 3);
	assert_int_equal(cs_map_get_u64(config, "runtime.totem.pg.mrp.srp.orf_token_rx", &v), 0);
	assert_int_equal(v, 52);
	assert_int_equal(cs_map_get_u64(stats, "stats.pg.msg_tx", &v), 0);
	assert_int_equal(v, 4);
	/* only the SRP engine's counters have run-time keys; no net: none */
	assert_int_equal(cs_map_get(config, "runtime.totem.pg.msg_tx", NULL, NULL, NULL), -ENOENT);
	assert_int_equal(cs_map_get(stats, "stats.net.rx_packets", NULL, NULL, NULL), -ENOENT);

	srp.mcast_tx = 7;
	cmap_runtime_counters(NULL, stats, &c);
	cs_map_get_u64(stats, "stats.srp.mcast_tx", &v);
	assert_int_equal(v, 7);
	cs_map_get_u64(config, "runtime.totem.pg.mrp.srp.mcast_tx", &v);
	assert_int_equal(v, 6);
	cs_map_free(stats);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(run_time_state_is_read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(effective_totem_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(loaded_services, setup, teardown),
		cmocka_unit_test_setup_teardown(members_come_and_go, setup, teardown),
		cmocka_unit_test_setup_teardown(counters_land_in_both_maps, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
