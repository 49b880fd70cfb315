/*
 * The connection object: set-up in order (CPG, nodelist, quorum, then the
 * join, so no event arrives before the peer cache is filled), teardown
 * that waits for a running dispatch, and the accessors.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/log.h>
#include "cluster_private.h"

bool cluster_active(const struct pcmk_cluster *c)
{
	return !c->closing && !c->lost;
}

static void stop_watching(struct pcmk_cluster *c)
{
	if (c->cpg_source != 0) {
		g_source_remove(c->cpg_source);
		c->cpg_source = 0;
	}
	if (c->quorum_source != 0) {
		g_source_remove(c->quorum_source);
		c->quorum_source = 0;
	}
}

void cluster_lost(struct pcmk_cluster *c, const char *service, cs_error_t err)
{
	if (!cluster_active(c)) {
		return;
	}
	c->lost = true;
	pcmk_crit("Lost the connection to corosync (%s service: %s); group %s is left", service,
		  cs_strerror(err), c->group);
	stop_watching(c);
	if (c->ops.lost != NULL) {
		c->ops.lost(c, c->data);
	}
}

static void cluster_free(struct pcmk_cluster *c)
{
	cluster_quorum_close(c);
	cluster_cpg_close(c);
	cluster_peers_free(c->peers);
	free(c->local_name);
	free(c->group);
	free(c);
}

gboolean cluster_dispatch_done(struct pcmk_cluster *c, const guint *source)
{
	if (c->closing) {
		if (c->busy == 0) {
			cluster_free(c);
		}
		return G_SOURCE_REMOVE;
	}
	return *source != 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void peer_changed(const struct pcmk_peer *peer, void *data)
{
	struct pcmk_cluster *c = data;

	if (cluster_active(c) && c->ops.peer_change != NULL) {
		c->ops.peer_change(c, peer, c->data);
	}
}

static struct pcmk_cluster *cluster_new(const char *group, const struct pcmk_cluster_ops *ops,
					void *data)
{
	struct pcmk_cluster *c = calloc(1, sizeof(*c));
	const struct cluster_peers_ops peer_ops = {
		.resolve = cluster_names_resolve,
		.changed = peer_changed,
	};

	if (c == NULL) {
		return NULL;
	}
	c->ops = *ops;
	c->data = data;
	c->group = strdup(group);
	c->peers = cluster_peers_new(&peer_ops, c);
	if (c->group == NULL || c->peers == NULL) {
		cluster_free(c);
		return NULL;
	}
	c->cpg_name.length = (uint32_t)strlen(group);
	memcpy(c->cpg_name.value, group, c->cpg_name.length);
	return c;
}

struct pcmk_cluster *pcmk_cluster_connect(const char *group, const struct pcmk_cluster_ops *ops,
					  void *data, int *rc)
{
	struct pcmk_cluster *c = NULL;
	int err = -EINVAL;

	if (group != NULL && group[0] != '\0' && strlen(group) <= CPG_MAX_NAME_LENGTH &&
	    ops != NULL && ops->message != NULL && ops->group_change != NULL) {
		c = cluster_new(group, ops, data);
		err = c == NULL ? -ENOMEM : cluster_cpg_connect(c);
	}
	if (err == 0) {
		err = cluster_names_load(c);
	}
	if (err == 0) {
		err = cluster_quorum_connect(c);
	}
	if (err == 0) {
		err = cluster_cpg_join(c);
	}
	if (rc != NULL) {
		*rc = err;
	}
	if (err < 0 && c != NULL) {
		cluster_free(c);
		c = NULL;
	}
	return c;
}

void pcmk_cluster_disconnect(struct pcmk_cluster *c)
{
	if (c == NULL || c->closing) {
		return;
	}
	c->closing = true;
	stop_watching(c);
	if (c->busy == 0) {
		cluster_free(c);
	}
}

uint32_t pcmk_cluster_local_nodeid(const struct pcmk_cluster *c)
{
	return c != NULL ? c->local_nodeid : 0;
}

const char *pcmk_cluster_local_name(const struct pcmk_cluster *c)
{
	return c != NULL ? c->local_name : NULL;
}

bool pcmk_cluster_quorate(const struct pcmk_cluster *c)
{
	return c != NULL && c->quorate;
}

const struct pcmk_peer *pcmk_cluster_peer(struct pcmk_cluster *c, uint32_t nodeid)
{
	return c != NULL ? cluster_peers_get(c->peers, nodeid) : NULL;
}

size_t pcmk_cluster_foreach_peer(struct pcmk_cluster *c,
				 void (*fn)(const struct pcmk_peer *peer, void *data), void *data)
{
	return c != NULL && fn != NULL ? cluster_peers_foreach(c->peers, fn, data) : 0;
}
