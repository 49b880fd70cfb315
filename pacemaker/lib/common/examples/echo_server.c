/*
 * The example IPC server (see echo_server.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/mainloop.h>
#include <crm/common/xml.h>
#include "echo_server.h"

struct echo_state {
	struct pcmk_ipc_server *server;
	GList *subscribers; /* struct pcmk_ipc_client */
};

/* A reply held back until a timer fires. */
struct deferred_reply {
	struct pcmk_ipc_client *client;
	struct pcmk_ipc_request req;
};

static void reply_element(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			  const char *name, const char *reason)
{
	xmlNode *reply = pcmk_xml_new_root(name);

	if (reason != NULL) {
		pcmk_xml_set_attr(reply, "reason", reason);
	}
	if ((req->flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) != 0) {
		pcmk_ipc_reply(client, req, reply);
	}
	pcmk_xml_free(reply);
}

static void do_echo(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		    xmlNode *msg)
{
	xmlNode *reply = pcmk_xml_new_root("echo-reply");

	for (xmlNode *child = msg->children; child != NULL; child = child->next) {
		xmlAddChild(reply, xmlDocCopyNode(child, reply->doc, 1));
	}
	pcmk_ipc_reply(client, req, reply);
	pcmk_xml_free(reply);
}

static gboolean send_deferred(gpointer user_data)
{
	struct deferred_reply *d = user_data;

	reply_element(d->client, &d->req, "later-reply", NULL);
	pcmk_ipc_client_unref(d->client);
	free(d);
	return G_SOURCE_REMOVE;
}

static void do_later(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		     xmlNode *msg)
{
	long long delay = 0;
	struct deferred_reply *d = malloc(sizeof(*d));

	if (d == NULL) {
		return;
	}
	pcmk_xml_attr_int(msg, "delay-ms", &delay);
	d->client = client;
	d->req = *req;
	pcmk_ipc_client_ref(client);
	g_timeout_add(delay > 0 ? (guint)delay : 0, send_deferred, d);
}

static void do_broadcast(struct echo_state *state, struct pcmk_ipc_client *client,
			 const struct pcmk_ipc_request *req, xmlNode *msg)
{
	const char *text = pcmk_xml_attr(msg, "text");
	xmlNode *notice = pcmk_xml_new_root("notice");

	pcmk_xml_set_attr(notice, "text", text ? text : "");
	for (GList *l = state->subscribers; l != NULL; l = l->next) {
		pcmk_ipc_notify(l->data, notice);
	}
	pcmk_xml_free(notice);
	reply_element(client, req, "ok", NULL);
}

static void on_request(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		       xmlNode *msg, void *data)
{
	struct echo_state *state = data;
	const char *name = (const char *)msg->name;

	if (strcmp(name, "echo") == 0) {
		do_echo(client, req, msg);
	} else if (strcmp(name, "later") == 0) {
		do_later(client, req, msg);
	} else if (strcmp(name, "subscribe") == 0) {
		state->subscribers = g_list_prepend(state->subscribers, client);
		reply_element(client, req, "ok", NULL);
	} else if (strcmp(name, "broadcast") == 0) {
		do_broadcast(state, client, req, msg);
	} else {
		pcmk_warn("Unknown request <%s> from client %d", name,
			  (int)pcmk_ipc_client_pid(client));
		reply_element(client, req, "error", "unknown request");
	}
}

static void on_closed(struct pcmk_ipc_client *client, void *data)
{
	struct echo_state *state = data;

	state->subscribers = g_list_remove(state->subscribers, client);
}

static const struct pcmk_ipc_server_ops echo_ops = {
	.request = on_request,
	.closed = on_closed,
};

int echo_server_run(const char *name)
{
	struct echo_state state = { 0 };
	GMainLoop *loop = g_main_loop_new(NULL, FALSE);
	int rc;

	state.server = pcmk_ipc_server_start(name, &echo_ops, &state, &rc);
	if (state.server == NULL) {
		g_main_loop_unref(loop);
		return rc;
	}
	pcmk_mainloop_quit_on_signals(loop);
	pcmk_notice("Serving %s", name);
	g_main_loop_run(loop);
	pcmk_ipc_server_stop(state.server);
	g_list_free(state.subscribers);
	g_main_loop_unref(loop);
	return 0;
}
