/*
 * Replication: a write goes to every node through the "cib" CPG group and
 * is applied when CPG delivers it, in the one order all nodes see, so all
 * CIBs go through the same sequence of versions.  The node that took the
 * request answers its client after its own delivery (and disk write).
 *
 *   <cib_update origin_nodeid="1" origin_pid="42" origin_name="node1"
 *               call_id="7" now="1764884046"><cib_command .../></cib_update>
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib/wire.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "cib_daemon.h"

static xmlNode *update_message(struct cib_daemon *d, const xmlNode *request, uint32_t call_id)
{
	xmlNode *msg = pcmk_xml_new_root("cib_update");
	int rc;

	if (msg == NULL) {
		return NULL;
	}
	rc = pcmk_xml_set_attr_int(msg, "origin_nodeid", pcmk_cluster_local_nodeid(d->cluster));
	rc = rc ?: pcmk_xml_set_attr_int(msg, "origin_pid", getpid());
	rc = rc ?: pcmk_xml_set_attr(msg, "origin_name", d->local_name);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "call_id", call_id);
	rc = rc ?: pcmk_xml_set_attr_int(msg, "now", (long long)time(NULL));
	if (rc == 0) {
		xmlNode *copy = xmlDocCopyNode((xmlNode *)request, msg->doc, 1);

		rc = copy != NULL && xmlAddChild(msg, copy) != NULL ? 0 : -ENOMEM;
	}
	if (rc < 0) {
		pcmk_xml_free(msg);
		return NULL;
	}
	return msg;
}

int cib_replica_submit(struct cib_daemon *d, const xmlNode *request, struct cib_pending *p)
{
	uint32_t call_id = ++d->next_call_id;
	xmlNode *msg = update_message(d, request, call_id);
	int rc;

	if (msg == NULL) {
		return -ENOMEM;
	}
	g_hash_table_insert(d->in_flight, GUINT_TO_POINTER(call_id), p);
	rc = pcmk_cluster_send(d->cluster, 0, msg);
	pcmk_xml_free(msg);
	if (rc < 0) {
		g_hash_table_steal(d->in_flight, GUINT_TO_POINTER(call_id));
		pcmk_warn("Cannot send a %s to the cluster: %s", p->op, strerror(-rc));
	}
	return rc;
}

/* The waiting request this update answers, when it came from here. */
static struct cib_pending *take_pending(struct cib_daemon *d, const xmlNode *msg)
{
	long long nodeid = 0, pid = 0, call_id = 0;
	struct cib_pending *p;

	if (pcmk_xml_attr_int(msg, "origin_nodeid", &nodeid) < 0 ||
	    pcmk_xml_attr_int(msg, "origin_pid", &pid) < 0 ||
	    pcmk_xml_attr_int(msg, "call_id", &call_id) < 0 ||
	    (uint32_t)nodeid != pcmk_cluster_local_nodeid(d->cluster) || pid != getpid()) {
		return NULL;
	}
	p = g_hash_table_lookup(d->in_flight, GUINT_TO_POINTER((uint32_t)call_id));
	if (p != NULL) {
		g_hash_table_steal(d->in_flight, GUINT_TO_POINTER((uint32_t)call_id));
	}
	return p;
}

void cib_replica_deliver(struct cib_daemon *d, const xmlNode *msg)
{
	struct cib_pending *p = take_pending(d, msg);
	const xmlNode *request = pcmk_xml_first_child(msg, "cib_command");
	struct cib_op_request req;
	long long now = 0;
	char *error = NULL;

	if (cib_wire_request_parse(request, &req, &error) < 0) {
		pcmk_warn("Dropped an unreadable update from %s: %s",
			  pcmk_xml_attr(msg, "origin_name"), error != NULL ? error : "no request");
		if (p != NULL) {
			p->rc = -EINVAL;
			p->error = error;
			error = NULL;
			cib_pending_answer(p);
		}
		free(error);
		return;
	}
	pcmk_xml_attr_int(msg, "now", &now);
	req.origin = pcmk_xml_attr(msg, "origin_name");
	req.now = (time_t)now;
	if (cib_apply(d, &req, p) == 0 && p != NULL) {
		cib_persist_answer_after_write(d, p);
	} else if (p != NULL) {
		cib_pending_answer(p);
	}
}

static void on_message(struct pcmk_cluster *c, uint32_t from, xmlNode *msg, void *data)
{
	struct cib_daemon *d = data;

	if (cib_sync_message(d, from, msg)) {
		return;
	}
	if (!pcmk_xml_is(msg, "cib_update")) {
		pcmk_warn("Ignored a <%s> message from node %u", msg->name, from);
		return;
	}
	if (d->sync_state == CIB_SYNCING) {
		g_queue_push_tail(&d->held, pcmk_xml_copy(msg));
		return;
	}
	cib_replica_deliver(d, msg);
}

static void on_group_change(struct pcmk_cluster *c, const struct pcmk_group_member *members,
			    size_t n_members, const struct pcmk_group_member *joined,
			    size_t n_joined, const struct pcmk_group_member *left, size_t n_left,
			    void *data)
{
	struct cib_daemon *d = data;

	for (size_t i = 0; i < n_left; i++) {
		pcmk_notice("cib on node %u (pid %d) left the group", left[i].nodeid,
			    (int)left[i].pid);
	}
	for (size_t i = 0; i < n_joined; i++) {
		pcmk_notice("cib on node %u (pid %d) joined the group", joined[i].nodeid,
			    (int)joined[i].pid);
	}
	cib_sync_group_change(d, members, n_members, n_joined);
}

static void on_quorum(struct pcmk_cluster *c, bool quorate, void *data)
{
	pcmk_notice("Quorum %s: configuration changes are %s", quorate ? "gained" : "lost",
		    quorate ? "accepted" : "refused unless forced");
}

static void on_lost(struct pcmk_cluster *c, void *data)
{
	struct cib_daemon *d = data;

	pcmk_crit("Lost the connection to corosync: stopping");
	g_main_loop_quit(d->loop);
}

static const struct pcmk_cluster_ops cluster_ops = {
	.message = on_message,
	.group_change = on_group_change,
	.quorum = on_quorum,
	.lost = on_lost,
};

int cib_replica_start(struct cib_daemon *d)
{
	int rc = 0;

	d->in_flight = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					     (GDestroyNotify)cib_pending_free);
	d->cluster = pcmk_cluster_connect("cib", &cluster_ops, d, &rc);
	if (d->cluster == NULL) {
		pcmk_err("Cannot join the cluster (is corosync running?): %s", strerror(-rc));
		return rc;
	}
	d->local_name = pcmk_cluster_local_name(d->cluster);
	return 0;
}

void cib_replica_stop(struct cib_daemon *d)
{
	pcmk_cluster_disconnect(d->cluster);
	d->cluster = NULL;
	if (d->in_flight != NULL) {
		g_hash_table_destroy(d->in_flight);
		d->in_flight = NULL;
	}
}
