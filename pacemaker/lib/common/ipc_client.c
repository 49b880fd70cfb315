/*
 * Talking to a pacemaker daemon over libqb IPC: blocking calls for tools,
 * main-loop delivery of events and asynchronous replies for daemons.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>
#include <glib-unix.h>
#include <qb/qbipcc.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "ipc_wire.h"

/* How long to wait between tries while the server's buffer is full. */
#define SEND_RETRY_US 2000
/* How long a send may wait for room before giving up. */
#define SEND_TIMEOUT_MS 30000
/* A blocking call waits in slices this long, looking in between whether
 * the server is still there (a reply ring in shared memory does not tell
 * when the server dies). */
#define CALL_SLICE_MS 200

struct pcmk_ipc_conn {
	qb_ipcc_connection_t *qb;
	size_t frame_max;
	char *frame_buf; /* one received frame */
	uint32_t last_id;
	struct ipc_assembly reply_in; /* response channel */
	struct ipc_assembly event_in; /* event channel */
	const struct pcmk_ipc_conn_ops *ops;
	void *ops_data;
	guint watch;
	int busy;           /* inside a callback */
	bool close_pending; /* pcmk_ipc_close() called while busy */
	bool dead;
};

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct pcmk_ipc_conn *pcmk_ipc_connect(const char *name, int *rc)
{
	struct pcmk_ipc_conn *conn = calloc(1, sizeof(*conn));

	if (conn == NULL) {
		*rc = -ENOMEM;
		return NULL;
	}
	conn->frame_max = ipc_frame_max();
	conn->frame_buf = malloc(conn->frame_max);
	if (conn->frame_buf == NULL) {
		*rc = -ENOMEM;
		free(conn);
		return NULL;
	}
	conn->qb = qb_ipcc_connect(name, conn->frame_max);
	if (conn->qb == NULL) {
		*rc = errno ? -errno : -ECONNREFUSED;
		free(conn->frame_buf);
		free(conn);
		return NULL;
	}
	*rc = 0;
	return conn;
}

/* Hand one frame to libqb, waiting while the server's buffer is full. */
static int send_frame(const struct iovec *iov, size_t n, void *ctx)
{
	struct pcmk_ipc_conn *conn = ctx;
	long long deadline = now_ms() + SEND_TIMEOUT_MS;

	for (;;) {
		ssize_t rc = qb_ipcc_sendv(conn->qb, iov, n);
		if (rc >= 0) {
			return 0;
		}
		if (rc != -EAGAIN || now_ms() > deadline) {
			return (int)rc;
		}
		g_usleep(SEND_RETRY_US);
	}
}

static int send_xml(struct pcmk_ipc_conn *conn, xmlNode *msg, uint32_t flags, uint32_t *id)
{
	char *text;
	int rc;

	if (conn->dead) {
		return -ENOTCONN;
	}
	text = pcmk_xml_to_string(msg, false);
	if (text == NULL) {
		return -ENOMEM;
	}
	if (++conn->last_id == 0) {
		conn->last_id = 1;
	}
	*id = conn->last_id;
	rc = ipc_send_frames(text, strlen(text), *id, flags, IPC_TO_SERVER, conn->frame_max,
			     send_frame, conn);
	free(text);
	return rc;
}

int pcmk_ipc_send(struct pcmk_ipc_conn *conn, xmlNode *msg, bool want_reply, uint32_t *id)
{
	uint32_t sent_id;
	int rc = send_xml(conn, msg, want_reply ? PCMK_IPC_REPLY_ASYNC : 0, &sent_id);

	if (rc == 0 && id != NULL) {
		*id = sent_id;
	}
	return rc;
}

/* Add one received frame to @a; on a whole message return 1 with the XML. */
static int take_frame(struct pcmk_ipc_conn *conn, struct ipc_assembly *a, ssize_t size,
		      xmlDoc **doc)
{
	struct ipc_frame frame;
	const char *chunk;
	int rc = ipc_frame_parse(conn->frame_buf, (size_t)size, IPC_TO_CLIENT, &frame, &chunk);

	if (rc == 0) {
		rc = ipc_assembly_add(a, &frame, chunk);
	}
	if (rc == 1 && pcmk_xml_parse(a->text, a->have, doc, NULL) < 0) {
		rc = -EPROTO;
	}
	if (rc < 0) {
		ipc_assembly_reset(a);
		conn->dead = true;
		pcmk_warn("Malformed message from IPC server: %s", strerror(-rc));
	}
	return rc;
}

/* Whether the server closed its end of the connection. */
static bool server_gone(struct pcmk_ipc_conn *conn)
{
	struct pollfd pfd = { .events = POLLIN };

	if (qb_ipcc_fd_get(conn->qb, &pfd.fd) < 0) {
		return true;
	}
	return poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int pcmk_ipc_call(struct pcmk_ipc_conn *conn, xmlNode *msg, int timeout_ms, xmlDoc **reply)
{
	long long deadline = now_ms() + timeout_ms;
	uint32_t id;
	int rc = send_xml(conn, msg, PCMK_IPC_REPLY_SYNC, &id);

	*reply = NULL;
	while (rc == 0) {
		long long left = deadline - now_ms();
		if (left <= 0) {
			return -ETIMEDOUT;
		}
		ssize_t got = qb_ipcc_recv(conn->qb, conn->frame_buf, conn->frame_max,
					   (int32_t)(left < CALL_SLICE_MS ? left : CALL_SLICE_MS));
		if ((got == -EAGAIN || got == -ETIMEDOUT) && server_gone(conn)) {
			got = -ENOTCONN;
		}
		if (got == -EAGAIN || got == -ETIMEDOUT) {
			continue;
		}
		if (got < 0) {
			conn->dead = true;
			return got == -ENOTCONN ? -ENOTCONN : (int)got;
		}
		xmlDoc *doc = NULL;
		rc = take_frame(conn, &conn->reply_in, got, &doc);
		if (rc == 1) {
			uint32_t answered = conn->reply_in.id;
			ipc_assembly_reset(&conn->reply_in);
			if (answered == id) {
				*reply = doc;
				return 0;
			}
			/* the late answer to a call that timed out */
			xmlFreeDoc(doc);
			rc = 0;
		}
	}
	return rc;
}

static void conn_free(struct pcmk_ipc_conn *conn)
{
	if (conn->watch != 0) {
		g_source_remove(conn->watch);
	}
	qb_ipcc_disconnect(conn->qb);
	ipc_assembly_reset(&conn->reply_in);
	ipc_assembly_reset(&conn->event_in);
	free(conn->frame_buf);
	free(conn);
}

void pcmk_ipc_close(struct pcmk_ipc_conn *conn)
{
	if (conn == NULL) {
		return;
	}
	if (conn->busy > 0) {
		conn->close_pending = true;
		return;
	}
	conn_free(conn);
}

int pcmk_ipc_fd(struct pcmk_ipc_conn *conn)
{
	int32_t fd = -1;

	return qb_ipcc_fd_get(conn->qb, &fd) < 0 ? -EBADF : fd;
}

static void deliver(struct pcmk_ipc_conn *conn, xmlDoc *doc)
{
	const struct ipc_assembly *a = &conn->event_in;
	xmlNode *root = xmlDocGetRootElement(doc);

	if (conn->ops == NULL) {
		return;
	}
	if ((a->flags & IPC_FRAME_REPLY) && conn->ops->reply != NULL) {
		conn->ops->reply(conn, a->id, root, conn->ops_data);
	} else if (!(a->flags & IPC_FRAME_REPLY) && conn->ops->event != NULL) {
		conn->ops->event(conn, root, conn->ops_data);
	}
}

static void report_dead(struct pcmk_ipc_conn *conn)
{
	if (conn->ops != NULL && conn->ops->disconnected != NULL) {
		conn->ops->disconnected(conn, conn->ops_data);
	}
}

int pcmk_ipc_dispatch(struct pcmk_ipc_conn *conn)
{
	int handled = 0;

	conn->busy++;
	while (!conn->dead && !conn->close_pending) {
		ssize_t got = qb_ipcc_event_recv(conn->qb, conn->frame_buf, conn->frame_max, 0);
		if (got == -EAGAIN || got == -ETIMEDOUT) {
			break;
		}
		if (got < 0) {
			conn->dead = true;
			break;
		}
		xmlDoc *doc = NULL;
		if (take_frame(conn, &conn->event_in, got, &doc) == 1) {
			deliver(conn, doc);
			xmlFreeDoc(doc);
			ipc_assembly_reset(&conn->event_in);
			handled++;
		}
	}
	if (conn->dead && !conn->close_pending) {
		if (conn->watch != 0) {
			g_source_remove(conn->watch);
			conn->watch = 0;
		}
		report_dead(conn);
	}
	conn->busy--;
	if (conn->close_pending) {
		conn_free(conn);
		return -ENOTCONN;
	}
	return conn->dead ? -ENOTCONN : handled;
}

static gboolean conn_readable(gint fd, GIOCondition cond, gpointer user_data)
{
	struct pcmk_ipc_conn *conn = user_data;

	if (pcmk_ipc_dispatch(conn) < 0) {
		/* the connection may be freed: do not touch it */
		return G_SOURCE_REMOVE;
	}
	return G_SOURCE_CONTINUE;
}

int pcmk_ipc_attach(struct pcmk_ipc_conn *conn, const struct pcmk_ipc_conn_ops *ops, void *data)
{
	int fd = pcmk_ipc_fd(conn);

	if (fd < 0) {
		return fd;
	}
	conn->ops = ops;
	conn->ops_data = data;
	if (conn->watch == 0) {
		conn->watch = g_unix_fd_add(fd, G_IO_IN | G_IO_HUP | G_IO_ERR, conn_readable, conn);
	}
	return 0;
}
