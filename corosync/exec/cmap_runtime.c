/*
 * cmap, the run-time keys: what the daemon itself keeps in the maps for
 * tools and pacemaker to read -- the effective totem settings, the loaded
 * services, the members the ring has seen, and counters -- and which keys
 * clients may not change.
 */
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cmap_int.h"
#include "totem_net.h"
#include "totem_pg.h"
#include "startup_keys.h"
#include "totem_srp.h"

#define KEY_MAX (CS_MAP_KEY_MAX + 1)

/* ---- read-only keys ---- */

/* Run-time state, and the settings read once at start-up
 * (startup_keys.h): a client's change would be a lie about what the
 * daemon does (corosync refuses the same; runtime.members. too, which
 * corosync leaves writable). */
static const char *const ro_prefixes[] = {
	"internal_configuration.",
	"runtime.config.",
	"runtime.connections.",
	"runtime.members.",
	"runtime.services.",
	"runtime.totem.",
	"uidgid.config.",
	"nodelist.",
	"config.reload_in_progress",
	"config.totemconfig_reload_in_progress",
	"qb.ipc_type",
};

int cmap_runtime_mark_ro(struct cs_map *map)
{
	for (size_t i = 0; i < sizeof(ro_prefixes) / sizeof(ro_prefixes[0]); i++) {
		int rc = cs_map_set_ro(map, ro_prefixes[i], true);
		if (rc < 0) {
			return rc;
		}
	}
	for (size_t i = 0; i < CS_N_STARTUP_KEYS; i++) {
		int rc = cs_map_set_ro(map, cs_startup_keys[i], true);
		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

/* ---- runtime.config.totem ---- */

struct totem_key {
	const char *key;
	size_t offset; /* of a uint32_t in struct totem_config */
};

#define TOTEM_U32(name)                                                            \
	{                                                                          \
		"runtime.config.totem." #name, offsetof(struct totem_config, name) \
	}

static const struct totem_key totem_keys[] = {
	TOTEM_U32(consensus),
	TOTEM_U32(downcheck),
	TOTEM_U32(fail_recv_const),
	TOTEM_U32(hold),
	TOTEM_U32(join),
	TOTEM_U32(max_messages),
	TOTEM_U32(max_network_delay),
	TOTEM_U32(merge),
	TOTEM_U32(miss_count_const),
	TOTEM_U32(send_join),
	TOTEM_U32(seqno_unchanged_const),
	TOTEM_U32(token),
	TOTEM_U32(token_retransmit),
	TOTEM_U32(token_retransmits_before_loss_const),
	TOTEM_U32(token_warning),
	TOTEM_U32(window_size),
};

int cmap_runtime_totem(struct cs_map *map, const struct totem_config *cfg)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(totem_keys) / sizeof(totem_keys[0]); i++) {
		uint32_t v;
		memcpy(&v, (const char *)cfg + totem_keys[i].offset, sizeof(v));
		rc = cs_map_set_u32(map, totem_keys[i].key, v);
	}
	/* corosync shows this flag as a number */
	if (rc == 0) {
		rc = cs_map_set_u32(map, "runtime.config.totem.block_unlisted_ips",
				    cfg->block_unlisted_ips ? 1 : 0);
	}
	if (rc == 0 && cfg->local_node_pos >= 0) {
		rc = cs_map_set_u32(map, "nodelist.local_node_pos", (uint32_t)cfg->local_node_pos);
	}
	return rc;
}

/* ---- services ---- */

int cmap_runtime_services(struct cs_map *map, const struct cs_service *const *services, size_t n)
{
	char key[KEY_MAX], name[64];
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct cs_service *svc = services[i];
		/* corosync's short names are corosync_<ipc name> */
		if (svc->ipc_name == NULL) {
			continue;
		}
		snprintf(name, sizeof(name), "corosync_%s", svc->ipc_name);
		snprintf(key, sizeof(key), "internal_configuration.service.%zu.name", i);
		rc = cs_map_set_string(map, key, name);
		snprintf(key, sizeof(key), "internal_configuration.service.%zu.ver", i);
		if (rc == 0) {
			rc = cs_map_set_u32(map, key, 0);
		}
		snprintf(key, sizeof(key), "runtime.services.%s.service_id", svc->ipc_name);
		if (rc == 0) {
			rc = cs_map_set_u16(map, key, (uint16_t)svc->id);
		}
	}
	return rc;
}

/* ---- members ---- */

static int member_set_string(struct cs_map *map, uint32_t nodeid, const char *field,
			     const char *value)
{
	char key[KEY_MAX];

	snprintf(key, sizeof(key), "runtime.members.%u.%s", nodeid, field);
	return cs_map_set_string(map, key, value);
}

/* A node that joins: its address, one more join, and its configuration
 * version (only ours is known without cmap's own exchange). */
static int member_joined(struct cs_map *map, uint32_t local, uint32_t nodeid, cmap_addr_fn addr)
{
	char key[KEY_MAX], buf[INET6_ADDRSTRLEN + 16], ip[INET6_ADDRSTRLEN + 32];
	uint32_t joins = 0;
	uint64_t version = 0;
	int rc = 0;

	if (addr != NULL && addr(nodeid, buf, sizeof(buf)) != NULL) {
		/* the form of corosync's udp transports, link 0 */
		snprintf(ip, sizeof(ip), "r(0) ip(%s) ", buf);
		rc = member_set_string(map, nodeid, "ip", ip);
	}
	snprintf(key, sizeof(key), "runtime.members.%u.join_count", nodeid);
	cs_map_get_u32(map, key, &joins);
	if (rc == 0) {
		rc = cs_map_set_u32(map, key, joins + 1);
	}
	if (rc == 0) {
		rc = member_set_string(map, nodeid, "status", "joined");
	}
	snprintf(key, sizeof(key), "runtime.members.%u.config_version", nodeid);
	if (nodeid == local) {
		cs_map_get_u64(map, "totem.config_version", &version);
	} else {
		cs_map_get_u64(map, key, &version);
	}
	if (rc == 0) {
		rc = cs_map_set_u64(map, key, version);
	}
	return rc;
}

static bool listed(const uint32_t *ids, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++) {
		if (ids[i] == id) {
			return true;
		}
	}
	return false;
}

int cmap_runtime_members(struct cs_map *map, uint32_t local, const uint32_t *members,
			 size_t n_members, const uint32_t *left, size_t n_left,
			 const uint32_t *joined, size_t n_joined, cmap_addr_fn addr)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n_joined; i++) {
		rc = member_joined(map, local, joined[i], addr);
	}
	/* a member we never saw join (this node restarted its map) */
	for (size_t i = 0; rc == 0 && i < n_members; i++) {
		char key[KEY_MAX];
		snprintf(key, sizeof(key), "runtime.members.%u.status", members[i]);
		if (!listed(joined, n_joined, members[i]) &&
		    cs_map_get(map, key, NULL, NULL, NULL) < 0) {
			rc = member_joined(map, local, members[i], addr);
		}
	}
	for (size_t i = 0; rc == 0 && i < n_left; i++) {
		rc = member_set_string(map, left[i], "status", "left");
	}
	return rc;
}

/* ---- counters ---- */

enum counter_source { FROM_SRP, FROM_PG, FROM_NET };

struct counter {
	const char *stats_key;
	const char *runtime_key; /* NULL: in the statistics map only */
	enum counter_source from;
	size_t offset; /* of a uint64_t in the source's stats struct */
};

/* clang-format off */
#define SRP(name) { "stats.srp." #name, "runtime.totem.pg.mrp.srp." #name, FROM_SRP, \
		    offsetof(struct totem_srp_stats, name) }
#define SRP_AS(name, field) { "stats.srp." #name, "runtime.totem.pg.mrp.srp." #name, FROM_SRP, \
			      offsetof(struct totem_srp_stats, field) }
#define PG(name) { "stats.pg." #name, NULL, FROM_PG, offsetof(struct totem_pg_stats, name) }
#define NET(name) { "stats.net." #name, NULL, FROM_NET, offsetof(struct totem_net_stats, name) }
/* clang-format on */

/* corosync's names where the counter means the same; ours otherwise. */
static const struct counter counters[] = {
	SRP(commit_entered),
	SRP(consensus_timeouts),
	SRP(gather_entered),
	SRP(mcast_retx),
	SRP(mcast_rx),
	SRP(mcast_tx),
	SRP(memb_commit_token_rx),
	SRP(memb_commit_token_tx),
	SRP(memb_join_rx),
	SRP(memb_join_tx),
	SRP(memb_merge_detect_rx),
	SRP(memb_merge_detect_tx),
	SRP(operational_entered),
	SRP(orf_token_rx),
	SRP(orf_token_tx),
	SRP(recovery_entered),
	SRP_AS(rx_msg_dropped, rx_dropped),
	SRP(rx_failures),
	SRP(token_lost),
	PG(msg_tx),
	PG(msg_rx),
	PG(frames_tx),
	PG(frames_rx),
	PG(fragments_dropped),
	PG(bad_frames),
	NET(tx_packets),
	NET(tx_bytes),
	NET(tx_errors),
	NET(rx_packets),
	NET(rx_bytes),
	NET(rx_unlisted),
	NET(rx_bad_auth),
	NET(rx_truncated),
	NET(local_packets),
};

#define N_COUNTERS (sizeof(counters) / sizeof(counters[0]))

/* Whether one of @a and @b starts with the other. */
static bool overlaps(const char *a, const char *b)
{
	size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);

	return strncmp(a, b, n) == 0;
}

bool cmap_runtime_has_counters(enum cmap_map_id id, const char *key)
{
	return overlaps(key, id == CMAP_MAP_STATS ? "stats." : "runtime.totem.");
}

void cmap_runtime_counters(struct cs_map *config, struct cs_map *stats,
			   const struct cmap_counters *c)
{
	const void *source[] = { [FROM_SRP] = c->srp, [FROM_PG] = c->pg, [FROM_NET] = c->net };

	for (size_t i = 0; i < N_COUNTERS; i++) {
		const struct counter *k = &counters[i];
		uint64_t v;

		if (source[k->from] == NULL) {
			continue;
		}
		memcpy(&v, (const char *)source[k->from] + k->offset, sizeof(v));
		/* out of memory: the counter shows its last value */
		if (stats != NULL) {
			cs_map_set_u64(stats, k->stats_key, v);
		}
		if (config != NULL && k->runtime_key != NULL) {
			cs_map_set_u64(config, k->runtime_key, v);
		}
	}
}
