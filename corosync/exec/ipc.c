/*
 * libqb IPC servers of the services on the qb loop (see ipc.h).
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <qb/qbipcs.h>
#include <qb/qbloop.h>
#include <corosync/corotypes.h>

#define CS_LOG_SUBSYS CS_SUBSYS_MAIN
#include "../common/cs_log.h"
#include "../common/cs_ratelimit.h"
#include "exec.h"
#include "ipc.h"

/* How soon to try again when a client's event buffer is full.  libqb
 * cannot tell us when the client has read, so this polls; and its loop
 * waits in whole milliseconds, spinning through the part of the last one
 * it rounded away: a short interval would keep the daemon busy (at
 * realtime priority, starving the very client it waits for). */
#define EVENT_RETRY_NS (10 * 1000 * 1000ull)

struct queued_event {
	struct queued_event *next;
	size_t len;
	uint8_t data[];
};

struct cs_conn {
	qb_ipcs_connection_t *qb;
	const struct cs_service *svc;
	pid_t pid;
	uid_t uid;
	gid_t gid;
	struct cs_conn *next; /* in the service's list */
	struct queued_event *ev_head, *ev_tail;
	size_t ev_queued;
	bool ev_retry_armed;
	qb_loop_timer_handle ev_retry;
	uint8_t private_[];
};

static struct {
	qb_ipcs_service_t *server[CS_SERVICE_MAX];
	struct cs_conn *conns[CS_SERVICE_MAX];
	enum cs_ipc_rate rate;
	bool blocked; /* rate == CS_IPC_OFF */
	uid_t cluster_uid;
	gid_t cluster_gid;
} ipc;

/* ---- the qb loop as libqb's poll loop ---- */

static int32_t job_add(enum qb_loop_priority p, void *data, qb_loop_job_dispatch_fn fn)
{
	return qb_loop_job_add(cs_exec_loop(), p, data, fn);
}

static int32_t dispatch_add(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
			    qb_ipcs_dispatch_fn_t fn)
{
	return qb_loop_poll_add(cs_exec_loop(), p, fd, events, data, fn);
}

/* libqb calls this when the rate limit changes.  While requests are
 * refused, libqb leaves the clients' wake-up bytes unread; polling for
 * them would make the loop spin (and, at realtime priority, starve the
 * very clients it waits for), so only hang-ups are watched then. */
static int32_t dispatch_mod(enum qb_loop_priority p, int32_t fd, int32_t events, void *data,
			    qb_ipcs_dispatch_fn_t fn)
{
	return qb_loop_poll_mod(cs_exec_loop(), p, fd, ipc.blocked ? 0 : events, data, fn);
}

static int32_t dispatch_del(int32_t fd)
{
	return qb_loop_poll_del(cs_exec_loop(), fd);
}

static struct qb_ipcs_poll_handlers poll_handlers = {
	.job_add = job_add,
	.dispatch_add = dispatch_add,
	.dispatch_mod = dispatch_mod,
	.dispatch_del = dispatch_del,
};

/* ---- access ---- */

/* uidgid.<kind>.<id> or uidgid.config.<kind>.<id> set to 1 */
static bool map_flag(const char *kind, unsigned id)
{
	char key[64];
	uint8_t v = 0;

	snprintf(key, sizeof(key), "uidgid.%s.%u", kind, id);
	if (cs_map_get_typed(cs_exec_map(), key, &v, sizeof(v), CS_MAP_UINT8) == 0 && v == 1) {
		return true;
	}
	snprintf(key, sizeof(key), "uidgid.config.%s.%u", kind, id);
	return cs_map_get_typed(cs_exec_map(), key, &v, sizeof(v), CS_MAP_UINT8) == 0 && v == 1;
}

/* The cluster's own account and group (pacemaker's daemons run as
 * hacluster:haclient), or -1 when the system has none. */
static uid_t cluster_uid(void)
{
	struct passwd *pw = getpwnam(CLUSTER_USER);

	return pw != NULL ? pw->pw_uid : (uid_t)-1;
}

static gid_t cluster_gid(void)
{
	struct group *gr = getgrnam(CLUSTER_GROUP);

	return gr != NULL ? gr->gr_gid : (gid_t)-1;
}

/* root, the cluster's user and group, and uids/gids allowed in uidgid {}
 * or uidgid.d/ */
static bool allowed(uid_t uid, gid_t gid)
{
	return uid == 0 || gid == 0 || uid == ipc.cluster_uid || gid == ipc.cluster_gid ||
	       map_flag("uid", uid) || map_flag("gid", gid);
}

static int32_t on_accept(qb_ipcs_connection_t *c, uid_t uid, gid_t gid)
{
	if (!allowed(uid, gid)) {
		cs_log(LOG_ERR, "Denied connection attempt from %u:%u", (unsigned)uid,
		       (unsigned)gid);
		return -EACCES;
	}
	return 0;
}

static const struct cs_service *service_of(qb_ipcs_connection_t *c)
{
	return cs_service_by_id((uint32_t)qb_ipcs_service_id_get(c));
}

static void on_created(qb_ipcs_connection_t *c)
{
	const struct cs_service *svc = service_of(c);
	struct cs_conn *conn = calloc(1, sizeof(*conn) + svc->conn_private);
	struct qb_ipcs_connection_stats stats = { 0 };

	if (conn == NULL) {
		qb_ipcs_disconnect(c);
		return;
	}
	qb_ipcs_connection_stats_get(c, &stats, QB_FALSE);
	conn->qb = c;
	conn->svc = svc;
	conn->pid = stats.client_pid;
	qb_ipcs_context_set(c, conn);
	conn->next = ipc.conns[svc->id];
	ipc.conns[svc->id] = conn;
	if (svc->conn_init != NULL && svc->conn_init(conn) < 0) {
		qb_ipcs_disconnect(c);
	}
}

static void events_drop(struct cs_conn *conn)
{
	if (conn->ev_retry_armed) {
		qb_loop_timer_del(cs_exec_loop(), conn->ev_retry);
		conn->ev_retry_armed = false;
	}
	while (conn->ev_head != NULL) {
		struct queued_event *e = conn->ev_head;
		conn->ev_head = e->next;
		free(e);
	}
	conn->ev_tail = NULL;
	conn->ev_queued = 0;
}

static int32_t on_closed(qb_ipcs_connection_t *c)
{
	struct cs_conn *conn = qb_ipcs_context_get(c);

	if (conn == NULL) {
		return 0;
	}
	for (struct cs_conn **p = &ipc.conns[conn->svc->id]; *p != NULL; p = &(*p)->next) {
		if (*p == conn) {
			*p = conn->next;
			break;
		}
	}
	if (conn->svc->conn_exit != NULL) {
		conn->svc->conn_exit(conn);
	}
	events_drop(conn);
	return 0;
}

static void on_destroyed(qb_ipcs_connection_t *c)
{
	struct cs_conn *conn = qb_ipcs_context_get(c);

	if (conn != NULL) {
		qb_ipcs_context_set(c, NULL);
		free(conn);
	}
}

/* ---- requests ---- */

int cs_conn_error(struct cs_conn *conn, int32_t id, int32_t error)
{
	struct qb_ipc_response_header r = { .id = id, .size = sizeof(r), .error = error };

	return cs_conn_response(conn, &r, sizeof(r));
}

static int32_t on_message(qb_ipcs_connection_t *c, void *data, size_t size)
{
	struct cs_conn *conn = qb_ipcs_context_get(c);
	const struct qb_ipc_request_header *h = data;
	const struct cs_lib_handler *handler;

	if (conn == NULL || size < sizeof(*h)) {
		return 0;
	}
	if (h->id < 0 || (size_t)h->id >= conn->svc->n_lib || conn->svc->lib[h->id].fn == NULL) {
		cs_conn_error(conn, h->id, CS_ERR_INVALID_PARAM);
		return 0;
	}
	handler = &conn->svc->lib[h->id];
	if (size < handler->min_size) {
		cs_log(LOG_WARNING, "Short %s request %d (%zu bytes) from pid %d",
		       conn->svc->ipc_name, h->id, size, (int)conn->pid);
		if (!handler->no_reply) {
			cs_conn_error(conn, h->id, CS_ERR_INVALID_PARAM);
		}
		return 0;
	}
	if (handler->needs_totem && !handler->no_reply && !cs_exec_can_send(size)) {
		cs_conn_error(conn, 0, CS_ERR_TRY_AGAIN);
		return 0;
	}
	handler->fn(conn, data, size);
	return 0;
}

static struct qb_ipcs_service_handlers service_handlers = {
	.connection_accept = on_accept,
	.connection_created = on_created,
	.msg_process = on_message,
	.connection_closed = on_closed,
	.connection_destroyed = on_destroyed,
};

/* ---- responses and events ---- */

int cs_conn_response(struct cs_conn *conn, const void *msg, size_t len)
{
	struct iovec iov = { (void *)msg, len };

	return cs_conn_responsev(conn, &iov, 1);
}

int cs_conn_responsev(struct cs_conn *conn, const struct iovec *iov, size_t iovcnt)
{
	ssize_t rc = qb_ipcs_response_sendv(conn->qb, iov, iovcnt);

	if (rc < 0) {
		cs_log(LOG_DEBUG, "Cannot answer %s client %d: %s", conn->svc->ipc_name,
		       (int)conn->pid, strerror((int)-rc));
		return (int)rc;
	}
	return 0;
}

static void events_flush(struct cs_conn *conn);

static void event_retry(void *data)
{
	struct cs_conn *conn = data;

	conn->ev_retry_armed = false;
	events_flush(conn);
}

static void events_flush(struct cs_conn *conn)
{
	while (conn->ev_head != NULL) {
		struct queued_event *e = conn->ev_head;
		ssize_t rc = qb_ipcs_event_send(conn->qb, e->data, e->len);
		if (rc == -EAGAIN || rc == -ENOBUFS) {
			if (!conn->ev_retry_armed) {
				conn->ev_retry_armed = true;
				qb_loop_timer_add(cs_exec_loop(), QB_LOOP_HIGH, EVENT_RETRY_NS,
						  conn, event_retry, &conn->ev_retry);
			}
			return;
		}
		conn->ev_head = e->next;
		if (conn->ev_head == NULL) {
			conn->ev_tail = NULL;
		}
		conn->ev_queued--;
		free(e);
	}
}

static int event_queue(struct cs_conn *conn, const struct iovec *iov, size_t iovcnt)
{
	size_t len = 0;

	for (size_t i = 0; i < iovcnt; i++) {
		len += iov[i].iov_len;
	}
	struct queued_event *e = malloc(sizeof(*e) + len);
	if (e == NULL) {
		return -ENOMEM;
	}
	e->next = NULL;
	e->len = 0;
	for (size_t i = 0; i < iovcnt; i++) {
		memcpy(e->data + e->len, iov[i].iov_base, iov[i].iov_len);
		e->len += iov[i].iov_len;
	}
	if (conn->ev_tail != NULL) {
		conn->ev_tail->next = e;
	} else {
		conn->ev_head = e;
	}
	conn->ev_tail = e;
	conn->ev_queued++;
	return 0;
}

int cs_conn_eventv(struct cs_conn *conn, const struct iovec *iov, size_t iovcnt)
{
	if (conn->ev_head == NULL) {
		ssize_t rc = qb_ipcs_event_sendv(conn->qb, iov, iovcnt);
		if (rc >= 0) {
			return 0;
		}
		if (rc != -EAGAIN && rc != -ENOBUFS) {
			return (int)rc;
		}
	}
	int rc = event_queue(conn, iov, iovcnt);
	events_flush(conn);
	return rc;
}

int cs_conn_event(struct cs_conn *conn, const void *msg, size_t len)
{
	struct iovec iov = { (void *)msg, len };

	return cs_conn_eventv(conn, &iov, 1);
}

void *cs_conn_private(struct cs_conn *conn)
{
	return conn->private_;
}

pid_t cs_conn_pid(const struct cs_conn *conn)
{
	return conn->pid;
}

uint64_t cs_conn_id(const struct cs_conn *conn)
{
	return (uint64_t)(uintptr_t)conn;
}

void cs_conn_foreach(enum cs_service_id service, void (*fn)(struct cs_conn *conn, void *data),
		     void *data)
{
	for (struct cs_conn *c = ipc.conns[service], *next; c != NULL; c = next) {
		next = c->next;
		fn(c, data);
	}
}

void cs_conn_disconnect(struct cs_conn *conn)
{
	qb_ipcs_disconnect(conn->qb);
}

/* ---- servers ---- */

void cs_ipc_flow_control(enum cs_ipc_rate rate)
{
	static const enum qb_ipcs_rate_limit limits[] = {
		[CS_IPC_FAST] = QB_IPCS_RATE_FAST,
		[CS_IPC_NORMAL] = QB_IPCS_RATE_NORMAL,
		[CS_IPC_OFF] = QB_IPCS_RATE_OFF,
	};

	if (rate == ipc.rate) {
		return;
	}
	ipc.rate = rate;
	ipc.blocked = rate == CS_IPC_OFF;
	for (size_t i = 0; i < CS_SERVICE_MAX; i++) {
		if (ipc.server[i] != NULL) {
			qb_ipcs_request_rate_limit(ipc.server[i], limits[rate]);
		}
	}
}

int cs_ipc_init(void)
{
	ipc.cluster_uid = cluster_uid();
	ipc.cluster_gid = cluster_gid();
	ipc.rate = CS_IPC_NORMAL; /* what libqb's servers start with */
	for (size_t i = 0; i < cs_n_services; i++) {
		const struct cs_service *svc = cs_services[i];
		qb_ipcs_service_t *s;

		if (svc->ipc_name == NULL) {
			continue;
		}
		s = qb_ipcs_create(svc->ipc_name, (int32_t)svc->id, QB_IPC_NATIVE,
				   &service_handlers);
		if (s == NULL) {
			cs_log(LOG_ERR, "Cannot create IPC server %s: %s", svc->ipc_name,
			       strerror(errno));
			return -errno;
		}
		qb_ipcs_poll_handlers_set(s, &poll_handlers);
		int rc = qb_ipcs_run(s);
		if (rc < 0) {
			cs_log(LOG_ERR, "Cannot serve IPC %s: %s (is another corosync running?)",
			       svc->ipc_name, strerror(-rc));
			qb_ipcs_destroy(s);
			return rc;
		}
		ipc.server[svc->id] = s;
	}
	return 0;
}

void cs_ipc_fini(void)
{
	for (size_t i = 0; i < CS_SERVICE_MAX; i++) {
		qb_ipcs_service_t *s = ipc.server[i];
		/* forgotten first: a service that reacts to a closing
		 * connection must not reach the server being destroyed */
		ipc.server[i] = NULL;
		if (s != NULL) {
			qb_ipcs_destroy(s);
		}
	}
}
