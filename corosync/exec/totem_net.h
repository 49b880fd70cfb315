/*
 * Totem's transports: UDP unicast to every nodelist member (udpu) or UDP
 * multicast to mcastaddr:mcastport (udp), on the qb main loop.  Packets
 * for this node itself never touch the network: they wait in a local
 * queue and are handed over from the loop, in the order they were sent.
 * With crypto configured, packets are sealed on the way out and checked on
 * the way in (totem_crypto.h); those that fail the check are dropped.
 */
#ifndef TOTEM_NET_H
#define TOTEM_NET_H

#include <stddef.h>
#include <stdint.h>
#include <qb/qbloop.h>

#include "totem_config.h"

typedef void (*totem_net_deliver_fn)(void *ctx, const void *pkt, size_t len);

struct totem_net_stats {
	uint64_t tx_packets, tx_bytes, tx_errors;
	uint64_t rx_packets, rx_bytes;
	uint64_t rx_unlisted;  /* from addresses not in the nodelist */
	uint64_t rx_bad_auth;  /* failed the crypto check: other key or settings */
	uint64_t rx_truncated; /* larger than any frame: dropped */
	uint64_t local_packets;
};

struct totem_net;

/* The most a packet grows on the wire (crypto): frames must leave room.
 * 0 without crypto. */
size_t totem_net_overhead(const struct totem_net *net);

/* Load the authkey (with crypto), open the sockets for @cfg and start
 * receiving on @loop.  Returns the transport, or NULL with *rc = -errno
 * (the error is logged, naming the address or the key file). */
struct totem_net *totem_net_create(const struct totem_config *cfg, qb_loop_t *loop,
				   totem_net_deliver_fn deliver, void *ctx, int *rc);
void totem_net_free(struct totem_net *net);

/* To every node (this one included). */
void totem_net_mcast(struct totem_net *net, const void *pkt, size_t len);
/* To one node (possibly this one). */
void totem_net_unicast(struct totem_net *net, uint32_t nodeid, const void *pkt, size_t len);

const struct totem_net_stats *totem_net_stats(const struct totem_net *net);

/* Address of @nodeid as text ("10.0.0.1"), or NULL when unknown. */
const char *totem_net_node_addr(const struct totem_net *net, uint32_t nodeid, char *buf,
				size_t size);

#endif /* TOTEM_NET_H */
