/*
 * UDP transports for totem (see totem_net.h).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CS_LOG_SUBSYS CS_SUBSYS_TOTEM
#include "../common/cs_log.h"
#include "../common/cs_ratelimit.h"
#include "totem_crypto.h"
#include "totem_net.h"
#include "totem_wire.h"

#define RX_BUFFER 65536
/* Datagrams read per recvmmsg call, each into a slot of at least
 * RX_SLOT_MIN bytes (corosync's largest frame is 10000 bytes) or netmtu. */
#define RX_BATCH 8
#define RX_SLOT_MIN 10240
#define SOCKET_BUFFER (8 * 1024 * 1024)
/* Datagrams per sendmmsg call at most. */
#define SEND_BATCH 64
/* Packets sent while received ones are handled wait in the outbox, up to
 * this much, and leave together once the received batch is done. */
#define OUTBOX_BYTES (64 * 1024)
#define OUTBOX_PKTS 64
/* Local packets handed over per timer expiry, so IPC gets its turn. */
#define LOCAL_BATCH 64

/* A packet in the outbox, for @to or, NULL, every other nodelist member. */
struct outbox_pkt {
	size_t offset, len;
	const struct sockaddr_storage *to;
};

/* The datagrams of one sendmmsg call. */
struct send_batch {
	struct mmsghdr msgs[SEND_BATCH];
	struct iovec iov[SEND_BATCH];
	unsigned n;
};

struct local_pkt {
	struct local_pkt *next;
	size_t len;
	uint8_t data[];
};

/* Where a node can be reached (from the nodelist, or learned from what it
 * sent us in multicast mode without a nodelist). */
struct peer {
	uint32_t nodeid;
	struct sockaddr_storage addr;
};

struct totem_net {
	const struct totem_config *cfg;
	qb_loop_t *loop;
	totem_net_deliver_fn deliver;
	void *ctx;
	int fd;       /* bound to our address: unicast in and out */
	int mcast_fd; /* udp: bound to the group, receives multicast */
	struct peer peers[TOTEM_NODES_MAX];
	unsigned n_peers;
	struct local_pkt *local_head, *local_tail;
	bool local_due; /* local_timer is armed */
	qb_loop_timer_handle local_timer;
	uint8_t *rx; /* RX_BATCH slots */
	size_t rx_slot;
	bool in_rx_batch; /* sending goes through the outbox */
	uint8_t *outbox;
	size_t outbox_used;
	struct outbox_pkt out[OUTBOX_PKTS];
	unsigned out_n;
	struct totem_crypto *crypto; /* NULL when packets go in the clear */
	uint8_t *sealed;             /* a packet as it goes on the wire */
	uint8_t *opened;             /* a received packet after the check */
	struct totem_net_stats stats;
	struct cs_ratelimit crypto_log;
};

static socklen_t addr_len(const struct sockaddr_storage *a)
{
	return a->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
}

static const char *addr_str(const struct sockaddr_storage *a, char *buf, size_t size)
{
	const void *ip = a->ss_family == AF_INET6
				 ? (const void *)&((const struct sockaddr_in6 *)a)->sin6_addr
				 : (const void *)&((const struct sockaddr_in *)a)->sin_addr;

	if (inet_ntop(a->ss_family, ip, buf, (socklen_t)size) == NULL) {
		snprintf(buf, size, "?");
	}
	return buf;
}

static bool same_ip(const struct sockaddr_storage *a, const struct sockaddr_storage *b)
{
	if (a->ss_family != b->ss_family) {
		return false;
	}
	if (a->ss_family == AF_INET6) {
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
			      &((const struct sockaddr_in6 *)b)->sin6_addr,
			      sizeof(struct in6_addr)) == 0;
	}
	return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
	       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
}

static struct peer *peer_of(struct totem_net *net, uint32_t nodeid)
{
	for (unsigned i = 0; i < net->n_peers; i++) {
		if (net->peers[i].nodeid == nodeid) {
			return &net->peers[i];
		}
	}
	return NULL;
}

/* ---- the local queue ---- */

static void local_run(void *data);

/* Local packets are handed over from an expired timer, not a loop job:
 * with nothing else to do, libqb's loop waits up to 50 ms before it runs
 * new jobs, and a ring of one would crawl. */
static void local_schedule(struct totem_net *net)
{
	if (!net->local_due && net->local_head != NULL &&
	    qb_loop_timer_add(net->loop, QB_LOOP_HIGH, 0, net, local_run, &net->local_timer) == 0) {
		net->local_due = true;
	}
}

static void local_run(void *data)
{
	struct totem_net *net = data;

	net->local_due = false;
	for (int i = 0; i < LOCAL_BATCH && net->local_head != NULL; i++) {
		struct local_pkt *p = net->local_head;
		net->local_head = p->next;
		if (net->local_head == NULL) {
			net->local_tail = NULL;
		}
		net->deliver(net->ctx, p->data, p->len);
		free(p);
	}
	local_schedule(net);
}

static void local_send(struct totem_net *net, const void *pkt, size_t len)
{
	struct local_pkt *p = malloc(sizeof(*p) + len);

	if (p == NULL) {
		net->stats.tx_errors++;
		return;
	}
	p->next = NULL;
	p->len = len;
	memcpy(p->data, pkt, len);
	if (net->local_tail != NULL) {
		net->local_tail->next = p;
	} else {
		net->local_head = p;
	}
	net->local_tail = p;
	net->stats.local_packets++;
	local_schedule(net);
}

/* ---- sending ---- */

/* The packet as it goes on the wire: @pkt itself in the clear, else
 * sealed into net->sealed.  Returns its length, 0 when it cannot be sent. */
static size_t seal(struct totem_net *net, const void **pkt, size_t len)
{
	size_t out = RX_BUFFER;
	uint64_t suppressed;
	int rc;

	if (net->crypto == NULL) {
		return len;
	}
	rc = totem_crypto_encrypt(net->crypto, *pkt, len, net->sealed, &out);
	if (rc < 0) {
		net->stats.tx_errors++;
		if (cs_ratelimit_allow(&net->crypto_log, 10, &suppressed)) {
			cs_log(LOG_ERR, "Cannot encrypt a packet of %zu bytes: %s", len,
			       strerror(-rc));
		}
		return 0;
	}
	*pkt = net->sealed;
	return out;
}

static void batch_send(struct totem_net *net, struct send_batch *b)
{
	int sent;

	if (b->n == 0) {
		return;
	}
	sent = sendmmsg(net->fd, b->msgs, b->n, MSG_NOSIGNAL);
	sent = sent < 0 ? 0 : sent;
	/* lost packets: totem's retransmission takes care of them */
	net->stats.tx_errors += b->n - (unsigned)sent;
	net->stats.tx_packets += (unsigned)sent;
	for (int i = 0; i < sent; i++) {
		net->stats.tx_bytes += b->iov[i].iov_len;
	}
	b->n = 0;
}

static void batch_add(struct totem_net *net, struct send_batch *b,
		      const struct sockaddr_storage *to, const void *pkt, size_t len)
{
	struct mmsghdr *m = &b->msgs[b->n];

	b->iov[b->n] = (struct iovec){ (void *)pkt, len };
	memset(m, 0, sizeof(*m));
	m->msg_hdr.msg_name = (void *)to;
	m->msg_hdr.msg_namelen = addr_len(to);
	m->msg_hdr.msg_iov = &b->iov[b->n];
	m->msg_hdr.msg_iovlen = 1;
	if (++b->n == SEND_BATCH) {
		batch_send(net, b);
	}
}

/* @pkt for @to, or for every other nodelist member (udpu) when @to is NULL. */
static void batch_add_for(struct totem_net *net, struct send_batch *b,
			  const struct sockaddr_storage *to, const void *pkt, size_t len)
{
	if (to != NULL) {
		batch_add(net, b, to, pkt, len);
		return;
	}
	for (unsigned i = 0; i < net->n_peers; i++) {
		if (net->peers[i].nodeid != net->cfg->nodeid) {
			batch_add(net, b, &net->peers[i].addr, pkt, len);
		}
	}
}

/* Everything in the outbox, in the order it was sent. */
static void outbox_flush(struct totem_net *net)
{
	struct send_batch b = { .n = 0 };

	for (unsigned i = 0; i < net->out_n; i++) {
		batch_add_for(net, &b, net->out[i].to, net->outbox + net->out[i].offset,
			      net->out[i].len);
	}
	batch_send(net, &b);
	net->out_n = 0;
	net->outbox_used = 0;
}

/* Send @pkt (see batch_add_for) now or, while a batch of received packets
 * is handled, with everything else it makes us send: a token visit's
 * messages and the token then leave in one system call, and the peers
 * wake up once for all of them. */
static void transmit(struct totem_net *net, const struct sockaddr_storage *to, const void *pkt,
		     size_t len)
{
	struct send_batch b = { .n = 0 };

	if (net->in_rx_batch) {
		if (net->out_n == OUTBOX_PKTS || net->outbox_used + len > OUTBOX_BYTES) {
			outbox_flush(net);
		}
		if (len <= OUTBOX_BYTES) {
			memcpy(net->outbox + net->outbox_used, pkt, len);
			net->out[net->out_n++] = (struct outbox_pkt){ net->outbox_used, len, to };
			net->outbox_used += len;
			return;
		}
	}
	batch_add_for(net, &b, to, pkt, len);
	batch_send(net, &b);
}

static bool has_other_peers(const struct totem_net *net)
{
	return net->n_peers > 1 || (net->n_peers == 1 && net->peers[0].nodeid != net->cfg->nodeid);
}

void totem_net_mcast(struct totem_net *net, const void *pkt, size_t len)
{
	const void *wire = pkt;
	size_t wire_len;

	if (net->cfg->transport == TOTEM_TRANSPORT_UDP || has_other_peers(net)) {
		wire_len = seal(net, &wire, len);
		if (wire_len == 0) {
			return;
		}
		transmit(net,
			 net->cfg->transport == TOTEM_TRANSPORT_UDP ? &net->cfg->mcast_addr : NULL,
			 wire, wire_len);
	}
	local_send(net, pkt, len);
}

void totem_net_unicast(struct totem_net *net, uint32_t nodeid, const void *pkt, size_t len)
{
	struct peer *p;

	if (nodeid == net->cfg->nodeid) {
		local_send(net, pkt, len);
		return;
	}
	p = peer_of(net, nodeid);
	if (p == NULL) {
		net->stats.tx_errors++;
		return;
	}
	len = seal(net, &pkt, len);
	if (len > 0) {
		transmit(net, &p->addr, pkt, len);
	}
}

/* ---- receiving ---- */

/* Remember how to reach a node that talks to us (multicast without a
 * nodelist learns its peers this way). */
static void learn_peer(struct totem_net *net, const uint8_t *pkt, size_t len,
		       const struct sockaddr_storage *from)
{
	struct totem_header h;
	bool swapped;
	struct peer *p;

	if (totem_header_decode(pkt, len, &h, &swapped) < 0 || h.nodeid == net->cfg->nodeid) {
		return;
	}
	p = peer_of(net, h.nodeid);
	if (p == NULL && net->n_peers < TOTEM_NODES_MAX) {
		p = &net->peers[net->n_peers++];
		p->nodeid = h.nodeid;
	}
	if (p != NULL) {
		p->addr = *from;
		/* tokens go to the node's totem port, whatever it sent from */
		if (from->ss_family == AF_INET6) {
			((struct sockaddr_in6 *)&p->addr)->sin6_port = htons(net->cfg->port);
		} else {
			((struct sockaddr_in *)&p->addr)->sin_port = htons(net->cfg->port);
		}
	}
}

static bool listed(const struct totem_net *net, const struct sockaddr_storage *from)
{
	for (unsigned i = 0; i < net->cfg->node_count; i++) {
		if (same_ip(&net->cfg->nodes[i].addr, from)) {
			return true;
		}
	}
	return false;
}

/* Check a received packet and open it into net->opened; false when it
 * must be dropped (another key or other crypto settings, or forged). */
static bool open_packet(struct totem_net *net, const uint8_t **pkt, size_t *len,
			const struct sockaddr_storage *from)
{
	size_t out = RX_BUFFER;
	uint64_t suppressed;
	char buf[64];
	int rc = totem_crypto_decrypt(net->crypto, *pkt, *len, net->opened, &out);

	if (rc < 0) {
		net->stats.rx_bad_auth++;
		if (cs_ratelimit_allow(&net->crypto_log, 10, &suppressed)) {
			cs_log(LOG_WARNING,
			       "Dropped a packet from %s that failed authentication (%s): every "
			       "node needs the same authkey and crypto settings; %llu more since "
			       "the last report",
			       addr_str(from, buf, sizeof(buf)),
			       rc == -EBADMSG ? "bad digest" : strerror(-rc),
			       (unsigned long long)suppressed);
		}
		return false;
	}
	*pkt = net->opened;
	*len = out;
	return true;
}

/* One received datagram: checked, opened, handed to totem. */
static void received(struct totem_net *net, const uint8_t *pkt, size_t len, int flags,
		     const struct sockaddr_storage *from)
{
	net->stats.rx_packets++;
	net->stats.rx_bytes += len;
	if (flags & MSG_TRUNC) {
		net->stats.rx_truncated++; /* larger than any frame a node may send */
		return;
	}
	if (net->cfg->node_count > 0 && net->cfg->block_unlisted_ips && !listed(net, from)) {
		net->stats.rx_unlisted++;
		return;
	}
	if (net->crypto != NULL && !open_packet(net, &pkt, &len, from)) {
		return;
	}
	if (net->cfg->node_count == 0) {
		learn_peer(net, pkt, len, from);
	}
	net->deliver(net->ctx, pkt, len);
}

/* Everything waiting, RX_BATCH datagrams per system call. */
static int32_t on_readable(int32_t fd, int32_t revents, void *data)
{
	struct totem_net *net = data;
	struct mmsghdr msgs[RX_BATCH];
	struct iovec iov[RX_BATCH];
	struct sockaddr_storage from[RX_BATCH];
	int n;

	net->in_rx_batch = true;
	do {
		for (int i = 0; i < RX_BATCH; i++) {
			iov[i].iov_base = net->rx + (size_t)i * net->rx_slot;
			iov[i].iov_len = net->rx_slot;
			memset(&msgs[i], 0, sizeof(msgs[i]));
			msgs[i].msg_hdr.msg_name = &from[i];
			msgs[i].msg_hdr.msg_namelen = sizeof(from[i]);
			msgs[i].msg_hdr.msg_iov = &iov[i];
			msgs[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(fd, msgs, RX_BATCH, MSG_DONTWAIT, NULL);
		for (int i = 0; i < n; i++) {
			received(net, iov[i].iov_base, msgs[i].msg_len, msgs[i].msg_hdr.msg_flags,
				 &from[i]);
		}
		outbox_flush(net);
	} while (n == RX_BATCH);
	net->in_rx_batch = false;
	return 0;
}

/* ---- sockets ---- */

static void tune_buffers(int fd)
{
	int size = SOCKET_BUFFER;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0) {
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	}
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size)) < 0) {
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	}
}

static int bound_socket(const struct sockaddr_storage *addr, int *fd)
{
	int one = 1;
	char buf[64];

	*fd = socket(addr->ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (*fd < 0) {
		return -errno;
	}
	setsockopt(*fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	tune_buffers(*fd);
	if (bind(*fd, (const struct sockaddr *)addr, addr_len(addr)) < 0) {
		int rc = -errno;
		cs_log(LOG_ERR, "Cannot bind to %s port %u: %s", addr_str(addr, buf, sizeof(buf)),
		       ntohs(((const struct sockaddr_in *)addr)->sin_port), strerror(-rc));
		close(*fd);
		*fd = -1;
		return rc;
	}
	return 0;
}

/* IPv6 multicast names the interface by index: that of the bound
 * address's scope (0 lets the kernel choose). */
static unsigned ifindex_of(const struct sockaddr_storage *local)
{
	return local->ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)local)->sin6_scope_id
					    : 0;
}

/* Join the group on the interface of our bound address and send multicast
 * through it, without looping back (we deliver our own packets locally). */
static int setup_multicast(struct totem_net *net)
{
	const struct totem_config *cfg = net->cfg;
	int zero = 0, ttl = cfg->ttl;
	char buf[64];

	int rc = bound_socket(&cfg->mcast_addr, &net->mcast_fd);
	if (rc < 0) {
		return rc;
	}
	if (cfg->mcast_addr.ss_family == AF_INET) {
		struct ip_mreqn mreq = { 0 };
		mreq.imr_multiaddr = ((const struct sockaddr_in *)&cfg->mcast_addr)->sin_addr;
		mreq.imr_address = ((const struct sockaddr_in *)&cfg->bind_addr)->sin_addr;
		if (setsockopt(net->mcast_fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) <
		    0) {
			rc = -errno;
			goto err;
		}
		setsockopt(net->fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof(mreq));
		setsockopt(net->fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero, sizeof(zero));
		setsockopt(net->fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl));
	} else {
		struct ipv6_mreq mreq6 = { 0 };
		unsigned index = ifindex_of(&cfg->bind_addr);
		mreq6.ipv6mr_multiaddr = ((const struct sockaddr_in6 *)&cfg->mcast_addr)->sin6_addr;
		mreq6.ipv6mr_interface = index;
		if (setsockopt(net->mcast_fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mreq6,
			       sizeof(mreq6)) < 0) {
			rc = -errno;
			goto err;
		}
		setsockopt(net->fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &index, sizeof(index));
		setsockopt(net->fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero, sizeof(zero));
		setsockopt(net->fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &ttl, sizeof(ttl));
	}
	return 0;
err:
	cs_log(LOG_ERR, "Cannot join multicast group %s: %s",
	       addr_str(&cfg->mcast_addr, buf, sizeof(buf)), strerror(-rc));
	return rc;
}

/* Packet security from the configured cipher, hash and authkey: none at
 * all (NULL, *rc 0) with crypto_cipher and crypto_hash both none. */
static struct totem_crypto *setup_crypto(const struct totem_config *cfg, int *rc)
{
	static uint8_t key[TOTEM_CRYPTO_KEY_MAX];
	size_t keylen = sizeof(key);
	char *error = NULL;
	struct totem_crypto *crypto;

	*rc = 0;
	if (cfg->crypto_cipher == TOTEM_CIPHER_NONE && cfg->crypto_hash == TOTEM_HASH_NONE) {
		return NULL;
	}
	*rc = totem_crypto_load_key(cfg->keyfile, key, &keylen, &error);
	if (*rc < 0) {
		cs_log(LOG_ERR, "%s", error != NULL ? error : strerror(-*rc));
		free(error);
		return NULL;
	}
	if (error != NULL) {
		cs_log(LOG_WARNING, "%s", error);
		free(error);
		error = NULL;
	}
	crypto = totem_crypto_create(cfg->crypto_cipher, cfg->crypto_hash, key, keylen, &error);
	explicit_bzero(key, sizeof(key));
	if (crypto == NULL) {
		cs_log(LOG_ERR, "Cannot set up crypto: %s",
		       error != NULL ? error : "out of memory");
		free(error);
		*rc = -EINVAL;
		return NULL;
	}
	cs_log(LOG_NOTICE, "Packets are protected with crypto_cipher %s crypto_hash %s (key %s)",
	       totem_cipher_name(cfg->crypto_cipher), totem_hash_name(cfg->crypto_hash),
	       cfg->keyfile);
	return crypto;
}

struct totem_net *totem_net_create(const struct totem_config *cfg, qb_loop_t *loop,
				   totem_net_deliver_fn deliver, void *ctx, int *rc)
{
	struct totem_net *net = calloc(1, sizeof(*net));
	char buf[64];

	if (net != NULL) {
		net->rx_slot = cfg->netmtu + 1024 > RX_SLOT_MIN ? cfg->netmtu + 1024 : RX_SLOT_MIN;
	}
	if (net == NULL || (net->rx = malloc(RX_BATCH * net->rx_slot)) == NULL ||
	    (net->outbox = malloc(OUTBOX_BYTES)) == NULL) {
		*rc = -ENOMEM;
		goto err;
	}
	net->cfg = cfg;
	net->loop = loop;
	net->deliver = deliver;
	net->ctx = ctx;
	net->fd = net->mcast_fd = -1;
	net->crypto = setup_crypto(cfg, rc);
	if (*rc < 0) {
		goto err;
	}
	if (net->crypto != NULL && ((net->sealed = malloc(RX_BUFFER)) == NULL ||
				    (net->opened = malloc(RX_BUFFER)) == NULL)) {
		*rc = -ENOMEM;
		goto err;
	}
	for (unsigned i = 0; i < cfg->node_count; i++) {
		net->peers[i].nodeid = cfg->nodes[i].nodeid;
		net->peers[i].addr = cfg->nodes[i].addr;
	}
	net->n_peers = cfg->node_count;
	*rc = bound_socket(&cfg->bind_addr, &net->fd);
	if (*rc < 0) {
		goto err;
	}
	if (cfg->transport == TOTEM_TRANSPORT_UDP && (*rc = setup_multicast(net)) < 0) {
		goto err;
	}
	/* below clients' requests when totem's queue is short (see
	 * cs_ipc_flow_control): each token visit then carries them */
	qb_loop_poll_add(loop, QB_LOOP_MED, net->fd, POLLIN, net, on_readable);
	if (net->mcast_fd >= 0) {
		qb_loop_poll_add(loop, QB_LOOP_MED, net->mcast_fd, POLLIN, net, on_readable);
	}
	cs_log(LOG_NOTICE, "Initializing transport (%s).",
	       cfg->transport == TOTEM_TRANSPORT_UDP ? "UDP/IP Multicast" : "UDP/IP Unicast");
	cs_log(LOG_NOTICE, "The network interface [%s] is now up.",
	       addr_str(&cfg->bind_addr, buf, sizeof(buf)));
	*rc = 0;
	return net;
err:
	totem_net_free(net);
	return NULL;
}

void totem_net_free(struct totem_net *net)
{
	if (net == NULL) {
		return;
	}
	if (net->fd >= 0) {
		qb_loop_poll_del(net->loop, net->fd);
		close(net->fd);
	}
	if (net->mcast_fd >= 0) {
		qb_loop_poll_del(net->loop, net->mcast_fd);
		close(net->mcast_fd);
	}
	if (net->local_due) {
		qb_loop_timer_del(net->loop, net->local_timer);
	}
	while (net->local_head != NULL) {
		struct local_pkt *p = net->local_head;
		net->local_head = p->next;
		free(p);
	}
	totem_crypto_free(net->crypto);
	free(net->sealed);
	free(net->opened);
	free(net->rx);
	free(net->outbox);
	free(net);
}

size_t totem_net_overhead(const struct totem_net *net)
{
	return net->crypto != NULL ? totem_crypto_overhead(net->crypto) : 0;
}

const struct totem_net_stats *totem_net_stats(const struct totem_net *net)
{
	return &net->stats;
}

const char *totem_net_node_addr(const struct totem_net *net, uint32_t nodeid, char *buf,
				size_t size)
{
	if (nodeid == net->cfg->nodeid) {
		return addr_str(&net->cfg->bind_addr, buf, size);
	}
	for (unsigned i = 0; i < net->n_peers; i++) {
		if (net->peers[i].nodeid == nodeid) {
			return addr_str(&net->peers[i].addr, buf, size);
		}
	}
	return NULL;
}
