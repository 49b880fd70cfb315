/*
 * The totem settings of one node, read from the configuration map (the
 * totem {}, nodelist {} and system {} sections of corosync.conf) with
 * corosync 3's defaults filled in.
 */
#ifndef TOTEM_CONFIG_H
#define TOTEM_CONFIG_H

#include <stdbool.h>
#include <stdint.h>
#include <limits.h>
#include <sys/socket.h>

#include "../common/cs_map.h"

/* Largest membership corosync supports (PROCESSOR_COUNT_MAX). */
#define TOTEM_NODES_MAX 384
#define TOTEM_DEFAULT_PORT 5405

enum totem_transport {
	TOTEM_TRANSPORT_UDPU = 0, /* unicast to every nodelist member */
	TOTEM_TRANSPORT_UDP,      /* multicast to mcastaddr:mcastport */
};

enum totem_crypto_cipher {
	TOTEM_CIPHER_NONE = 0,
	TOTEM_CIPHER_AES256,
	TOTEM_CIPHER_AES192,
	TOTEM_CIPHER_AES128,
};

enum totem_crypto_hash {
	TOTEM_HASH_NONE = 0,
	TOTEM_HASH_MD5,
	TOTEM_HASH_SHA1,
	TOTEM_HASH_SHA256,
	TOTEM_HASH_SHA384,
	TOTEM_HASH_SHA512,
};

struct totem_node {
	uint32_t nodeid;
	struct sockaddr_storage addr; /* ring0 address, port = totem port */
	char name[256];               /* "name", else ring0_addr as written */
	uint32_t votes;               /* quorum_votes, default 1 */
};

struct totem_config {
	enum totem_transport transport;
	bool knet_requested; /* transport: knet (served as udpu) */
	char cluster_name[256];

	/* this node */
	uint32_t nodeid;
	struct sockaddr_storage bind_addr; /* local ring0 address, port set */

	/* udp (multicast) only */
	struct sockaddr_storage mcast_addr; /* port set */
	uint8_t ttl;

	uint16_t port; /* mcastport */
	uint32_t netmtu;

	/* nodelist; empty with udp and no nodelist (members then come and go) */
	unsigned node_count;
	struct totem_node nodes[TOTEM_NODES_MAX];
	int local_node_pos; /* index of this node in nodes[], or -1 */

	/* timers in ms and protocol constants, as runtime.config.totem.* */
	uint32_t token; /* after token_coefficient was applied */
	uint32_t token_coefficient;
	uint32_t token_retransmit;
	uint32_t token_retransmits_before_loss_const;
	uint32_t hold;
	uint32_t token_warning; /* percent of token */
	uint32_t join;
	uint32_t send_join;
	uint32_t consensus;
	uint32_t merge;
	uint32_t downcheck;
	uint32_t fail_recv_const;
	uint32_t seqno_unchanged_const;
	uint32_t max_network_delay;
	uint32_t window_size;
	uint32_t max_messages;
	uint32_t miss_count_const;
	bool clear_node_high_bit;
	bool block_unlisted_ips;

	/* security (encryption and authentication of every packet) */
	enum totem_crypto_cipher crypto_cipher;
	enum totem_crypto_hash crypto_hash;
	char keyfile[PATH_MAX];

	char state_dir[PATH_MAX]; /* system.state_dir */
};

/* Read the totem settings from @map (filled by cs_config_parse_file()) and
 * pick out this node by matching the nodelist addresses (or bindnetaddr with
 * udp) against the addresses of the local interfaces.  Without
 * totem.transport, a nodelist means knet (corosync 3's default) and an
 * interface {} with bindnetaddr or mcastaddr but no nodelist means udp
 * (corosync 2's multicast form).  Returns 0, -ENOMEM, or -EINVAL with
 * *error a malloc'd message naming the key and, when @lines is not NULL,
 * the file and line it came from (caller frees). */
int totem_config_read(const struct cs_map *map, const struct cs_map *lines,
		      struct totem_config *cfg, char **error);

/* The node id corosync derives from an IPv4 address when the nodelist
 * gives none: the address as a host-order number, high bit cleared when
 * clear_node_high_bit is set. */
uint32_t totem_config_nodeid_from_addr(const struct sockaddr_storage *addr, bool clear_high_bit);

/* The names corosync.conf gives a cipher and a hash ("aes256", "sha256"). */
const char *totem_cipher_name(enum totem_crypto_cipher cipher);
const char *totem_hash_name(enum totem_crypto_hash hash);

#endif /* TOTEM_CONFIG_H */
