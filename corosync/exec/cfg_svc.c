/*
 * cfg, the service: libcfg's requests on the "cfg" IPC server -- node ids,
 * addresses and link status, log reopening, the shutdown vote -- and the
 * messages cfg sends through totem: kill a node, announce a shutdown,
 * reload the configuration on every node.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <corosync/ipc_cfg.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CFG
#include "../common/cs_log.h"
#include "cfg_int.h"
#include "exec.h"
#include "ipc.h"
#include "ipc_error.h"

/* corosync's default for cfg.shutdown_timeout, in seconds */
#define SHUTDOWN_VOTE_SECONDS 5
/* How long our shutdown announcement may take to go round the ring. */
#define SHUTDOWN_ANNOUNCE_NS (1000ull * 1000 * 1000)

/* Exec messages (corosync's function numbers and layouts). */
enum cfg_exec_fn {
	CFG_EXEC_RINGREENABLE = 0, /* not sent: nothing to re-enable */
	CFG_EXEC_KILLNODE = 1,
	CFG_EXEC_SHUTDOWN = 2,
	CFG_EXEC_RELOAD_CONFIG = 3,
	CFG_EXEC_CRYPTO_RECONFIG = 4, /* not sent: crypto is fixed at start-up */
	CFG_EXEC_COUNT = 5
};

struct cfg_exec_killnode {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
	mar_name_t reason __attribute__((aligned(8)));
};

struct cfg_exec_shutdown {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

/* The source names the client to answer on the node it asked. */
struct cfg_exec_reload {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t source_nodeid __attribute__((aligned(8)));
	uint64_t source_conn __attribute__((aligned(8)));
};

#if defined(__x86_64__)
_Static_assert(sizeof(struct cfg_exec_killnode) == 288, "cfg killnode exec message");
_Static_assert(sizeof(struct cfg_exec_shutdown) == 16, "cfg shutdown exec message");
_Static_assert(sizeof(struct cfg_exec_reload) == 32, "cfg reload exec message");
#endif

struct cfg_conn {
	struct cfg_peer peer; /* what the vote knows of this connection */
	struct cs_conn *conn;
	bool reload_pending; /* answered when our reload message comes back */
};

static struct {
	struct cfg_shutdown vote;
	qb_loop_timer_handle vote_timer;
	bool vote_timer_armed;
	qb_loop_timer_handle leave_timer;
	bool leave_timer_armed;
	bool leaving;
} cf;

static struct cfg_conn *cfd_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

static struct cfg_conn *cfd_of_peer(struct cfg_peer *peer)
{
	return (struct cfg_conn *)((char *)peer - offsetof(struct cfg_conn, peer));
}

static void reply_status(struct cs_conn *conn, int32_t id, int rc)
{
	cs_conn_error(conn, id, cs_ipc_error(rc));
}

static struct cfg_view view(void)
{
	struct cfg_view v = { cs_exec_totem_config(), NULL, 0, cs_exec_node_addr };

	v.members = cs_exec_members(&v.n_members);
	return v;
}

/* ---- leaving ---- */

static void shutdown_job(void *data)
{
	cs_exec_shutdown();
}

/* Stop from the main loop, not from inside a totem delivery. */
static void shutdown_soon(void)
{
	if (qb_loop_job_add(cs_exec_loop(), QB_LOOP_HIGH, NULL, shutdown_job) < 0) {
		cs_exec_shutdown();
	}
}

static void leave_timer_fired(void *data)
{
	cf.leave_timer_armed = false;
	cs_exec_shutdown();
}

/* Announce the shutdown to the other nodes (they log it), then stop once
 * the announcement came round, or after a grace period when totem cannot
 * carry it. */
static void announce_shutdown(void *data)
{
	struct cfg_exec_shutdown m = { 0 };
	struct iovec iov = { &m, sizeof(m) };

	m.header.id = cs_exec_id(CS_SERVICE_CFG, CFG_EXEC_SHUTDOWN);
	m.header.size = sizeof(m);
	if (cs_exec_mcast(&iov, 1) < 0 ||
	    qb_loop_timer_add(cs_exec_loop(), QB_LOOP_HIGH, SHUTDOWN_ANNOUNCE_NS, NULL,
			      leave_timer_fired, &cf.leave_timer) < 0) {
		cs_exec_shutdown();
		return;
	}
	cf.leave_timer_armed = true;
}

/* Decisions are taken inside IPC callbacks, even while the daemon tears
 * its IPC down; the announcement goes out from the main loop, which never
 * runs again once the daemon stops. */
static void leave(void)
{
	if (cf.leaving) {
		return;
	}
	cf.leaving = true;
	if (qb_loop_job_add(cs_exec_loop(), QB_LOOP_HIGH, NULL, announce_shutdown) < 0) {
		cs_exec_shutdown();
	}
}

/* ---- the shutdown vote ---- */

static void vote_ask(void *ctx, struct cfg_peer *peer, uint32_t flags)
{
	struct res_lib_cfg_testshutdown ev = { 0 };

	ev.header.id = MESSAGE_RES_CFG_TESTSHUTDOWN;
	ev.header.size = sizeof(ev);
	ev.header.error = CS_OK;
	ev.flags = flags;
	cs_conn_event(cfd_of_peer(peer)->conn, &ev, sizeof(ev));
}

static void vote_decided(void *ctx, struct cfg_peer *requester, bool go)
{
	struct cs_conn *conn = cfd_of_peer(requester)->conn;

	reply_status(conn, MESSAGE_RES_CFG_TRYSHUTDOWN, go ? 0 : -EBUSY);
	if (go) {
		cs_log(LOG_NOTICE, "Shutting down at the request of pid %d",
		       (int)cs_conn_pid(conn));
		leave();
	} else {
		cs_log(LOG_NOTICE,
		       "The shutdown asked for by pid %d was refused: a client that tracks "
		       "shutdowns said no or did not answer; stop that client first, or force "
		       "the shutdown",
		       (int)cs_conn_pid(conn));
	}
}

static void vote_timer_fired(void *data)
{
	cf.vote_timer_armed = false;
	cs_log(LOG_NOTICE, "Not every client answered the shutdown request in time: "
			   "the silent ones count as no");
	cfg_shutdown_timeout(&cf.vote);
}

/* cfg.shutdown_timeout in seconds: a number from the file is a string. */
static uint64_t vote_timeout_ns(void)
{
	uint32_t seconds = SHUTDOWN_VOTE_SECONDS;
	char *text = NULL;

	if (cs_map_get_u32(cs_exec_map(), "cfg.shutdown_timeout", &seconds) < 0 &&
	    cs_map_get_string(cs_exec_map(), "cfg.shutdown_timeout", &text) == 0) {
		char *end;
		unsigned long v = strtoul(text, &end, 10);
		seconds = *end == '\0' && v > 0 && v < 86400 ? (uint32_t)v : SHUTDOWN_VOTE_SECONDS;
		free(text);
	}
	return (uint64_t)seconds * 1000 * 1000 * 1000;
}

static void vote_timer_start(void *ctx)
{
	if (qb_loop_timer_add(cs_exec_loop(), QB_LOOP_MED, vote_timeout_ns(), NULL,
			      vote_timer_fired, &cf.vote_timer) < 0) {
		cs_log(LOG_WARNING, "Cannot time the shutdown vote: it waits for every answer");
		return;
	}
	cf.vote_timer_armed = true;
}

static void vote_timer_stop(void *ctx)
{
	if (cf.vote_timer_armed) {
		qb_loop_timer_del(cs_exec_loop(), cf.vote_timer);
		cf.vote_timer_armed = false;
	}
}

/* ---- library requests ---- */

static void lib_ringstatusget(struct cs_conn *conn, const void *msg, size_t len)
{
	struct res_lib_cfg_ringstatusget *r = calloc(1, sizeof(*r));
	char ip[INET6_ADDRSTRLEN + 16];

	if (r == NULL) {
		reply_status(conn, MESSAGE_RES_CFG_RINGSTATUSGET, -ENOMEM);
		return;
	}
	r->header.id = MESSAGE_RES_CFG_RINGSTATUSGET;
	r->header.size = sizeof(*r);
	r->header.error = CS_OK;
	if (cs_exec_node_addr(cs_exec_nodeid(), ip, sizeof(ip)) != NULL) {
		r->interface_count = 1;
		snprintf(r->interface_name[0], sizeof(r->interface_name[0]), "0 %s", ip);
		snprintf(r->interface_status[0], sizeof(r->interface_status[0]),
			 "ring 0 active with no faults");
	}
	cs_conn_response(conn, r, sizeof(*r));
	free(r);
}

/* Nothing to re-enable: a udp link has no fault state. */
static void lib_ringreenable(struct cs_conn *conn, const void *msg, size_t len)
{
	reply_status(conn, MESSAGE_RES_CFG_RINGREENABLE, 0);
}

static void lib_killnode(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cfg_killnode *req = msg;
	struct cfg_exec_killnode m = { 0 };
	struct iovec iov = { &m, sizeof(m) };
	size_t n = req->reason.length < sizeof(m.reason.value) ? req->reason.length
							       : sizeof(m.reason.value) - 1;
	struct cfg_view v = view();
	int rc;

	/* corosync answers CS_ERR_NOT_EXIST for a node it does not know */
	if (!cfg_node_known(&v, req->nodeid)) {
		reply_status(conn, MESSAGE_RES_CFG_KILLNODE, -ENOENT);
		return;
	}
	m.header.id = cs_exec_id(CS_SERVICE_CFG, CFG_EXEC_KILLNODE);
	m.header.size = sizeof(m);
	m.nodeid = req->nodeid;
	m.reason.length = (uint16_t)n;
	memcpy(m.reason.value, req->reason.value, n);
	rc = cs_exec_mcast(&iov, 1);
	if (rc == 0) {
		cs_log(LOG_NOTICE, "pid %d asked node %u to leave the cluster",
		       (int)cs_conn_pid(conn), req->nodeid);
	}
	reply_status(conn, MESSAGE_RES_CFG_KILLNODE, rc);
}

static void lib_tryshutdown(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cfg_tryshutdown *req = msg;
	int rc = cfg_shutdown_request(&cf.vote, &cfd_of(conn)->peer, req->flags);

	/* on success the vote answers, now or once decided */
	if (rc < 0) {
		reply_status(conn, MESSAGE_RES_CFG_TRYSHUTDOWN, rc);
	}
}

static void lib_replytoshutdown(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cfg_replytoshutdown *req = msg;
	int rc = cfg_shutdown_reply(&cf.vote, &cfd_of(conn)->peer, req->response != 0);

	/* no vote runs: corosync answers CS_ERR_ACCESS */
	reply_status(conn, MESSAGE_RES_CFG_REPLYTOSHUTDOWN, rc == -ENOENT ? -EACCES : rc);
}

static void lib_get_node_addrs(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cfg_get_node_addrs *req = msg;
	union {
		struct res_lib_cfg_get_node_addrs res;
		uint8_t bytes[sizeof(struct res_lib_cfg_get_node_addrs) + TOTEMIP_ADDRLEN];
	} r;
	struct cfg_view v = view();
	struct sockaddr_storage ss;
	int rc = cfg_node_addr(&v, req->nodeid, &ss);

	memset(&r, 0, sizeof(r));
	if (rc == 0) {
		const void *a = ss.ss_family == AF_INET6
					? (const void *)&((struct sockaddr_in6 *)&ss)->sin6_addr
					: (const void *)&((struct sockaddr_in *)&ss)->sin_addr;
		r.res.family = ss.ss_family;
		r.res.num_addrs = 1;
		memcpy(r.res.addrs[0], a,
		       ss.ss_family == AF_INET6 ? sizeof(struct in6_addr) : sizeof(struct in_addr));
	}
	r.res.header.id = MESSAGE_RES_CFG_GET_NODE_ADDRS;
	r.res.header.size = (int32_t)(sizeof(r.res) + r.res.num_addrs * TOTEMIP_ADDRLEN);
	r.res.header.error = cs_ipc_error(rc);
	cs_conn_response(conn, &r, (size_t)r.res.header.size);
}

static void lib_local_get(struct cs_conn *conn, const void *msg, size_t len)
{
	struct res_lib_cfg_local_get r = { 0 };

	r.header.id = MESSAGE_RES_CFG_LOCAL_GET;
	r.header.size = sizeof(r);
	r.header.error = CS_OK;
	r.local_nodeid = cs_exec_nodeid();
	cs_conn_response(conn, &r, sizeof(r));
}

/* Every node reloads its own file; ours answers once our message (and so
 * every reload before it) came round. */
static void lib_reload_config(struct cs_conn *conn, const void *msg, size_t len)
{
	struct cfg_exec_reload m = { 0 };
	struct iovec iov = { &m, sizeof(m) };
	int rc;

	m.header.id = cs_exec_id(CS_SERVICE_CFG, CFG_EXEC_RELOAD_CONFIG);
	m.header.size = sizeof(m);
	m.source_nodeid = cs_exec_nodeid();
	m.source_conn = cs_conn_id(conn);
	rc = cs_exec_mcast(&iov, 1);
	if (rc < 0) {
		reply_status(conn, MESSAGE_RES_CFG_RELOAD_CONFIG, rc);
		return;
	}
	cfd_of(conn)->reload_pending = true;
}

static void lib_reopen_log_files(struct cs_conn *conn, const void *msg, size_t len)
{
	int rc;

	cs_log(LOG_NOTICE, "Reopening the log files at the request of pid %d",
	       (int)cs_conn_pid(conn));
	rc = cs_log_reopen();
	if (rc < 0) {
		cs_log(LOG_ERR, "Cannot reopen the log files: %s", strerror(-rc));
	}
	reply_status(conn, MESSAGE_RES_CFG_REOPEN_LOG_FILES, rc);
}

static void lib_nodestatusget(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cfg_nodestatusget *req = msg;
	struct res_lib_cfg_nodestatusget_v1 r;
	struct cfg_view v = view();
	int rc;

	if (req->version != CFG_NODE_STATUS_V1) {
		reply_status(conn, MESSAGE_RES_CFG_NODESTATUSGET, -ENOTSUP);
		return;
	}
	memset(&r, 0, sizeof(r));
	rc = cfg_node_status(&v, req->nodeid, &r.node_status);
	r.header.id = MESSAGE_RES_CFG_NODESTATUSGET;
	r.header.size = sizeof(r);
	r.header.error = cs_ipc_error(rc);
	cs_conn_response(conn, &r, sizeof(r));
}

static void lib_trackstart(struct cs_conn *conn, const void *msg, size_t len)
{
	reply_status(conn, MESSAGE_RES_CFG_STATETRACKSTART, 0);
	/* after the answer: a vote under way asks the newcomer at once */
	cfg_shutdown_track(&cf.vote, &cfd_of(conn)->peer);
}

static void lib_trackstop(struct cs_conn *conn, const void *msg, size_t len)
{
	cfg_shutdown_untrack(&cf.vote, &cfd_of(conn)->peer);
	reply_status(conn, MESSAGE_RES_CFG_STATETRACKSTOP, 0);
}

/* ---- exec messages ---- */

/* A reason as printable text: it comes from another node into our log. */
static void reason_text(const mar_name_t *name, char *buf, size_t size)
{
	size_t n = name->length < size - 1 ? name->length : size - 1;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = name->value[i];
		if (ch == '\0') {
			n = i;
			break;
		}
		buf[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
	}
	buf[n] = '\0';
}

static void exec_killnode(const void *msg, size_t len, uint32_t nodeid)
{
	const struct cfg_exec_killnode *m = msg;
	char reason[CS_MAX_NAME_LENGTH + 1];

	if (m->nodeid != cs_exec_nodeid()) {
		return;
	}
	reason_text(&m->reason, reason, sizeof(reason));
	cs_log(LOG_NOTICE, "Killed by node %u: %s; corosync shuts down", nodeid,
	       reason[0] ? reason : "(no reason given)");
	shutdown_soon();
}

static void exec_shutdown(const void *msg, size_t len, uint32_t nodeid)
{
	if (nodeid != cs_exec_nodeid()) {
		cs_log(LOG_NOTICE, "Node %u was shut down by sysadmin", nodeid);
		return;
	}
	/* our announcement came round: everyone heard it */
	if (cf.leaving) {
		if (cf.leave_timer_armed) {
			qb_loop_timer_del(cs_exec_loop(), cf.leave_timer);
			cf.leave_timer_armed = false;
		}
		shutdown_soon();
	}
}

struct reload_answer {
	uint64_t conn_id;
	int rc;
};

static void answer_reload(struct cs_conn *conn, void *data)
{
	const struct reload_answer *a = data;
	struct cfg_conn *cfd = cfd_of(conn);

	if (cs_conn_id(conn) == a->conn_id && cfd->reload_pending) {
		cfd->reload_pending = false;
		reply_status(conn, MESSAGE_RES_CFG_RELOAD_CONFIG, a->rc);
	}
}

static void exec_reload(const void *msg, size_t len, uint32_t nodeid)
{
	const struct cfg_exec_reload *m = msg;
	struct reload_answer a = { m->source_conn, -ENOENT };
	char *path = cs_exec_config_file();

	cs_log(LOG_NOTICE, "Config reload requested by node %u", nodeid);
	if (path != NULL) {
		a.rc = cfg_reload(cs_exec_map(), path);
		free(path);
	} else {
		cs_log(LOG_ERR, "Cannot reload: the configuration file is not known");
	}
	if (nodeid == cs_exec_nodeid() && m->source_nodeid == nodeid) {
		cs_conn_foreach(CS_SERVICE_CFG, answer_reload, &a);
	}
}

static const struct cs_exec_handler cfg_exec_handlers[CFG_EXEC_COUNT] = {
	[CFG_EXEC_KILLNODE] = { exec_killnode, sizeof(struct cfg_exec_killnode) },
	[CFG_EXEC_SHUTDOWN] = { exec_shutdown, sizeof(struct cfg_exec_shutdown) },
	[CFG_EXEC_RELOAD_CONFIG] = { exec_reload, sizeof(struct cfg_exec_reload) },
};

/* ---- the service ---- */

static int cfg_init(void)
{
	const struct cfg_shutdown_ops ops = {
		.ask = vote_ask,
		.decided = vote_decided,
		.timer_start = vote_timer_start,
		.timer_stop = vote_timer_stop,
	};

	memset(&cf, 0, sizeof(cf));
	cfg_shutdown_init(&cf.vote, &ops);
	return 0;
}

static void cfg_fini(void)
{
	vote_timer_stop(NULL);
	if (cf.leave_timer_armed) {
		qb_loop_timer_del(cs_exec_loop(), cf.leave_timer);
	}
	memset(&cf, 0, sizeof(cf));
}

static int conn_init(struct cs_conn *conn)
{
	cfd_of(conn)->conn = conn;
	return 0;
}

static void conn_exit(struct cs_conn *conn)
{
	struct cfg_conn *cfd = cfd_of(conn);

	cfg_shutdown_gone(&cf.vote, &cfd->peer);
	cfd->reload_pending = false;
}

/* clang-format off */
#define REQ(id, fn, type, totem) [id] = { fn, sizeof(struct type), totem, false }
/* clang-format on */

static const struct cs_lib_handler cfg_lib_handlers[] = {
	REQ(MESSAGE_REQ_CFG_RINGSTATUSGET, lib_ringstatusget, req_lib_cfg_ringstatusget, false),
	REQ(MESSAGE_REQ_CFG_RINGREENABLE, lib_ringreenable, req_lib_cfg_ringreenable, false),
	REQ(MESSAGE_REQ_CFG_KILLNODE, lib_killnode, req_lib_cfg_killnode, true),
	REQ(MESSAGE_REQ_CFG_TRYSHUTDOWN, lib_tryshutdown, req_lib_cfg_tryshutdown, false),
	REQ(MESSAGE_REQ_CFG_REPLYTOSHUTDOWN, lib_replytoshutdown, req_lib_cfg_replytoshutdown,
	    false),
	REQ(MESSAGE_REQ_CFG_GET_NODE_ADDRS, lib_get_node_addrs, req_lib_cfg_get_node_addrs, false),
	REQ(MESSAGE_REQ_CFG_LOCAL_GET, lib_local_get, req_lib_cfg_local_get, false),
	REQ(MESSAGE_REQ_CFG_RELOAD_CONFIG, lib_reload_config, req_lib_cfg_reload_config, true),
	REQ(MESSAGE_REQ_CFG_REOPEN_LOG_FILES, lib_reopen_log_files, req_lib_cfg_reopen_log_files,
	    false),
	REQ(MESSAGE_REQ_CFG_NODESTATUSGET, lib_nodestatusget, req_lib_cfg_nodestatusget, false),
	REQ(MESSAGE_REQ_CFG_TRACKSTART, lib_trackstart, req_lib_cfg_trackstart, false),
	REQ(MESSAGE_REQ_CFG_TRACKSTOP, lib_trackstop, req_lib_cfg_trackstop, false),
};

const struct cs_service cs_cfg_service = {
	.name = "corosync configuration service",
	.id = CS_SERVICE_CFG,
	.ipc_name = "cfg",
	.conn_private = sizeof(struct cfg_conn),
	.lib = cfg_lib_handlers,
	.n_lib = sizeof(cfg_lib_handlers) / sizeof(cfg_lib_handlers[0]),
	.exec = cfg_exec_handlers,
	.n_exec = CFG_EXEC_COUNT,
	.init = cfg_init,
	.fini = cfg_fini,
	.conn_init = conn_init,
	.conn_exit = conn_exit,
};
