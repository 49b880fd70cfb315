/*
 * The CPG side of a connection: one group joined with model V1, so the
 * ring changes (peer states), the group changes and the messages all come
 * through one handle in the order corosync agreed on; sending, with the
 * destination in our frame because CPG only multicasts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <crm/common/log.h>
#include "cluster_private.h"
#include "cluster_wire.h"

/* A full queue in corosync usually drains within milliseconds: retry
 * with a doubling pause, about half a second in all, before handing
 * -EAGAIN to the daemon. */
#define SEND_TRIES 10
#define SEND_FIRST_PAUSE_US 1000

static const char *const reasons[] = {
	[CPG_REASON_JOIN] = "joined",
	[CPG_REASON_LEAVE] = "left",
	[CPG_REASON_NODEDOWN] = "node went down",
	[CPG_REASON_NODEUP] = "node came up",
	[CPG_REASON_PROCDOWN] = "process exited",
};

static const char *reason_name(uint32_t reason)
{
	if (reason < sizeof(reasons) / sizeof(reasons[0]) && reasons[reason] != NULL) {
		return reasons[reason];
	}
	return "unknown reason";
}

static struct pcmk_cluster *from_handle(cpg_handle_t handle)
{
	void *c = NULL;

	return cpg_context_get(handle, &c) == CS_OK ? c : NULL;
}

static void on_deliver(cpg_handle_t handle, const struct cpg_name *group, uint32_t nodeid,
		       uint32_t pid, void *msg, size_t msg_len)
{
	struct pcmk_cluster *c = from_handle(handle);
	struct cluster_wire_msg m;

	(void)group;
	(void)pid;
	if (c == NULL || !cluster_active(c)) {
		return;
	}
	if (cluster_wire_decode(msg, msg_len, nodeid, c->local_nodeid, &m) == 0) {
		c->ops.message(c, nodeid, xmlDocGetRootElement(m.doc), c->data);
		xmlFreeDoc(m.doc);
	}
}

static void log_changes(const struct pcmk_cluster *c, const struct cpg_address *list, size_t n,
			const char *verb)
{
	for (size_t i = 0; i < n; i++) {
		const struct pcmk_peer *p = cluster_peers_get(c->peers, list[i].nodeid);

		pcmk_info("Process %u on node %s %s group %s (%s)", list[i].pid,
			  p != NULL ? p->name : "(unknown)", verb, c->group,
			  reason_name(list[i].reason));
	}
}

static void on_confchg(cpg_handle_t handle, const struct cpg_name *group,
		       const struct cpg_address *members, size_t n_members,
		       const struct cpg_address *left, size_t n_left,
		       const struct cpg_address *joined, size_t n_joined)
{
	struct pcmk_cluster *c = from_handle(handle);
	struct pcmk_group_member *m = NULL, *l = NULL, *j = NULL;

	(void)group;
	if (c == NULL || !cluster_active(c)) {
		return;
	}
	if (cluster_group_members(members, n_members, &m) < 0 ||
	    cluster_group_members(left, n_left, &l) < 0 ||
	    cluster_group_members(joined, n_joined, &j) < 0) {
		cluster_lost(c, "cpg", CS_ERR_NO_MEMORY);
		goto out;
	}
	log_changes(c, joined, n_joined, "joined");
	log_changes(c, left, n_left, "left");
	/* in_group first: the daemon may look peers up from group_change */
	cluster_peers_set_group(c->peers, m, n_members);
	if (cluster_active(c)) {
		c->ops.group_change(c, m, n_members, j, n_joined, l, n_left, c->data);
	}
out:
	free(m);
	free(l);
	free(j);
}

static void on_ring(cpg_handle_t handle, struct cpg_ring_id ring, uint32_t n,
		    const uint32_t *nodeids)
{
	struct pcmk_cluster *c = from_handle(handle);

	if (c == NULL || !cluster_active(c)) {
		return;
	}
	pcmk_info("Membership %u/%llu has %u node%s", ring.nodeid, (unsigned long long)ring.seq, n,
		  n == 1 ? "" : "s");
	cluster_peers_set_members(c->peers, nodeids, n);
}

static gboolean on_cpg_ready(gint fd, GIOCondition cond, gpointer user_data)
{
	struct pcmk_cluster *c = user_data;
	cs_error_t err = CS_OK;

	(void)fd;
	c->busy++;
	if (cond & G_IO_IN) {
		err = cpg_dispatch(c->cpg, CS_DISPATCH_ALL);
	}
	if (err != CS_OK && err != CS_ERR_TRY_AGAIN) {
		cluster_lost(c, "cpg", err);
	} else if (cond & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) {
		cluster_lost(c, "cpg", CS_ERR_LIBRARY);
	}
	c->busy--;
	return cluster_dispatch_done(c, &c->cpg_source);
}

int cluster_cpg_connect(struct pcmk_cluster *c)
{
	cpg_model_v1_data_t model = {
		.model = CPG_MODEL_V1,
		.cpg_deliver_fn = on_deliver,
		.cpg_confchg_fn = on_confchg,
		.cpg_totem_confchg_fn = on_ring,
		.flags = CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF,
	};
	unsigned int nodeid = 0;
	int fd = -1;
	cs_error_t err = cpg_model_initialize(&c->cpg, CPG_MODEL_V1, (cpg_model_data_t *)&model, c);

	if (err != CS_OK) {
		pcmk_err("Could not connect to corosync's cpg service for group %s: %s", c->group,
			 cs_strerror(err));
		return cluster_cs_errno(err);
	}
	c->cpg_open = true;
	err = cpg_local_get(c->cpg, &nodeid);
	if (err == CS_OK) {
		err = cpg_fd_get(c->cpg, &fd);
	}
	if (err != CS_OK) {
		pcmk_err("Could not get the local node id from corosync: %s", cs_strerror(err));
		return cluster_cs_errno(err);
	}
	c->local_nodeid = nodeid;
	c->cpg_source = g_unix_fd_add(fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_cpg_ready, c);
	return 0;
}

int cluster_cpg_join(struct pcmk_cluster *c)
{
	cs_error_t err;

	for (int i = 0; i < SEND_TRIES; i++) {
		err = cpg_join(c->cpg, &c->cpg_name);
		if (err != CS_ERR_TRY_AGAIN) {
			break;
		}
		g_usleep(SEND_FIRST_PAUSE_US << i);
	}
	if (err != CS_OK) {
		pcmk_err("Could not join group %s: %s", c->group, cs_strerror(err));
		return cluster_cs_errno(err);
	}
	c->joined = true;
	pcmk_info("Joined group %s as node %s (id %u)", c->group, c->local_name, c->local_nodeid);
	return 0;
}

void cluster_cpg_close(struct pcmk_cluster *c)
{
	if (!c->cpg_open) {
		return;
	}
	if (c->joined && !c->lost) {
		cpg_leave(c->cpg, &c->cpg_name);
	}
	cpg_finalize(c->cpg);
	c->cpg_open = false;
}

static cs_error_t mcast(struct pcmk_cluster *c, const void *frame, size_t len)
{
	struct iovec iov = { (void *)frame, len };
	cs_error_t err = CS_OK;

	for (int i = 0; i < SEND_TRIES; i++) {
		err = cpg_mcast_joined(c->cpg, CPG_TYPE_AGREED, &iov, 1);
		if (err != CS_ERR_TRY_AGAIN) {
			break;
		}
		g_usleep(SEND_FIRST_PAUSE_US << i);
	}
	return err;
}

int pcmk_cluster_send(struct pcmk_cluster *c, uint32_t to_nodeid, const xmlNode *msg)
{
	void *frame = NULL;
	size_t len = 0;
	int rc;
	cs_error_t err;

	if (c == NULL || msg == NULL) {
		return -EINVAL;
	}
	if (c->lost || c->closing) {
		return -ENOTCONN;
	}
	rc = cluster_wire_encode(msg, to_nodeid, c->local_nodeid, CLUSTER_WIRE_COMPRESS_MIN, &frame,
				 &len);
	if (rc < 0) {
		pcmk_err("Could not send a message to group %s: %s", c->group, strerror(-rc));
		return rc;
	}
	err = mcast(c, frame, len);
	free(frame);
	if (err == CS_ERR_TRY_AGAIN) {
		pcmk_warn(
			"Corosync's queue stayed full: a %zu-byte message to group %s is not sent",
			len, c->group);
	} else if (err != CS_OK) {
		pcmk_err("Could not send a %zu-byte message to group %s: %s", len, c->group,
			 cs_strerror(err));
	}
	return cluster_cs_errno(err);
}
