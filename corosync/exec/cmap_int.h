/*
 * The cmap service's parts: the answers to libcmap's requests
 * (cmap_ops.c), the run-time keys the daemon keeps in the maps
 * (cmap_runtime.c), and the service table on the IPC server (cmap_svc.c).
 *
 * A struct cmap_client is what the daemon keeps for one connection: the
 * map it works on, its iterators and its trackers, each known to the
 * library by a 64-bit handle.  It does no I/O of its own; answers leave
 * through struct cmap_io, so tests can drive it without a daemon.
 */
#ifndef CMAP_INT_H
#define CMAP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#include "../common/cs_map.h"
#include "service.h"
#include "totem_config.h"

/* The maps of SET_CURRENT_MAP (cmap_map_t's numbers). */
enum cmap_map_id {
	CMAP_MAP_CONFIG = 0, /* configuration and run-time state (icmap) */
	CMAP_MAP_STATS = 1,  /* counters */
	CMAP_MAPS
};

/* What every client works on. */
struct cmap_maps {
	struct cs_map *map[CMAP_MAPS];
	bool read_only[CMAP_MAPS]; /* clients may not change it at all */
	/* Bring counters of map @id up to date before keys starting with
	 * @key (a key or a prefix; "" for all) are read.  May be NULL. */
	void (*refresh)(enum cmap_map_id id, const char *key);
};

/* Where a client's answers go: responses and events (notifications).
 * Both return 0 or -errno; a failed event is dropped. */
struct cmap_io {
	int (*reply)(void *ctx, const struct iovec *iov, size_t iovcnt);
	int (*event)(void *ctx, const struct iovec *iov, size_t iovcnt);
	void *ctx;
};

struct cmap_iter_slot;
struct cmap_track_slot;

struct cmap_client {
	const struct cmap_maps *maps;
	struct cmap_io io;
	enum cmap_map_id current;
	struct cmap_iter_slot *iters;
	struct cmap_track_slot *tracks;
	uint64_t next_handle;
};

/* Start a client on the configuration map. */
void cmap_client_init(struct cmap_client *s, const struct cmap_maps *maps,
		      const struct cmap_io *io);

/* Free the client's iterators and remove its trackers (no answer is
 * sent).  Must run before the maps are freed. */
void cmap_client_fini(struct cmap_client *s);

/* Answer the request @msg of @len bytes (a libcmap request, checked for
 * its id and size) through io.reply; notifications it causes go through
 * the io.event of the clients that track the keys. */
void cmap_client_request(struct cmap_client *s, const void *msg, size_t len);

/* Smallest valid size of request @id; 0 for an unknown id. */
size_t cmap_request_min_size(int32_t id);

/* ---- run-time keys (cmap_runtime.c) ---- */

/* Mark what clients may not change: run-time state, and settings that
 * take effect only at start-up.  Returns 0 or -ENOMEM. */
int cmap_runtime_mark_ro(struct cs_map *map);

/* runtime.config.totem.* (the effective totem settings) and
 * nodelist.local_node_pos.  Returns 0 or -ENOMEM. */
int cmap_runtime_totem(struct cs_map *map, const struct totem_config *cfg);

/* internal_configuration.service.<N>.{name,ver} and
 * runtime.services.<name>.service_id for the @n loaded @services.
 * Returns 0 or -ENOMEM. */
int cmap_runtime_services(struct cs_map *map, const struct cs_service *const *services, size_t n);

/* The text address of @nodeid into @buf, or NULL when unknown. */
typedef const char *(*cmap_addr_fn)(uint32_t nodeid, char *buf, size_t size);

/* runtime.members.<id>.{ip,status,join_count,config_version} after a
 * regular configuration change: @joined nodes count one more join,
 * @left nodes are "left".  @local is this node, whose config_version is
 * totem.config_version.  Returns 0 or -ENOMEM. */
int cmap_runtime_members(struct cs_map *map, uint32_t local, const uint32_t *members,
			 size_t n_members, const uint32_t *left, size_t n_left,
			 const uint32_t *joined, size_t n_joined, cmap_addr_fn addr);

struct totem_srp_stats;
struct totem_pg_stats;
struct totem_net_stats;

/* The counters of the totem layers; a NULL layer is skipped. */
struct cmap_counters {
	const struct totem_srp_stats *srp;
	const struct totem_pg_stats *pg;
	const struct totem_net_stats *net;
};

/* Whether keys starting with @key (a key or a prefix) of map @id hold
 * counters, so that a read must refresh them first. */
bool cmap_runtime_has_counters(enum cmap_map_id id, const char *key);

/* Write @c into the statistics map (stats.srp.*, stats.pg.*, stats.net.*)
 * and, for the SRP engine, into the configuration map under
 * runtime.totem.pg.mrp.srp.* as well; either map may be NULL. */
void cmap_runtime_counters(struct cs_map *config, struct cs_map *stats,
			   const struct cmap_counters *c);

#endif /* CMAP_INT_H */
