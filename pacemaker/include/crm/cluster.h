/*
 * The cluster as the pacemaker daemons see it, over corosync's client
 * API only (libcpg, libquorum, libcmap): a CPG group per daemon (cib,
 * crmd, attrd, stonith-ng) carrying XML messages to one node or to all,
 * in one total order with the group's membership changes; a peer cache
 * with node names from the corosync nodelist (`name`, else `ring0_addr`);
 * quorum.
 *
 * Everything runs from the default glib main context.  XML handed to a
 * callback belongs to the library and is freed after it returns.
 */
#ifndef PCMK_CLUSTER_H
#define PCMK_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <libxml/tree.h>

struct pcmk_cluster;

enum pcmk_peer_state {
	PCMK_PEER_UNKNOWN, /* in the nodelist, never seen in the membership */
	PCMK_PEER_MEMBER,  /* in the corosync membership */
	PCMK_PEER_LOST,    /* was a member, is gone */
};

struct pcmk_peer {
	uint32_t nodeid;
	const char *name; /* never NULL; the node id in decimal if no name is known */
	enum pcmk_peer_state state;
	bool in_group; /* a process of this group runs there */
};

/* A process in the group. */
struct pcmk_group_member {
	uint32_t nodeid;
	pid_t pid;
};

struct pcmk_cluster_ops {
	/* A message sent to the group (to all, or to this node). */
	void (*message)(struct pcmk_cluster *c, uint32_t from_nodeid, xmlNode *msg, void *data);
	/* The group's membership changed: @members after the change (sorted by
	 * node id, then pid), who joined and who left.  Ordered with the
	 * messages: every member sees the same sequence. */
	void (*group_change)(struct pcmk_cluster *c, const struct pcmk_group_member *members,
			     size_t n_members, const struct pcmk_group_member *joined,
			     size_t n_joined, const struct pcmk_group_member *left, size_t n_left,
			     void *data);
	/* A peer's state or in_group changed (may be NULL). */
	void (*peer_change)(struct pcmk_cluster *c, const struct pcmk_peer *peer, void *data);
	/* Quorum was gained or lost (may be NULL). */
	void (*quorum)(struct pcmk_cluster *c, bool quorate, void *data);
	/* The connection to corosync is gone; the daemon should stop. */
	void (*lost)(struct pcmk_cluster *c, void *data);
};

/* Join CPG group @group (1 to 128 bytes) and follow membership and
 * quorum.  @ops (copied) must have message and group_change; the other
 * callbacks may be NULL.  Returns the connection, or NULL with *@rc =
 * -errno (-EINVAL for bad arguments, -ENOTCONN when corosync does not
 * run). */
struct pcmk_cluster *pcmk_cluster_connect(const char *group, const struct pcmk_cluster_ops *ops,
					  void *data, int *rc);

/* Leave the group and free.  NULL is a no-op.  No callback runs after;
 * it may be called from a callback (the memory is released once the
 * dispatch in progress returns). */
void pcmk_cluster_disconnect(struct pcmk_cluster *c);

/* Send @msg (not consumed) to the group process on node @to_nodeid, or to
 * every member (this node included) when @to_nodeid is 0.  Large messages
 * are compressed.  A message for a node with no member is dropped there.
 * Returns 0 or -errno (-EAGAIN when corosync's queue stays full: retry
 * later; -ENOTCONN once the connection is lost). */
int pcmk_cluster_send(struct pcmk_cluster *c, uint32_t to_nodeid, const xmlNode *msg);

uint32_t pcmk_cluster_local_nodeid(const struct pcmk_cluster *c);
const char *pcmk_cluster_local_name(const struct pcmk_cluster *c);
bool pcmk_cluster_quorate(const struct pcmk_cluster *c);

/* The peer with @nodeid, or NULL when unknown.  Valid until the next
 * callback returns. */
const struct pcmk_peer *pcmk_cluster_peer(struct pcmk_cluster *c, uint32_t nodeid);

/* Call @fn for each known peer, by node id.  Returns how many. */
size_t pcmk_cluster_foreach_peer(struct pcmk_cluster *c,
				 void (*fn)(const struct pcmk_peer *peer, void *data), void *data);

/* Without a group: the name of node @nodeid (0 = this node) from the
 * corosync nodelist (`name`, else `ring0_addr`).  Returns 0 with *@name
 * malloc'd (caller frees), or -ENOENT (not in the nodelist), -ENOTCONN,
 * -EINVAL (@name NULL). */
int pcmk_cluster_node_name(uint32_t nodeid, char **name);

#endif /* PCMK_CLUSTER_H */
