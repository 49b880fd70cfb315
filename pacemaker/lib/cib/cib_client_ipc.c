/*
 * The daemon backend: requests to the cib daemon over libqb IPC (cib_rw,
 * or cib_ro for read-only clients), answers and change notifications
 * back through the main loop.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include <crm/cib/wire.h>
#include <crm/common/ipc.h>
#include <crm/common/xml.h>
#include "cib_client_private.h"

struct ipc_state {
	struct pcmk_ipc_conn *conn;
	GHashTable *pending; /* request id -> struct pending_call */
	bool attached;
};

struct pending_call {
	cib_callback_fn fn;
	void *data;
};

static struct ipc_state *state_of(const struct cib *cib)
{
	return cib->state;
}

int cib_ipc_open(struct cib *cib, bool read_only)
{
	struct ipc_state *st = calloc(1, sizeof(*st));
	int rc = 0;

	if (st == NULL) {
		return -ENOMEM;
	}
	cib->backend = &cib_ipc_backend;
	cib->state = st;
	st->pending = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
	st->conn = pcmk_ipc_connect(read_only ? "cib_ro" : "cib_rw", &rc);
	if (st->conn == NULL && (rc == -ECONNREFUSED || rc == -ENOENT)) {
		rc = -ENOTCONN; /* no daemon: what pacemaker's tools say then */
	}
	return st->conn != NULL ? 0 : rc;
}

/* Take the output out of its reply (about to be freed) into a document
 * of its own: moved, not copied, as it may be the whole CIB. */
static xmlDoc *take_output(const xmlNode *output)
{
	xmlNode *taken;

	if (output == NULL) {
		return NULL;
	}
	taken = pcmk_xml_detach((xmlNode *)output);
	return taken != NULL ? taken->doc : NULL;
}

static int ipc_request(struct cib *cib, const struct cib_op_request *req, int timeout_ms,
		       xmlDoc **output, char **error)
{
	xmlNode *msg = cib_wire_request(req, cib->name);
	const xmlNode *out = NULL;
	const char *why = NULL;
	xmlDoc *reply = NULL;
	int rc;

	if (msg == NULL) {
		return -ENOMEM;
	}
	rc = pcmk_ipc_call(state_of(cib)->conn, msg, timeout_ms, &reply);
	pcmk_xml_free(msg);
	if (rc < 0) {
		return rc;
	}
	rc = cib_wire_reply_parse(xmlDocGetRootElement(reply), &out, &why);
	if (output != NULL) {
		*output = take_output(out);
	}
	if (error != NULL) {
		*error = cib_error_dup(why);
	}
	xmlFreeDoc(reply);
	return rc;
}

static int ipc_request_async(struct cib *cib, const struct cib_op_request *req, cib_callback_fn fn,
			     void *data)
{
	struct ipc_state *st = state_of(cib);
	xmlNode *msg = cib_wire_request(req, cib->name);
	struct pending_call *call;
	uint32_t id = 0;
	int rc;

	if (msg == NULL) {
		return -ENOMEM;
	}
	rc = pcmk_ipc_send(st->conn, msg, fn != NULL, &id);
	pcmk_xml_free(msg);
	if (rc < 0 || fn == NULL) {
		return rc;
	}
	call = malloc(sizeof(*call));
	if (call == NULL) {
		return -ENOMEM;
	}
	call->fn = fn;
	call->data = data;
	g_hash_table_insert(st->pending, GUINT_TO_POINTER(id), call);
	return 0;
}

static void on_reply(struct pcmk_ipc_conn *conn, uint32_t id, xmlNode *msg, void *data)
{
	struct cib *cib = data;
	struct pending_call *call;
	const xmlNode *out = NULL;
	const char *why = NULL;
	int rc;

	call = g_hash_table_lookup(state_of(cib)->pending, GUINT_TO_POINTER(id));
	if (call == NULL) {
		return;
	}
	g_hash_table_steal(state_of(cib)->pending, GUINT_TO_POINTER(id));
	rc = cib_wire_reply_parse(msg, &out, &why);
	call->fn(cib, rc, out, why, call->data);
	free(call);
}

static void on_event(struct pcmk_ipc_conn *conn, xmlNode *msg, void *data)
{
	struct cib *cib = data;
	struct cib_change change;
	long long rc = 0;

	if (!pcmk_xml_is(msg, "cib_notify") || cib->on_change == NULL) {
		return;
	}
	pcmk_xml_attr_int(msg, "cib_rc", &rc);
	change.patch = cib_wire_calldata(msg);
	change.op = pcmk_xml_attr(msg, "cib_op");
	change.rc = (int)rc;
	change.origin = pcmk_xml_attr(msg, "cib_origin");
	change.client = pcmk_xml_attr(msg, "cib_clientname");
	cib->on_change(cib, &change, cib->cb_data);
}

/* Answer every outstanding request with -ENOTCONN, then tell the owner. */
static void on_disconnected(struct pcmk_ipc_conn *conn, void *data)
{
	struct cib *cib = data;
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init(&iter, state_of(cib)->pending);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		struct pending_call *call = value;

		g_hash_table_iter_steal(&iter);
		call->fn(cib, -ENOTCONN, NULL, "the cib daemon went away", call->data);
		free(call);
	}
	if (cib->on_lost != NULL) {
		cib->on_lost(cib, cib->cb_data);
	}
}

static const struct pcmk_ipc_conn_ops conn_ops = {
	.event = on_event,
	.reply = on_reply,
	.disconnected = on_disconnected,
};

static int subscribe(struct cib *cib)
{
	xmlNode *msg = pcmk_xml_new_root("cib_command");
	xmlDoc *reply = NULL;
	int rc;

	if (msg == NULL) {
		return -ENOMEM;
	}
	rc = pcmk_xml_set_attr(msg, "cib_op", CIB_WIRE_OP_SUBSCRIBE);
	rc = rc ?: pcmk_xml_set_attr(msg, "cib_clientname", cib->name);
	rc = rc ?: pcmk_ipc_call(state_of(cib)->conn, msg, CIB_TIMEOUT_MS_DEFAULT, &reply);
	pcmk_xml_free(msg);
	if (rc == 0) {
		rc = cib_wire_reply_parse(xmlDocGetRootElement(reply), NULL, NULL);
		xmlFreeDoc(reply);
	}
	return rc;
}

static int ipc_attach(struct cib *cib)
{
	struct ipc_state *st = state_of(cib);
	int rc;

	if (cib->on_change != NULL) {
		rc = subscribe(cib);
		if (rc < 0) {
			return rc;
		}
	}
	if (st->attached) {
		return 0;
	}
	rc = pcmk_ipc_attach(st->conn, &conn_ops, cib);
	st->attached = rc == 0;
	return rc;
}

static void ipc_close(struct cib *cib)
{
	struct ipc_state *st = state_of(cib);

	if (st == NULL) {
		return;
	}
	pcmk_ipc_close(st->conn);
	g_hash_table_destroy(st->pending);
	free(st);
	cib->state = NULL;
}

const struct cib_backend cib_ipc_backend = {
	.request = ipc_request,
	.request_async = ipc_request_async,
	.attach = ipc_attach,
	.close = ipc_close,
};
