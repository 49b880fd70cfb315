/*
 * What the parts of libcrmcluster share: the connection object and the
 * functions one file provides to another.
 */
#ifndef CLUSTER_PRIVATE_H
#define CLUSTER_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>
#include <glib.h>
#include <glib-unix.h>
#include <corosync/cpg.h>
#include <corosync/quorum.h>
#include <corosync/cmap.h>

#include <crm/cluster.h>
#include "cluster_peers.h"

struct pcmk_cluster {
	char *group;
	struct cpg_name cpg_name;
	struct pcmk_cluster_ops ops;
	void *data;

	cpg_handle_t cpg;
	bool cpg_open;
	bool joined;
	guint cpg_source;
	quorum_handle_t quorum;
	bool quorum_open;
	guint quorum_source;

	uint32_t local_nodeid;
	char *local_name;
	bool quorate;
	struct cluster_peers *peers;

	/* Callbacks may disconnect: the object is freed only when no
	 * dispatch is running (busy), and no callback runs once closing. */
	int busy;
	bool closing;
	bool lost;
};

/* cluster.c */
/* True while callbacks may run. */
bool cluster_active(const struct pcmk_cluster *c);
/* Corosync's @service connection failed with @err: log, stop watching
 * and tell the daemon once. */
void cluster_lost(struct pcmk_cluster *c, const char *service, cs_error_t err);
/* After a dispatch: frees @c when it was disconnected meanwhile.  Returns
 * what the glib source with id *@source should return. */
gboolean cluster_dispatch_done(struct pcmk_cluster *c, const guint *source);

/* cluster_cs.c: corosync's result as 0 or a negative errno. */
int cluster_cs_errno(cs_error_t err);

/* cluster_group.c: @n CPG addresses as group members sorted by node id,
 * then pid.  Returns 0 with *@out malloc'd (NULL when @n is 0; caller
 * frees), or -ENOMEM. */
int cluster_group_members(const struct cpg_address *in, size_t n, struct pcmk_group_member **out);

/* cluster_names.c */
/* The nodelist name of @nodeid: `name`, else `ring0_addr`.  Returns 0
 * with *@name malloc'd, -ENOENT, or -errno from cmap. */
int cluster_names_lookup(cmap_handle_t cmap, uint32_t nodeid, char **name);
/* Put every nodelist entry into @c's peer cache and find the local
 * node's name.  Returns 0 or -errno. */
int cluster_names_load(struct pcmk_cluster *c);
/* A peer cache resolver: the nodelist name of @nodeid or NULL. */
char *cluster_names_resolve(uint32_t nodeid, void *data);

/* cluster_cpg.c */
int cluster_cpg_connect(struct pcmk_cluster *c);
int cluster_cpg_join(struct pcmk_cluster *c);
void cluster_cpg_close(struct pcmk_cluster *c);

/* cluster_quorum.c */
int cluster_quorum_connect(struct pcmk_cluster *c);
void cluster_quorum_close(struct pcmk_cluster *c);

#endif /* CLUSTER_PRIVATE_H */
