/*
 * cfg, the nodes: addresses and link status as the local node sees them.
 * Our transports have one link (link 0); a node is reachable when it is in
 * the current ring, and the local node always is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "cfg_int.h"

static bool in_ring(const struct cfg_view *v, uint32_t nodeid)
{
	for (size_t i = 0; i < v->n_members; i++) {
		if (v->members[i] == nodeid) {
			return true;
		}
	}
	return false;
}

/* An address the transport learned, as text, back into a sockaddr. */
static int parse_addr(const char *text, struct sockaddr_storage *out)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)out;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)out;

	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, text, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		return 0;
	}
	return -ENOENT;
}

bool cfg_node_known(const struct cfg_view *v, uint32_t nodeid)
{
	if (nodeid == v->totem->nodeid || in_ring(v, nodeid)) {
		return true;
	}
	for (unsigned i = 0; i < v->totem->node_count; i++) {
		if (v->totem->nodes[i].nodeid == nodeid) {
			return true;
		}
	}
	return false;
}

int cfg_node_addr(const struct cfg_view *v, uint32_t nodeid, struct sockaddr_storage *out)
{
	const struct totem_config *t = v->totem;
	char text[INET6_ADDRSTRLEN + 16];

	if (nodeid == 0 || nodeid == t->nodeid) {
		*out = t->bind_addr;
		return 0;
	}
	for (unsigned i = 0; i < t->node_count; i++) {
		if (t->nodes[i].nodeid == nodeid) {
			*out = t->nodes[i].addr;
			return 0;
		}
	}
	/* udp without a nodelist: members are known from their packets */
	if (in_ring(v, nodeid) && v->addr != NULL && v->addr(nodeid, text, sizeof(text)) != NULL) {
		return parse_addr(text, out);
	}
	return -ENOENT;
}

static void addr_text(const struct sockaddr_storage *ss, char *buf, size_t size)
{
	const void *a = ss->ss_family == AF_INET6
				? (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr
				: (const void *)&((const struct sockaddr_in *)ss)->sin_addr;

	if (inet_ntop(ss->ss_family, a, buf, (socklen_t)size) == NULL) {
		snprintf(buf, size, "?");
	}
}

int cfg_node_status(const struct cfg_view *v, uint32_t nodeid,
		    struct corosync_cfg_node_status_v1 *out)
{
	struct corosync_knet_link_status_v1 *link = &out->link_status[0];
	struct sockaddr_storage addr;
	bool local;
	int rc;

	if (nodeid == 0) {
		nodeid = v->totem->nodeid;
	}
	local = nodeid == v->totem->nodeid;
	rc = cfg_node_addr(v, nodeid, &addr);
	memset(out, 0, sizeof(*out));
	if (rc < 0) {
		return rc;
	}
	out->version = CFG_NODE_STATUS_V1;
	out->nodeid = nodeid;
	out->reachable = local || in_ring(v, nodeid);
	link->enabled = 1;
	link->connected = out->reachable;
	link->mtu = v->totem->netmtu;
	/* corosync-cfgtool -s prints the source address as the link's */
	addr_text(&v->totem->bind_addr, link->src_ipaddr, sizeof(link->src_ipaddr));
	addr_text(&addr, link->dst_ipaddr, sizeof(link->dst_ipaddr));
	return 0;
}
