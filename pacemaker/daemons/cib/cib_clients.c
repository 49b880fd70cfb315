/*
 * The cib daemon's clients: IPC servers cib_rw (reads and writes) and
 * cib_ro (reads), who may connect, what a request does, answers and
 * change notifications.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib/wire.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "cib_daemon.h"

/* Per-client state: which server it came through. */
struct client_info {
	struct cib_daemon *d;
	bool read_only;
	bool subscribed;
};

/* root, the cluster's account and the members of its group. */
static int accept_client(uid_t uid, gid_t gid, void *data)
{
	if (pcmk_ipc_cluster_user(uid, gid)) {
		return 0;
	}
	pcmk_warn("Refused a CIB connection from uid %u: only root, " CLUSTER_USER
		  " and the members of " CLUSTER_GROUP " may connect",
		  (unsigned)uid);
	return -EACCES;
}

static struct cib_pending *pending_new(struct pcmk_ipc_client *client,
				       const struct pcmk_ipc_request *req, const char *op)
{
	struct cib_pending *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		return NULL;
	}
	pcmk_ipc_client_ref(client);
	p->client = client;
	p->req = *req;
	p->op = strdup(op != NULL ? op : "unknown");
	return p;
}

void cib_pending_free(struct cib_pending *p)
{
	if (p == NULL) {
		return;
	}
	pcmk_ipc_client_unref(p->client);
	pcmk_xml_free(p->output);
	free(p->error);
	free(p->op);
	free(p);
}

void cib_pending_answer(struct cib_pending *p)
{
	/* the answer may be the whole CIB: moved into the reply, not copied */
	xmlNode *reply = cib_wire_reply(p->op, p->rc, p->error, NULL);

	if (reply != NULL && p->output != NULL && cib_wire_move_calldata(reply, p->output) < 0) {
		pcmk_xml_free(reply);
		reply = NULL;
	}
	p->output = NULL;

	if (reply != NULL && (p->req.flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) != 0) {
		pcmk_ipc_reply(p->client, &p->req, reply);
	}
	pcmk_xml_free(reply);
	cib_pending_free(p);
}

/* Answer at once with @rc and @error. */
static void answer_now(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		       const char *op, int rc, const char *error)
{
	struct cib_pending *p = pending_new(client, req, op);

	if (p == NULL) {
		return;
	}
	p->rc = rc;
	p->error = error != NULL ? strdup(error) : NULL;
	cib_pending_answer(p);
}

static void subscribe(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req)
{
	struct client_info *info = pcmk_ipc_client_data(client);
	struct cib_daemon *d = info->d;

	if (!info->subscribed) {
		info->subscribed = true;
		pcmk_ipc_client_ref(client);
		d->subscribers = g_list_prepend(d->subscribers, client);
	}
	answer_now(client, req, CIB_WIRE_OP_SUBSCRIBE, 0, NULL);
}

/* Whether @req may change the configuration (and so needs quorum). */
static bool touches_configuration(const struct cib_op_request *req)
{
	if (req->op == CIB_OP_QUERY) {
		return false;
	}
	if ((req->options & CIB_OPT_XPATH) != 0 && req->xpath != NULL) {
		return strncmp(req->xpath, "/cib/status", 11) != 0;
	}
	return req->section == NULL || strcmp(req->section, "status") != 0;
}

static void handle_write(struct cib_daemon *d, struct pcmk_ipc_client *client,
			 const struct pcmk_ipc_request *req, const struct cib_op_request *op,
			 xmlNode *msg)
{
	struct cib_pending *p = pending_new(client, req, cib_op_name(op->op));
	int rc;

	if (p == NULL) {
		return;
	}
	if (d->cluster == NULL || (op->options & CIB_OPT_SCOPE_LOCAL) != 0) {
		struct cib_op_request local = *op;

		local.origin = d->local_name;
		local.now = time(NULL);
		if (cib_apply(d, &local, p) == 0) {
			cib_persist_answer_after_write(d, p);
		} else {
			cib_pending_answer(p);
		}
		return;
	}
	if (!pcmk_cluster_quorate(d->cluster) && touches_configuration(op) &&
	    (op->options & CIB_OPT_FORCE) == 0) {
		p->rc = -PCMK_E_NO_QUORUM;
		p->error = strdup("this node has no quorum: configuration changes are refused "
				  "unless forced");
		cib_pending_answer(p);
		return;
	}
	rc = op->op == CIB_OP_SYNC ? cib_sync_push(d) : cib_replica_submit(d, msg, p);
	if (op->op == CIB_OP_SYNC || rc < 0) {
		p->rc = rc;
		cib_pending_answer(p);
	}
}

/* A section is written straight from the CIB into the reply (it may be
 * the whole CIB, megabytes: no copy to build, free and write); other
 * queries are performed as any operation. */
static void answer_query(struct cib_daemon *d, struct pcmk_ipc_client *client,
			 const struct pcmk_ipc_request *req, const struct cib_op_request *op)
{
	const xmlNode *view = cib_op_query_view(d->cib, op);
	size_t len = 0;
	char *text = view != NULL ? cib_wire_reply_text(cib_op_name(op->op), view, &len) : NULL;
	struct cib_pending *p;

	if (text != NULL) {
		if ((req->flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) != 0) {
			pcmk_ipc_reply_text(client, req, text, len);
		}
		free(text);
		return;
	}
	p = pending_new(client, req, cib_op_name(op->op));
	if (p != NULL) {
		cib_apply(d, op, p);
		cib_pending_answer(p);
	}
}

static void handle_request(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			   xmlNode *msg, void *data)
{
	struct client_info *info = pcmk_ipc_client_data(client);
	struct cib_daemon *d = info->d;
	struct cib_op_request op;
	char *error = NULL;

	if (pcmk_xml_is(msg, "cib_command") &&
	    g_strcmp0(pcmk_xml_attr(msg, "cib_op"), CIB_WIRE_OP_SUBSCRIBE) == 0) {
		subscribe(client, req);
		return;
	}
	if (cib_wire_request_parse(msg, &op, &error) < 0) {
		pcmk_warn("Bad request from %s[%d]: %s", cib_wire_request_client(msg),
			  (int)pcmk_ipc_client_pid(client), error != NULL ? error : "unreadable");
		answer_now(client, req, pcmk_xml_attr(msg, "cib_op"), -EINVAL, error);
		free(error);
		return;
	}
	if (op.op == CIB_OP_QUERY) {
		answer_query(d, client, req, &op);
		return;
	}
	if (info->read_only) {
		answer_now(client, req, cib_op_name(op.op), -EACCES,
			   "read-only connection (cib_ro): changes go through cib_rw");
		return;
	}
	handle_write(d, client, req, &op, msg);
}

static void forget_subscriber(struct cib_daemon *d, struct pcmk_ipc_client *client)
{
	GList *link = g_list_find(d->subscribers, client);

	if (link != NULL) {
		d->subscribers = g_list_delete_link(d->subscribers, link);
		pcmk_ipc_client_unref(client);
	}
}

static void client_connected(struct pcmk_ipc_client *client, bool read_only, struct cib_daemon *d)
{
	struct client_info *info = calloc(1, sizeof(*info));

	if (info == NULL) {
		pcmk_ipc_client_disconnect(client);
		return;
	}
	info->d = d;
	info->read_only = read_only;
	pcmk_ipc_client_set_data(client, info);
}

static void rw_connected(struct pcmk_ipc_client *client, void *data)
{
	client_connected(client, false, data);
}

static void ro_connected(struct pcmk_ipc_client *client, void *data)
{
	client_connected(client, true, data);
}

static void client_closed(struct pcmk_ipc_client *client, void *data)
{
	struct client_info *info = pcmk_ipc_client_data(client);

	if (info != NULL) {
		forget_subscriber(info->d, client);
		free(info);
		pcmk_ipc_client_set_data(client, NULL);
	}
}

static const struct pcmk_ipc_server_ops rw_ops = {
	.accept = accept_client,
	.connected = rw_connected,
	.request = handle_request,
	.closed = client_closed,
};

static const struct pcmk_ipc_server_ops ro_ops = {
	.accept = accept_client,
	.connected = ro_connected,
	.request = handle_request,
	.closed = client_closed,
};

int cib_clients_start(struct cib_daemon *d)
{
	int rc = 0;

	d->rw = pcmk_ipc_server_start("cib_rw", &rw_ops, d, &rc);
	if (d->rw == NULL) {
		pcmk_err("Cannot serve IPC cib_rw: %s", strerror(-rc));
		return rc;
	}
	d->ro = pcmk_ipc_server_start("cib_ro", &ro_ops, d, &rc);
	if (d->ro == NULL) {
		pcmk_err("Cannot serve IPC cib_ro: %s", strerror(-rc));
		return rc;
	}
	return 0;
}

void cib_clients_stop(struct cib_daemon *d)
{
	g_list_free_full(d->subscribers, (GDestroyNotify)pcmk_ipc_client_unref);
	d->subscribers = NULL;
	pcmk_ipc_server_stop(d->ro);
	pcmk_ipc_server_stop(d->rw);
	d->ro = d->rw = NULL;
}

void cib_clients_notify(struct cib_daemon *d, const char *op, int rc, const char *origin,
			const char *client, const xmlNode *patch)
{
	xmlNode *event;

	if (d->subscribers == NULL) {
		return;
	}
	event = cib_wire_change(op, rc, origin, client, patch);
	if (event == NULL) {
		return;
	}
	for (GList *l = d->subscribers; l != NULL; l = l->next) {
		pcmk_ipc_notify(l->data, event);
	}
	pcmk_xml_free(event);
}
