/*
 * cmap, the service: libcmap's connections on the "cmap" IPC server, each
 * served by a struct cmap_client (cmap_ops.c) on the daemon's
 * configuration map or on the statistics map this service owns, and the
 * run-time keys kept current as the ring changes.
 */
#include <errno.h>
#include <string.h>
#include <corosync/ipc_cmap.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CMAP
#include "../common/cs_log.h"
#include "cmap_int.h"
#include "exec.h"
#include "ipc.h"

static struct {
	struct cs_map *stats;
	struct cmap_maps maps;
} cm;

/* Counters are copied into the maps when someone reads them, not on every
 * change: they change with every packet. */
static void refresh(enum cmap_map_id id, const char *key)
{
	struct cmap_counters c;

	if (!cmap_runtime_has_counters(id, key)) {
		return;
	}
	c.srp = cs_exec_srp_stats();
	c.pg = cs_exec_pg_stats();
	c.net = cs_exec_net_stats();
	cmap_runtime_counters(cm.maps.map[CMAP_MAP_CONFIG], cm.stats, &c);
}

static int cmap_init(void)
{
	struct cs_map *map = cs_exec_map();
	int rc;

	cm.stats = cs_map_new();
	if (cm.stats == NULL) {
		return -ENOMEM;
	}
	cm.maps.map[CMAP_MAP_CONFIG] = map;
	cm.maps.map[CMAP_MAP_STATS] = cm.stats;
	cm.maps.read_only[CMAP_MAP_STATS] = true;
	cm.maps.refresh = refresh;
	rc = cmap_runtime_mark_ro(map);
	if (rc == 0) {
		rc = cmap_runtime_totem(map, cs_exec_totem_config());
	}
	if (rc == 0) {
		rc = cmap_runtime_services(map, cs_services, cs_n_services);
	}
	if (rc < 0) {
		cs_log(LOG_ERR, "Cannot fill the configuration map: %s", strerror(-rc));
	}
	return rc;
}

static void cmap_fini(void)
{
	cs_map_free(cm.stats);
	memset(&cm, 0, sizeof(cm));
}

static void regular_confchg(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
			    const uint32_t *left, size_t n_left, const uint32_t *joined,
			    size_t n_joined, const struct totem_ring_id *ring_id)
{
	int rc;

	if (type != TOTEM_CONFCHG_REGULAR) {
		return;
	}
	rc = cmap_runtime_members(cs_exec_map(), cs_exec_nodeid(), members, n_members, left, n_left,
				  joined, n_joined, cs_exec_node_addr);
	if (rc < 0) {
		cs_log(LOG_WARNING, "Cannot record the new membership under runtime.members: %s",
		       strerror(-rc));
	}
}

/* ---- connections ---- */

static int conn_reply(void *ctx, const struct iovec *iov, size_t iovcnt)
{
	return cs_conn_responsev(ctx, iov, iovcnt);
}

static int conn_event(void *ctx, const struct iovec *iov, size_t iovcnt)
{
	return cs_conn_eventv(ctx, iov, iovcnt);
}

static int conn_init(struct cs_conn *conn)
{
	const struct cmap_io io = { conn_reply, conn_event, conn };

	cmap_client_init(cs_conn_private(conn), &cm.maps, &io);
	return 0;
}

static void conn_exit(struct cs_conn *conn)
{
	cmap_client_fini(cs_conn_private(conn));
}

static void lib_request(struct cs_conn *conn, const void *msg, size_t len)
{
	cmap_client_request(cs_conn_private(conn), msg, len);
}

/* Every request goes to the connection's cmap_client; none needs totem. */
#define REQ(id, type) [id] = { lib_request, sizeof(struct type), false, false }

static const struct cs_lib_handler cmap_lib_handlers[] = {
	REQ(MESSAGE_REQ_CMAP_SET, req_lib_cmap_set),
	REQ(MESSAGE_REQ_CMAP_DELETE, req_lib_cmap_delete),
	REQ(MESSAGE_REQ_CMAP_GET, req_lib_cmap_get),
	REQ(MESSAGE_REQ_CMAP_ADJUST_INT, req_lib_cmap_adjust_int),
	REQ(MESSAGE_REQ_CMAP_ITER_INIT, req_lib_cmap_iter_init),
	REQ(MESSAGE_REQ_CMAP_ITER_NEXT, req_lib_cmap_iter_next),
	REQ(MESSAGE_REQ_CMAP_ITER_FINALIZE, req_lib_cmap_iter_finalize),
	REQ(MESSAGE_REQ_CMAP_TRACK_ADD, req_lib_cmap_track_add),
	REQ(MESSAGE_REQ_CMAP_TRACK_DELETE, req_lib_cmap_track_delete),
	REQ(MESSAGE_REQ_CMAP_SET_CURRENT_MAP, req_lib_cmap_set_current_map),
};

const struct cs_service cs_cmap_service = {
	.name = "corosync configuration map access",
	.id = CS_SERVICE_CMAP,
	.ipc_name = "cmap",
	.conn_private = sizeof(struct cmap_client),
	.lib = cmap_lib_handlers,
	.n_lib = sizeof(cmap_lib_handlers) / sizeof(cmap_lib_handlers[0]),
	.init = cmap_init,
	.fini = cmap_fini,
	.conn_init = conn_init,
	.conn_exit = conn_exit,
	.confchg = regular_confchg,
};
