/*
 * pacemakerd's IPC server and the --shutdown client (see pcmkd_ipc.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "pcmkd_ipc.h"

/* How often --shutdown looks whether pacemakerd has gone. */
#define GONE_POLL_MS 200
#define CALL_TIMEOUT_MS 5000

struct pcmkd_ipc {
	struct pcmk_ipc_server *server;
	struct pcmkd_children *children;
	uid_t admin_uid;
	void (*shutdown)(void *data);
	void *data;
};

xmlNode *pcmkd_ipc_status_xml(const struct pcmkd_children *children)
{
	xmlNode *root = pcmk_xml_new_root("pacemakerd");

	pcmk_xml_set_attr(root, "state", pcmkd_state_str(pcmkd_children_state(children)));
	pcmk_xml_set_attr_int(root, "pid", getpid());
	pcmk_xml_set_attr(root, "version", PACKAGE_VERSION);
	for (size_t i = 0; i < pcmkd_children_count(children); i++) {
		struct pcmkd_child_status st;
		xmlNode *child = pcmk_xml_add_child(root, "child");

		pcmkd_children_status(children, i, &st);
		pcmk_xml_set_attr(child, "name", st.name);
		pcmk_xml_set_attr(child, "state", pcmkd_child_state_str(st.state));
		pcmk_xml_set_attr_int(child, "pid", st.pid);
		pcmk_xml_set_attr_int(child, "respawns", st.respawns);
	}
	return root;
}

static void reply_and_free(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
			   xmlNode *reply)
{
	if ((req->flags & (PCMK_IPC_REPLY_SYNC | PCMK_IPC_REPLY_ASYNC)) != 0) {
		pcmk_ipc_reply(client, req, reply);
	}
	pcmk_xml_free(reply);
}

static xmlNode *error_reply(const char *reason)
{
	xmlNode *reply = pcmk_xml_new_root("error");

	pcmk_xml_set_attr(reply, "reason", reason);
	return reply;
}

static void do_shutdown(struct pcmkd_ipc *ipc, struct pcmk_ipc_client *client,
			const struct pcmk_ipc_request *req)
{
	uid_t uid = pcmk_ipc_client_uid(client);

	if (uid != 0 && uid != ipc->admin_uid) {
		pcmk_warn("Refusing shutdown request from pid %d: uid %u may not stop pacemaker",
			  (int)pcmk_ipc_client_pid(client), (unsigned)uid);
		reply_and_free(client, req, error_reply("permission denied"));
		return;
	}
	pcmk_notice("Shutdown requested by pid %d", (int)pcmk_ipc_client_pid(client));
	reply_and_free(client, req, pcmk_xml_new_root("ok"));
	ipc->shutdown(ipc->data);
}

static void on_request(struct pcmk_ipc_client *client, const struct pcmk_ipc_request *req,
		       xmlNode *msg, void *data)
{
	struct pcmkd_ipc *ipc = data;

	if (pcmk_xml_is(msg, "ping")) {
		reply_and_free(client, req, pcmkd_ipc_status_xml(ipc->children));
	} else if (pcmk_xml_is(msg, "shutdown")) {
		do_shutdown(ipc, client, req);
	} else {
		pcmk_warn("Unknown request <%s> from pid %d", (const char *)msg->name,
			  (int)pcmk_ipc_client_pid(client));
		reply_and_free(client, req, error_reply("unknown request"));
	}
}

static const struct pcmk_ipc_server_ops server_ops = {
	.request = on_request,
};

int pcmkd_ipc_start(struct pcmkd_children *children, uid_t admin_uid, void (*shutdown)(void *data),
		    void *data, struct pcmkd_ipc **out)
{
	struct pcmkd_ipc *ipc = calloc(1, sizeof(*ipc));
	int rc = 0;

	if (ipc == NULL) {
		return -ENOMEM;
	}
	ipc->children = children;
	ipc->admin_uid = admin_uid;
	ipc->shutdown = shutdown;
	ipc->data = data;
	ipc->server = pcmk_ipc_server_start(PCMKD_IPC_NAME, &server_ops, ipc, &rc);
	if (ipc->server == NULL) {
		free(ipc);
		return rc;
	}
	*out = ipc;
	return 0;
}

void pcmkd_ipc_stop(struct pcmkd_ipc *ipc)
{
	if (ipc == NULL) {
		return;
	}
	pcmk_ipc_server_stop(ipc->server);
	free(ipc);
}

bool pcmkd_ipc_running(void)
{
	int rc;
	struct pcmk_ipc_conn *conn = pcmk_ipc_connect(PCMKD_IPC_NAME, &rc);

	pcmk_ipc_close(conn);
	return conn != NULL;
}

/* Send <@request/>; 0 when the reply is <@expect/>. */
static int call_simple(struct pcmk_ipc_conn *conn, const char *request, const char *expect)
{
	xmlNode *msg = pcmk_xml_new_root(request);
	xmlDoc *reply = NULL;
	int rc = pcmk_ipc_call(conn, msg, CALL_TIMEOUT_MS, &reply);

	pcmk_xml_free(msg);
	if (rc == 0) {
		xmlNode *root = xmlDocGetRootElement(reply);
		const char *reason = pcmk_xml_attr(root, "reason");

		if (!pcmk_xml_is(root, expect)) {
			rc = reason != NULL && strcmp(reason, "permission denied") == 0 ? -EACCES
											: -EPROTO;
		}
		xmlFreeDoc(reply);
	}
	return rc;
}

int pcmkd_ipc_request_shutdown(int timeout_ms)
{
	int rc;
	struct pcmk_ipc_conn *conn = pcmk_ipc_connect(PCMKD_IPC_NAME, &rc);

	if (conn == NULL) {
		return rc;
	}
	rc = call_simple(conn, "shutdown", "ok");
	pcmk_ipc_close(conn);
	if (rc < 0) {
		return rc;
	}
	for (int waited = 0; pcmkd_ipc_running(); waited += GONE_POLL_MS) {
		if (waited >= timeout_ms) {
			return -ETIMEDOUT;
		}
		g_usleep(GONE_POLL_MS * 1000);
	}
	return 0;
}
