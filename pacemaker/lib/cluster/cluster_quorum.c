/*
 * Quorum: the quorate flag from corosync's quorum service, reported to
 * the daemon when it flips.  Membership comes from CPG, where it is
 * ordered with the messages; this connection only answers "may we act".
 */
#include <crm/common/log.h>
#include "cluster_private.h"

static void on_quorum(quorum_handle_t handle, uint32_t quorate, uint64_t ring_seq,
		      uint32_t n_members, uint32_t *members)
{
	const void *ctx = NULL;
	struct pcmk_cluster *c;

	(void)members;
	if (quorum_context_get(handle, &ctx) != CS_OK || ctx == NULL) {
		return;
	}
	c = (struct pcmk_cluster *)ctx;
	if (!cluster_active(c) || c->quorate == (quorate != 0)) {
		return;
	}
	c->quorate = quorate != 0;
	if (c->quorate) {
		pcmk_notice("Quorum gained (membership %llu, %u nodes)",
			    (unsigned long long)ring_seq, n_members);
	} else {
		pcmk_warn("Quorum lost (membership %llu, %u nodes)", (unsigned long long)ring_seq,
			  n_members);
	}
	if (c->ops.quorum != NULL) {
		c->ops.quorum(c, c->quorate, c->data);
	}
}

static gboolean on_quorum_ready(gint fd, GIOCondition cond, gpointer user_data)
{
	struct pcmk_cluster *c = user_data;
	cs_error_t err = CS_OK;

	(void)fd;
	c->busy++;
	if (cond & G_IO_IN) {
		err = quorum_dispatch(c->quorum, CS_DISPATCH_ALL);
	}
	if (err != CS_OK && err != CS_ERR_TRY_AGAIN) {
		cluster_lost(c, "quorum", err);
	} else if (cond & (G_IO_HUP | G_IO_ERR | G_IO_NVAL)) {
		cluster_lost(c, "quorum", CS_ERR_LIBRARY);
	}
	c->busy--;
	return cluster_dispatch_done(c, &c->quorum_source);
}

/* Open the connection, read the current state, ask for changes. */
static cs_error_t quorum_open(struct pcmk_cluster *c, int *fd)
{
	quorum_callbacks_t callbacks = { .quorum_notify_fn = on_quorum };
	uint32_t type = 0;
	int quorate = 0;
	cs_error_t err = quorum_initialize(&c->quorum, &callbacks, &type);

	if (err != CS_OK) {
		return err;
	}
	c->quorum_open = true;
	err = quorum_context_set(c->quorum, c);
	if (err == CS_OK) {
		err = quorum_getquorate(c->quorum, &quorate);
	}
	if (err == CS_OK) {
		c->quorate = quorate != 0;
		err = quorum_trackstart(c->quorum, CS_TRACK_CURRENT | CS_TRACK_CHANGES);
	}
	if (err == CS_OK) {
		err = quorum_fd_get(c->quorum, fd);
	}
	return err;
}

int cluster_quorum_connect(struct pcmk_cluster *c)
{
	int fd = -1;
	cs_error_t err = quorum_open(c, &fd);

	if (err != CS_OK) {
		pcmk_err("Could not follow quorum through corosync's quorum service: %s",
			 cs_strerror(err));
		return cluster_cs_errno(err);
	}
	pcmk_info("The cluster is %squorate", c->quorate ? "" : "not ");
	c->quorum_source = g_unix_fd_add(fd, G_IO_IN | G_IO_HUP | G_IO_ERR, on_quorum_ready, c);
	return 0;
}

void cluster_quorum_close(struct pcmk_cluster *c)
{
	if (c->quorum_open) {
		quorum_finalize(c->quorum);
		c->quorum_open = false;
	}
}
