/*
 * Serving XML requests over libqb IPC from the glib main loop.
 *
 * Replies and events are queued per client and sent as the client drains
 * its buffers, so a slow client delays only itself; one that falls too
 * far behind is disconnected rather than allowed to grow our memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <qb/qbipcs.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/mainloop.h>
#include <crm/common/xml.h>
#include "ipc_wire.h"

/* A client that leaves this much unread is evicted. */
#define CLIENT_BACKLOG_MAX (64u * 1024 * 1024)
/* How soon to retry sending to a client whose buffer was full: libqb
 * does not tell when a client has read, so poll: often at first (a client
 * taking a large reply reads each frame at once), rarely once it has
 * stayed full for a while (a client that is busy elsewhere). */
#define RETRY_SOON_MS 1
#define RETRY_SOON_TRIES 100
#define RETRY_LATER_MS 20

struct pcmk_ipc_server {
	qb_ipcs_service_t *qb;
	char *name;
	const struct pcmk_ipc_server_ops *ops;
	void *data;
	size_t frame_max;
	GList *clients;
};

/* A frame waiting to be sent: libqb header + frame + text in one block. */
struct pending_frame {
	size_t size;
	bool event; /* event channel, else response channel */
	char bytes[];
};

struct pcmk_ipc_client {
	qb_ipcs_connection_t *qb; /* NULL once libqb destroyed it */
	struct pcmk_ipc_server *server;
	uid_t uid;
	gid_t gid;
	pid_t pid;
	void *user_data;
	int refs;
	struct ipc_assembly in;
	GQueue out; /* struct pending_frame, in send order */
	size_t out_bytes;
	guint retry_source;
	guint retries; /* in a row, while the buffer stays full */
	guint disconnect_source;
};

void pcmk_ipc_client_ref(struct pcmk_ipc_client *client)
{
	client->refs++;
}

static void drop_pending(struct pcmk_ipc_client *client)
{
	struct pending_frame *p;

	while ((p = g_queue_pop_head(&client->out)) != NULL) {
		free(p);
	}
	client->out_bytes = 0;
	if (client->retry_source != 0) {
		g_source_remove(client->retry_source);
		client->retry_source = 0;
	}
}

void pcmk_ipc_client_unref(struct pcmk_ipc_client *client)
{
	if (--client->refs > 0) {
		return;
	}
	drop_pending(client);
	ipc_assembly_reset(&client->in);
	free(client);
}

pid_t pcmk_ipc_client_pid(const struct pcmk_ipc_client *client)
{
	return client->pid;
}

uid_t pcmk_ipc_client_uid(const struct pcmk_ipc_client *client)
{
	return client->uid;
}

gid_t pcmk_ipc_client_gid(const struct pcmk_ipc_client *client)
{
	return client->gid;
}

void pcmk_ipc_client_set_data(struct pcmk_ipc_client *client, void *data)
{
	client->user_data = data;
}

void *pcmk_ipc_client_data(const struct pcmk_ipc_client *client)
{
	return client->user_data;
}

static gboolean disconnect_now(gpointer user_data)
{
	struct pcmk_ipc_client *client = user_data;

	client->disconnect_source = 0;
	if (client->qb != NULL) {
		qb_ipcs_disconnect(client->qb);
	}
	pcmk_ipc_client_unref(client);
	return G_SOURCE_REMOVE;
}

/* libqb frees a connection on disconnect, and the caller may be inside
 * libqb's message dispatch for it: disconnect from the main loop. */
void pcmk_ipc_client_disconnect(struct pcmk_ipc_client *client)
{
	if (client->qb == NULL || client->disconnect_source != 0) {
		return;
	}
	pcmk_ipc_client_ref(client);
	client->disconnect_source = g_idle_add_full(G_PRIORITY_HIGH, disconnect_now, client, NULL);
}

static gboolean retry_flush(gpointer user_data);

static void schedule_retry(struct pcmk_ipc_client *client)
{
	if (client->retry_source != 0) {
		return;
	}
	client->retries++;
	client->retry_source =
		g_timeout_add(client->retries <= RETRY_SOON_TRIES ? RETRY_SOON_MS : RETRY_LATER_MS,
			      retry_flush, client);
}

/* Send what is queued until libqb's buffer for this client is full. */
static void flush(struct pcmk_ipc_client *client)
{
	struct pending_frame *p;

	while (client->qb != NULL && (p = g_queue_peek_head(&client->out)) != NULL) {
		ssize_t rc = p->event ? qb_ipcs_event_send(client->qb, p->bytes, p->size)
				      : qb_ipcs_response_send(client->qb, p->bytes, p->size);
		if (rc == -EAGAIN || rc == -ENOBUFS) {
			schedule_retry(client);
			return;
		}
		client->retries = 0;
		g_queue_pop_head(&client->out);
		client->out_bytes -= p->size;
		free(p);
		if (rc < 0) {
			pcmk_warn("Dropping %s client %d: send failed: %s", client->server->name,
				  (int)client->pid, strerror((int)-rc));
			pcmk_ipc_client_disconnect(client);
			return;
		}
	}
}

static gboolean retry_flush(gpointer user_data)
{
	struct pcmk_ipc_client *client = user_data;

	client->retry_source = 0;
	flush(client);
	return G_SOURCE_REMOVE;
}

struct queue_ctx {
	struct pcmk_ipc_client *client;
	bool event;
};

static int queue_frame(const struct iovec *iov, size_t n, void *ctx)
{
	struct queue_ctx *q = ctx;
	size_t size = 0;

	for (size_t i = 0; i < n; i++) {
		size += iov[i].iov_len;
	}
	if (q->client->out_bytes + size > CLIENT_BACKLOG_MAX) {
		return -ENOBUFS;
	}
	struct pending_frame *p = malloc(sizeof(*p) + size);
	if (p == NULL) {
		return -ENOMEM;
	}
	p->size = size;
	p->event = q->event;
	size = 0;
	for (size_t i = 0; i < n; i++) {
		memcpy(p->bytes + size, iov[i].iov_base, iov[i].iov_len);
		size += iov[i].iov_len;
	}
	g_queue_push_tail(&q->client->out, p);
	q->client->out_bytes += p->size;
	return 0;
}

static int send_text(struct pcmk_ipc_client *client, const char *text, size_t len, uint32_t id,
		     uint32_t flags, bool event)
{
	struct queue_ctx q = { client, event };
	int rc;

	if (client->qb == NULL) {
		return -ENOTCONN;
	}
	rc = ipc_send_frames(text, len, id, flags, IPC_TO_CLIENT, client->server->frame_max,
			     queue_frame, &q);
	if (rc == -ENOBUFS) {
		pcmk_warn("Evicting %s client %d: more than %u bytes unread", client->server->name,
			  (int)client->pid, CLIENT_BACKLOG_MAX);
		pcmk_ipc_client_disconnect(client);
		return rc;
	}
	flush(client);
	return rc;
}

static int send_xml(struct pcmk_ipc_client *client, xmlNode *msg, uint32_t id, uint32_t flags,
		    bool event)
{
	char *text;
	int rc;

	if (client->qb == NULL) {
		return -ENOTCONN;
	}
	text = pcmk_xml_to_string(msg, false);
	if (text == NULL) {
		return -ENOMEM;
	}
	rc = send_text(client, text, strlen(text), id, flags, event);
	free(text);
	return rc;
}

int pcmk_ipc_reply_text(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			const char *text, size_t len)
{
	if (req->flags & PCMK_IPC_REPLY_SYNC) {
		return send_text(client, text, len, req->id, 0, false);
	}
	if (req->flags & PCMK_IPC_REPLY_ASYNC) {
		return send_text(client, text, len, req->id, IPC_FRAME_REPLY, true);
	}
	return -EINVAL;
}

int pcmk_ipc_reply(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		   xmlNode *reply)
{
	if ((req->flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) == 0) {
		return -EINVAL;
	}
	return send_xml(client, reply, req->id,
			(req->flags & PCMK_IPC_REPLY_SYNC) ? 0 : IPC_FRAME_REPLY,
			(req->flags & PCMK_IPC_REPLY_SYNC) == 0);
}

int pcmk_ipc_notify(struct pcmk_ipc_client *client, xmlNode *event)
{
	return send_xml(client, event, 0, 0, true);
}

int pcmk_ipc_broadcast(struct pcmk_ipc_server *server, xmlNode *event)
{
	int sent = 0;

	for (GList *l = server->clients; l != NULL;) {
		struct pcmk_ipc_client *client = l->data;
		l = l->next; /* an eviction may unlink this client */
		if (pcmk_ipc_notify(client, event) == 0) {
			sent++;
		}
	}
	return sent;
}

/* ---- libqb callbacks ---- */

static struct pcmk_ipc_server *server_of(qb_ipcs_connection_t *c)
{
	return qb_ipcs_connection_service_context_get(c);
}

static int32_t on_accept(qb_ipcs_connection_t *c, uid_t uid, gid_t gid)
{
	struct pcmk_ipc_server *server = server_of(c);

	if (server->ops->accept != NULL && server->ops->accept(uid, gid, server->data) < 0) {
		pcmk_warn("Refused %s connection from uid %u gid %u", server->name, (unsigned)uid,
			  (unsigned)gid);
		return -EACCES;
	}
	struct pcmk_ipc_client *client = calloc(1, sizeof(*client));
	if (client == NULL) {
		return -ENOMEM;
	}
	struct qb_ipcs_connection_stats stats = { 0 };
	qb_ipcs_connection_stats_get(c, &stats, QB_FALSE);
	client->qb = c;
	client->server = server;
	client->uid = uid;
	client->gid = gid;
	client->pid = stats.client_pid;
	client->refs = 1;
	g_queue_init(&client->out);
	qb_ipcs_context_set(c, client);
	return 0;
}

static void on_created(qb_ipcs_connection_t *c)
{
	struct pcmk_ipc_client *client = qb_ipcs_context_get(c);
	struct pcmk_ipc_server *server = client->server;

	server->clients = g_list_prepend(server->clients, client);
	pcmk_debug("New %s client %d (uid %u)", server->name, (int)client->pid,
		   (unsigned)client->uid);
	if (server->ops->connected != NULL) {
		server->ops->connected(client, server->data);
	}
}

static void handle_message(struct pcmk_ipc_client *client)
{
	struct pcmk_ipc_server *server = client->server;
	struct pcmk_ipc_request req = { client->in.id, client->in.flags };
	xmlDoc *doc = NULL;
	char *error = NULL;

	pcmk_xml_parse(client->in.text, client->in.have, &doc, &error);
	ipc_assembly_reset(&client->in);
	if (doc == NULL) {
		pcmk_warn("Dropping %s client %d: request is not valid XML: %s", server->name,
			  (int)client->pid, error ? error : "?");
		free(error);
		pcmk_ipc_client_disconnect(client);
		return;
	}
	server->ops->request(client, &req, xmlDocGetRootElement(doc), server->data);
	xmlFreeDoc(doc);
}

static int32_t on_message(qb_ipcs_connection_t *c, void *data, size_t size)
{
	struct pcmk_ipc_client *client = qb_ipcs_context_get(c);
	struct ipc_frame frame;
	const char *chunk;
	int rc = ipc_frame_parse(data, size, IPC_TO_SERVER, &frame, &chunk);

	if (rc == 0) {
		rc = ipc_assembly_add(&client->in, &frame, chunk);
	}
	if (rc < 0) {
		pcmk_warn("Dropping %s client %d: malformed message (%zu bytes): %s",
			  client->server->name, (int)client->pid, size, strerror(-rc));
		ipc_assembly_reset(&client->in);
		pcmk_ipc_client_disconnect(client);
		return 0;
	}
	if (rc == 1) {
		pcmk_ipc_client_ref(client);
		handle_message(client);
		pcmk_ipc_client_unref(client);
	}
	return 0;
}

static int32_t on_closed(qb_ipcs_connection_t *c)
{
	struct pcmk_ipc_client *client = qb_ipcs_context_get(c);

	if (client == NULL) {
		return 0;
	}
	struct pcmk_ipc_server *server = client->server;
	server->clients = g_list_remove(server->clients, client);
	pcmk_debug("%s client %d disconnected", server->name, (int)client->pid);
	if (server->ops->closed != NULL) {
		server->ops->closed(client, server->data);
	}
	return 0;
}

static void on_destroyed(qb_ipcs_connection_t *c)
{
	struct pcmk_ipc_client *client = qb_ipcs_context_get(c);

	if (client == NULL) {
		return;
	}
	qb_ipcs_context_set(c, NULL);
	/* accepted but never created: it was not listed */
	client->server->clients = g_list_remove(client->server->clients, client);
	client->qb = NULL;
	drop_pending(client);
	pcmk_ipc_client_unref(client);
}

static struct qb_ipcs_service_handlers qb_handlers = {
	.connection_accept = on_accept,
	.connection_created = on_created,
	.msg_process = on_message,
	.connection_closed = on_closed,
	.connection_destroyed = on_destroyed,
};

struct pcmk_ipc_server *
pcmk_ipc_server_start(const char *name, const struct pcmk_ipc_server_ops *ops, void *data, int *rc)
{
	struct pcmk_ipc_server *server = calloc(1, sizeof(*server));

	if (server == NULL || (server->name = strdup(name)) == NULL) {
		*rc = -ENOMEM;
		goto err;
	}
	server->ops = ops;
	server->data = data;
	server->frame_max = ipc_frame_max();
	server->qb = qb_ipcs_create(name, 0, QB_IPC_NATIVE, &qb_handlers);
	if (server->qb == NULL) {
		*rc = errno ? -errno : -ENOMEM;
		goto err;
	}
	qb_ipcs_service_context_set(server->qb, server);
	qb_ipcs_poll_handlers_set(server->qb, pcmk_mainloop_qb_handlers());
	qb_ipcs_enforce_buffer_size(server->qb, (uint32_t)server->frame_max);
	*rc = qb_ipcs_run(server->qb);
	if (*rc < 0) {
		pcmk_err("Cannot serve IPC %s: %s (is another instance running?)", name,
			 strerror(-*rc));
		goto err;
	}
	*rc = 0;
	return server;
err:
	if (server != NULL) {
		if (server->qb != NULL) {
			qb_ipcs_destroy(server->qb);
		}
		free(server->name);
		free(server);
	}
	return NULL;
}

void pcmk_ipc_server_stop(struct pcmk_ipc_server *server)
{
	if (server == NULL) {
		return;
	}
	/* closing a client unlinks it from server->clients */
	GList *clients = g_list_copy(server->clients);
	for (GList *l = clients; l != NULL; l = l->next) {
		struct pcmk_ipc_client *client = l->data;
		if (client->disconnect_source != 0) {
			g_source_remove(client->disconnect_source);
			client->disconnect_source = 0;
			pcmk_ipc_client_unref(client);
		}
		if (client->qb != NULL) {
			qb_ipcs_disconnect(client->qb);
		}
	}
	g_list_free(clients);
	qb_ipcs_destroy(server->qb);
	free(server->name);
	free(server);
}
