/*
 * The peer cache: an array of peers sorted by node id (few nodes, many
 * lookups), each owning its name.  Peers are allocated one by one so a
 * pointer handed to a callback stays valid while the array grows.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/log.h>
#include "cluster_peers.h"

struct peer {
	struct pcmk_peer pub; /* pub.name points to name */
	char *name;
};

struct cluster_peers {
	struct cluster_peers_ops ops;
	void *data;
	struct peer **peers;
	size_t n, room;
};

static const char *const state_names[] = {
	[PCMK_PEER_UNKNOWN] = "unknown",
	[PCMK_PEER_MEMBER] = "member",
	[PCMK_PEER_LOST] = "lost",
};

const char *cluster_peer_state_name(enum pcmk_peer_state state)
{
	return (size_t)state < sizeof(state_names) / sizeof(state_names[0]) ? state_names[state]
									    : "invalid";
}

struct cluster_peers *cluster_peers_new(const struct cluster_peers_ops *ops, void *data)
{
	struct cluster_peers *peers = calloc(1, sizeof(*peers));

	if (peers != NULL && ops != NULL) {
		peers->ops = *ops;
	}
	if (peers != NULL) {
		peers->data = data;
	}
	return peers;
}

void cluster_peers_free(struct cluster_peers *peers)
{
	if (peers == NULL) {
		return;
	}
	for (size_t i = 0; i < peers->n; i++) {
		free(peers->peers[i]->name);
		free(peers->peers[i]);
	}
	free(peers->peers);
	free(peers);
}

/* Index of @nodeid, or where it would be inserted. */
static size_t find_slot(const struct cluster_peers *peers, uint32_t nodeid)
{
	size_t lo = 0, hi = peers->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (peers->peers[mid]->pub.nodeid < nodeid) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static struct peer *find(const struct cluster_peers *peers, uint32_t nodeid)
{
	size_t i = find_slot(peers, nodeid);

	return i < peers->n && peers->peers[i]->pub.nodeid == nodeid ? peers->peers[i] : NULL;
}

/* Give @p the name @name (taken over; NULL: the node id in decimal). */
static int set_name(struct peer *p, char *name)
{
	if (name == NULL && asprintf(&name, "%u", p->pub.nodeid) < 0) {
		return -ENOMEM;
	}
	free(p->name);
	p->name = name;
	p->pub.name = name;
	return 0;
}

/* Insert a new UNKNOWN peer @nodeid named @name (taken over).  Returns
 * it, or NULL when memory runs out (@name freed). */
static struct peer *insert(struct cluster_peers *peers, uint32_t nodeid, char *name)
{
	size_t i = find_slot(peers, nodeid);
	struct peer *p = NULL;

	if (peers->n == peers->room) {
		size_t room = peers->room == 0 ? 8 : peers->room * 2;
		struct peer **grown = realloc(peers->peers, room * sizeof(*grown));

		if (grown == NULL) {
			goto err;
		}
		peers->peers = grown;
		peers->room = room;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL) {
		goto err;
	}
	p->pub.nodeid = nodeid;
	p->pub.state = PCMK_PEER_UNKNOWN;
	if (set_name(p, name) < 0) {
		free(p);
		return NULL;
	}
	memmove(&peers->peers[i + 1], &peers->peers[i], (peers->n - i) * sizeof(*peers->peers));
	peers->peers[i] = p;
	peers->n++;
	return p;
err:
	free(name);
	return NULL;
}

int cluster_peers_add(struct cluster_peers *peers, uint32_t nodeid, const char *name)
{
	char *copy = NULL;
	struct peer *p;

	if (nodeid == 0) {
		return -EINVAL;
	}
	if (name != NULL && (copy = strdup(name)) == NULL) {
		return -ENOMEM;
	}
	p = find(peers, nodeid);
	if (p != NULL) {
		return set_name(p, copy);
	}
	return insert(peers, nodeid, copy) != NULL ? 0 : -ENOMEM;
}

/* The peer @nodeid, created (named by the resolver) when new. */
static struct peer *get_or_create(struct cluster_peers *peers, uint32_t nodeid)
{
	struct peer *p = find(peers, nodeid);

	if (p != NULL) {
		return p;
	}
	return insert(peers, nodeid,
		      peers->ops.resolve != NULL ? peers->ops.resolve(nodeid, peers->data) : NULL);
}

static void notify(struct cluster_peers *peers, const struct peer *p)
{
	pcmk_info("Node %s (id %u) is now %s%s", p->pub.name, p->pub.nodeid,
		  cluster_peer_state_name(p->pub.state),
		  p->pub.in_group ? " and in the group" : "");
	if (peers->ops.changed != NULL) {
		peers->ops.changed(&p->pub, peers->data);
	}
}

static bool listed(uint32_t nodeid, const uint32_t *nodeids, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (nodeids[i] == nodeid) {
			return true;
		}
	}
	return false;
}

int cluster_peers_set_members(struct cluster_peers *peers, const uint32_t *nodeids, size_t n)
{
	int rc = 0;

	/* Create new peers first: no pointer given to a callback moves. */
	for (size_t i = 0; i < n; i++) {
		if (nodeids[i] != 0 && get_or_create(peers, nodeids[i]) == NULL) {
			rc = -ENOMEM;
		}
	}
	for (size_t i = 0; i < peers->n; i++) {
		struct peer *p = peers->peers[i];
		enum pcmk_peer_state now = p->pub.state;

		if (listed(p->pub.nodeid, nodeids, n)) {
			now = PCMK_PEER_MEMBER;
		} else if (p->pub.state == PCMK_PEER_MEMBER) {
			now = PCMK_PEER_LOST;
		}
		if (now != p->pub.state) {
			p->pub.state = now;
			notify(peers, p);
		}
	}
	return rc;
}

static bool in_group(uint32_t nodeid, const struct pcmk_group_member *members, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (members[i].nodeid == nodeid) {
			return true;
		}
	}
	return false;
}

int cluster_peers_set_group(struct cluster_peers *peers, const struct pcmk_group_member *members,
			    size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		if (members[i].nodeid != 0 && get_or_create(peers, members[i].nodeid) == NULL) {
			rc = -ENOMEM;
		}
	}
	for (size_t i = 0; i < peers->n; i++) {
		struct peer *p = peers->peers[i];
		bool now = in_group(p->pub.nodeid, members, n);

		if (now != p->pub.in_group) {
			p->pub.in_group = now;
			notify(peers, p);
		}
	}
	return rc;
}

const struct pcmk_peer *cluster_peers_get(const struct cluster_peers *peers, uint32_t nodeid)
{
	const struct peer *p = find(peers, nodeid);

	return p != NULL ? &p->pub : NULL;
}

size_t cluster_peers_foreach(const struct cluster_peers *peers,
			     void (*fn)(const struct pcmk_peer *peer, void *data), void *data)
{
	for (size_t i = 0; i < peers->n; i++) {
		fn(&peers->peers[i]->pub, data);
	}
	return peers->n;
}
