/*
 * The peer cache: every node we know of (from the corosync nodelist or
 * seen in the membership), its name, whether it is in the membership and
 * whether a process of our group runs there.  It knows nothing of
 * corosync: the connection feeds it rings and group memberships, and it
 * reports each change through a callback.
 */
#ifndef CLUSTER_PEERS_H
#define CLUSTER_PEERS_H

#include <stddef.h>
#include <stdint.h>

#include <crm/cluster.h>

struct cluster_peers;

struct cluster_peers_ops {
	/* The name of a node first seen in the membership: a malloc'd string
	 * (the cache frees it) or NULL when it has none.  May be NULL. */
	char *(*resolve)(uint32_t nodeid, void *data);
	/* A peer's state or in_group changed.  May be NULL. */
	void (*changed)(const struct pcmk_peer *peer, void *data);
};

/* An empty cache (@ops copied).  Returns NULL when memory runs out.  Free
 * with cluster_peers_free(); NULL is a no-op there. */
struct cluster_peers *cluster_peers_new(const struct cluster_peers_ops *ops, void *data);
void cluster_peers_free(struct cluster_peers *peers);

/* Record nodelist entry @nodeid with @name (NULL: the id in decimal),
 * replacing the name of a peer already known.  A new peer is UNKNOWN; no
 * callback runs.  Returns 0, -EINVAL (node id 0), -ENOMEM. */
int cluster_peers_add(struct cluster_peers *peers, uint32_t nodeid, const char *name);

/* The membership is now the @n nodes in @nodeids: they become MEMBER,
 * former members not listed become LOST.  Returns 0 or -ENOMEM. */
int cluster_peers_set_members(struct cluster_peers *peers, const uint32_t *nodeids, size_t n);

/* The group now has the @n processes in @members: in_group is true
 * exactly for the nodes among them.  Returns 0 or -ENOMEM. */
int cluster_peers_set_group(struct cluster_peers *peers, const struct pcmk_group_member *members,
			    size_t n);

/* The peer with @nodeid or NULL.  Valid until the cache changes. */
const struct pcmk_peer *cluster_peers_get(const struct cluster_peers *peers, uint32_t nodeid);

/* Call @fn for each peer by node id; returns how many. */
size_t cluster_peers_foreach(const struct cluster_peers *peers,
			     void (*fn)(const struct pcmk_peer *peer, void *data), void *data);

const char *cluster_peer_state_name(enum pcmk_peer_state state);

#endif /* CLUSTER_PEERS_H */
