/*
 * The daemon's core: totem (transport, SRP engine, packing layer) wired
 * to the services, the sync engine and IPC on one qb loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <qb/qbipc_common.h>
#include <qb/qbutil.h>

#define CS_LOG_SUBSYS CS_SUBSYS_MAIN
#include "../common/cs_config.h"
#include "../common/cs_log.h"
#include "exec.h"
#include "exec_int.h"
#include "ipc.h"
#include "service.h"
#include "sync.h"
#include "totem_net.h"
#include "totem_pg.h"
#include "totem_srp.h"

/* Bytes of messages queued before clients are asked to wait (a few
 * largest messages, as corosync allows). */
#define PG_QUEUE_MAX (4 * 1024 * 1024 + 64 * 1024)
/* Below this room, clients wait before sending more. */
#define PG_LOW_WATER (1024 * 1024 + 8192)
/* Below this much queued, clients' requests go before the token. */
#define PG_FAST_BELOW (256 * 1024)
/* IPv4 and UDP headers, and room for a recovery copy's second header. */
#define UDP_OVERHEAD 28

struct timer {
	qb_loop_timer_handle handle;
	void (*fn)(void *);
	void *data;
};

static struct {
	qb_loop_t *loop;
	struct cs_map *map;
	const struct cs_map *lines; /* where each key came from, and the file's name */
	struct totem_config totem;
	struct totem_net *net;
	struct totem_srp *srp;
	struct totem_pg *pg;
	bool shutting_down;
	qb_loop_signal_handle sig_term, sig_int;
	uint32_t members[TOTEM_MEMBERS_MAX];
	size_t n_members;
	struct totem_ring_id ring_id;
} ex;

/* ---- for services ---- */

uint32_t cs_exec_nodeid(void)
{
	return ex.totem.nodeid;
}

qb_loop_t *cs_exec_loop(void)
{
	return ex.loop;
}

struct cs_map *cs_exec_map(void)
{
	return ex.map;
}

const struct totem_config *cs_exec_totem_config(void)
{
	return &ex.totem;
}

const uint32_t *cs_exec_members(size_t *count)
{
	*count = ex.n_members;
	return ex.members;
}

const struct totem_ring_id *cs_exec_ring_id(void)
{
	return &ex.ring_id;
}

const char *cs_exec_node_addr(uint32_t nodeid, char *buf, size_t size)
{
	return ex.net != NULL ? totem_net_node_addr(ex.net, nodeid, buf, size) : NULL;
}

const struct totem_srp_stats *cs_exec_srp_stats(void)
{
	return ex.srp != NULL ? totem_srp_stats(ex.srp) : NULL;
}

const struct totem_pg_stats *cs_exec_pg_stats(void)
{
	return ex.pg != NULL ? totem_pg_stats(ex.pg) : NULL;
}

const struct totem_net_stats *cs_exec_net_stats(void)
{
	return ex.net != NULL ? totem_net_stats(ex.net) : NULL;
}

const struct cs_map *cs_exec_config_lines(void)
{
	return ex.lines;
}

char *cs_exec_config_file(void)
{
	char *path = NULL;

	if (ex.lines == NULL || cs_map_get_string(ex.lines, CS_CONFIG_LINES_FILE_KEY, &path) < 0) {
		return NULL;
	}
	return path;
}

bool cs_exec_can_send(size_t bytes)
{
	return totem_srp_operational(ex.srp) && !cs_sync_in_progress() &&
	       totem_pg_room(ex.pg) >= bytes + PG_LOW_WATER / 16;
}

void cs_exec_flow_update(void)
{
	size_t room = totem_pg_room(ex.pg);

	if (!totem_srp_operational(ex.srp) || cs_sync_in_progress() || room < PG_LOW_WATER) {
		cs_ipc_flow_control(CS_IPC_OFF);
	} else {
		cs_ipc_flow_control(room > PG_QUEUE_MAX - PG_FAST_BELOW ? CS_IPC_FAST
									: CS_IPC_NORMAL);
	}
}

static int pg_mcast(enum totem_pg_group group, const struct iovec *iov, size_t iovcnt)
{
	bool kick;
	int rc = totem_pg_mcast(ex.pg, group, iov, iovcnt, &kick);

	if (rc == 0 && kick) {
		totem_srp_kick(ex.srp);
	}
	cs_exec_flow_update();
	return rc;
}

int cs_exec_mcast(const struct iovec *iov, size_t iovcnt)
{
	return pg_mcast(TOTEM_PG_SERVICES, iov, iovcnt);
}

int cs_exec_sync_mcast(const struct iovec *iov, size_t iovcnt)
{
	return pg_mcast(TOTEM_PG_SYNC, iov, iovcnt);
}

/* ---- the SRP engine's environment ---- */

static void env_mcast(void *ctx, const void *pkt, size_t len)
{
	totem_net_mcast(ex.net, pkt, len);
}

static void env_unicast(void *ctx, uint32_t nodeid, const void *pkt, size_t len)
{
	totem_net_unicast(ex.net, nodeid, pkt, len);
}

static void timer_fired(void *data)
{
	struct timer *t = data;
	void (*fn)(void *) = t->fn;
	void *arg = t->data;

	free(t);
	fn(arg);
}

static uint64_t env_now_ms(void *ctx)
{
	return qb_util_nano_current_get() / 1000000ull;
}

static void *env_timer_add(void *ctx, uint32_t ms, void (*fn)(void *), void *data)
{
	struct timer *t = malloc(sizeof(*t));

	if (t == NULL) {
		return NULL;
	}
	t->fn = fn;
	t->data = data;
	if (qb_loop_timer_add(ex.loop, QB_LOOP_HIGH, (uint64_t)ms * 1000000ull, t, timer_fired,
			      &t->handle) < 0) {
		free(t);
		return NULL;
	}
	return t;
}

static void env_timer_del(void *ctx, void *timer)
{
	struct timer *t = timer;

	if (t != NULL) {
		qb_loop_timer_del(ex.loop, t->handle);
		free(t);
	}
}

static void env_deliver(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	totem_pg_deliver(ex.pg, nodeid, msg, len);
}

static void env_confchg(void *ctx, enum totem_confchg_type type, const uint32_t *members,
			size_t n_members, const uint32_t *left, size_t n_left,
			const uint32_t *joined, size_t n_joined,
			const struct totem_ring_id *ring_id)
{
	static uint32_t trans[TOTEM_MEMBERS_MAX];
	static size_t n_trans;

	totem_pg_confchg(ex.pg, type);
	if (type == TOTEM_CONFCHG_TRANSITIONAL) {
		cs_sync_abort();
		memcpy(trans, members, n_members * sizeof(members[0]));
		n_trans = n_members;
	} else {
		memcpy(ex.members, members, n_members * sizeof(members[0]));
		ex.n_members = n_members;
		ex.ring_id = *ring_id;
	}
	cs_service_confchg(type, members, n_members, left, n_left, joined, n_joined, ring_id);
	if (type == TOTEM_CONFCHG_REGULAR) {
		cs_sync_start(trans, n_trans, members, n_members, ring_id);
	}
	cs_exec_flow_update();
}

static void ring_seq_path(char *path, size_t size)
{
	snprintf(path, size, "%s/ringid_%u", ex.totem.state_dir, ex.totem.nodeid);
}

static uint64_t env_ring_seq_load(void *ctx)
{
	char path[PATH_MAX + 32];
	uint64_t seq = 0;
	int fd;

	ring_seq_path(path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &seq, sizeof(seq)) != sizeof(seq)) {
			seq = 0;
		}
		close(fd);
	}
	return seq;
}

static void env_ring_seq_store(void *ctx, uint64_t seq)
{
	char path[PATH_MAX + 32];
	int fd;

	ring_seq_path(path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, &seq, sizeof(seq)) != sizeof(seq)) {
		cs_log(LOG_WARNING, "Cannot store the ring sequence in %s: %s", path,
		       strerror(errno));
	}
	if (fd >= 0) {
		close(fd);
	}
}

static size_t env_pull(void *ctx, const void **msg)
{
	size_t len = totem_pg_pull(ex.pg, msg);

	cs_exec_flow_update();
	return len;
}

static uint32_t env_backlog(void *ctx)
{
	return totem_pg_backlog(ex.pg);
}

static void net_deliver(void *ctx, const void *pkt, size_t len)
{
	totem_srp_receive(ex.srp, pkt, len);
}

static void pg_deliver_services(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	cs_service_deliver(nodeid, msg, len);
}

static void pg_deliver_sync(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	cs_sync_deliver(nodeid, msg, len);
}

/* ---- start and stop ---- */

/* Frames fit in one datagram of netmtu bytes with totem's header and
 * what crypto adds. */
static size_t frame_max(void)
{
	return ex.totem.netmtu - UDP_OVERHEAD - 2 * TOTEM_MCAST_HEADER_SIZE -
	       totem_net_overhead(ex.net);
}

static int start_totem(void)
{
	struct totem_srp_params p = {
		.nodeid = ex.totem.nodeid,
		.token = ex.totem.token,
		.token_retransmit = ex.totem.token_retransmit,
		.hold = ex.totem.hold,
		.join = ex.totem.join,
		.consensus = ex.totem.consensus,
		.merge = ex.totem.merge,
		.fail_recv_const = ex.totem.fail_recv_const,
		.seqno_unchanged_const = ex.totem.seqno_unchanged_const,
		.window_size = ex.totem.window_size,
		.max_messages = ex.totem.max_messages,
	};
	struct totem_srp_env env = {
		.mcast = env_mcast,
		.unicast = env_unicast,
		.now_ms = env_now_ms,
		.timer_add = env_timer_add,
		.timer_del = env_timer_del,
		.deliver = env_deliver,
		.confchg = env_confchg,
		.ring_seq_load = env_ring_seq_load,
		.ring_seq_store = env_ring_seq_store,
		.pull = env_pull,
		.backlog = env_backlog,
	};
	int rc;

	ex.net = totem_net_create(&ex.totem, ex.loop, net_deliver, NULL, &rc);
	if (ex.net == NULL) {
		return rc;
	}
	p.max_msg_len = frame_max();
	ex.pg = totem_pg_create(frame_max(), PG_QUEUE_MAX);
	ex.srp = totem_srp_create(&p, &env);
	if (ex.pg == NULL || ex.srp == NULL) {
		return -ENOMEM;
	}
	totem_pg_set_deliver(ex.pg, TOTEM_PG_SERVICES, pg_deliver_services, NULL);
	totem_pg_set_deliver(ex.pg, TOTEM_PG_SYNC, pg_deliver_sync, NULL);
	cs_log(LOG_NOTICE, "Token Timeout (%u ms) retransmit timeout (%u ms)", ex.totem.token,
	       ex.totem.token_retransmit);
	cs_log(LOG_NOTICE, "Local node ID %u, cluster name %s", ex.totem.nodeid,
	       ex.totem.cluster_name[0] ? ex.totem.cluster_name : "(none)");
	totem_srp_start(ex.srp);
	return 0;
}

static int start_services(void)
{
	for (size_t i = 0; i < cs_n_services; i++) {
		const struct cs_service *svc = cs_services[i];
		if (svc->init != NULL && svc->init() < 0) {
			cs_log(LOG_ERR, "Service engine %s failed to start", svc->name);
			return -EINVAL;
		}
		cs_log(LOG_NOTICE, "Service engine loaded: %s [%d]", svc->name, svc->id);
	}
	return cs_ipc_init();
}

static int32_t on_signal(int32_t sig, void *data)
{
	cs_log(LOG_NOTICE, "Node was shut down by a signal");
	cs_exec_shutdown();
	return 0;
}

void cs_exec_shutdown(void)
{
	if (ex.shutting_down) {
		return;
	}
	ex.shutting_down = true;
	/* the others form a new ring at once instead of waiting for our token */
	if (ex.srp != NULL && ex.net != NULL) {
		totem_srp_leave(ex.srp);
	}
	qb_loop_stop(ex.loop);
}

int cs_exec_start(const struct cs_map *map, const struct cs_map *lines)
{
	char *error = NULL;
	int rc;

	ex.map = (struct cs_map *)map;
	ex.lines = lines;
	rc = totem_config_read(map, lines, &ex.totem, &error);
	if (rc < 0) {
		cs_log(LOG_ERR, "%s", error ? error : "invalid totem configuration");
		free(error);
		return rc;
	}
	ex.loop = qb_loop_create();
	if (ex.loop == NULL) {
		return -ENOMEM;
	}
	qb_loop_signal_add(ex.loop, QB_LOOP_HIGH, SIGTERM, NULL, on_signal, &ex.sig_term);
	qb_loop_signal_add(ex.loop, QB_LOOP_HIGH, SIGINT, NULL, on_signal, &ex.sig_int);
	if ((rc = start_services()) < 0 || (rc = start_totem()) < 0) {
		return rc;
	}
	cs_exec_flow_update();
	return 0;
}

void cs_exec_run(void)
{
	qb_loop_run(ex.loop);
}

/* What totem did in this run, for whoever reads the log after a problem. */
static void log_totem_summary(void)
{
	const struct totem_srp_stats *s = ex.srp ? totem_srp_stats(ex.srp) : NULL;
	const struct totem_net_stats *n = ex.net ? totem_net_stats(ex.net) : NULL;

	if (s == NULL || n == NULL) {
		return;
	}
	cs_log(LOG_INFO,
	       "totem: %llu tokens, %llu messages sent, %llu received, %llu retransmitted, "
	       "%llu configurations, %llu packets dropped; udp %llu sent, %llu received, %llu send "
	       "errors",
	       (unsigned long long)s->orf_token_rx, (unsigned long long)s->mcast_tx,
	       (unsigned long long)s->mcast_rx, (unsigned long long)s->mcast_retx,
	       (unsigned long long)s->operational_entered, (unsigned long long)s->rx_dropped,
	       (unsigned long long)n->tx_packets, (unsigned long long)n->rx_packets,
	       (unsigned long long)n->tx_errors);
}

void cs_exec_stop(void)
{
	log_totem_summary();
	cs_log(LOG_NOTICE, "Unloading all Corosync service engines.");
	cs_sync_abort();
	cs_ipc_fini();
	for (size_t i = cs_n_services; i-- > 0;) {
		if (cs_services[i]->fini != NULL) {
			cs_services[i]->fini();
		}
		cs_log(LOG_NOTICE, "Service engine unloaded: %s", cs_services[i]->name);
	}
	totem_srp_free(ex.srp);
	totem_net_free(ex.net);
	totem_pg_free(ex.pg);
	if (ex.loop != NULL) {
		qb_loop_signal_del(ex.loop, ex.sig_term);
		qb_loop_signal_del(ex.loop, ex.sig_int);
		qb_loop_destroy(ex.loop);
	}
	memset(&ex, 0, sizeof(ex));
}
