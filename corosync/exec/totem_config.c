/*
 * totem_config: the totem settings of this node, read from the
 * configuration map with corosync 3's defaults and checks.  The rules for
 * timers live in the timers[] table; the nodelist (or, for the old udp
 * multicast form, bindnetaddr) and the addresses of the local interfaces
 * decide which node this is.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/cs_config.h"
#include "totem_config.h"

/* corosync's minimum for timeouts: three ticks of a 100 Hz clock. */
#define MIN_TIMEOUT 30
/* ... and for hold, which is derived as retransmit * 0.8 - 10. */
#define MIN_HOLD 14
/* knet carries node ids in 16 bits. */
#define KNET_NODEID_MAX 65535

enum ip_version { IP_V4, IP_V6, IP_V4_6, IP_V6_4 };

struct timer {
	const char *key;
	size_t offset;
	uint32_t def; /* when absent (or 0, unless zero_ok); 0 here: derived */
	uint32_t min; /* 0: no minimum */
	bool zero_ok; /* 0 is a setting (switch off), not "use the default" */
};

#define AT(field) offsetof(struct totem_config, field)

static const struct timer timers[] = {
	{ "totem.token", AT(token), 3000, MIN_TIMEOUT, false },
	{ "totem.token_coefficient", AT(token_coefficient), 650, 0, true },
	{ "totem.token_retransmits_before_loss_const", AT(token_retransmits_before_loss_const), 4,
	  0, false },
	{ "totem.token_retransmit", AT(token_retransmit), 0, MIN_TIMEOUT, false },
	{ "totem.hold", AT(hold), 0, MIN_HOLD, false },
	{ "totem.token_warning", AT(token_warning), 75, 0, true },
	{ "totem.join", AT(join), 50, MIN_TIMEOUT, false },
	{ "totem.send_join", AT(send_join), 0, 0, true },
	{ "totem.consensus", AT(consensus), 0, MIN_TIMEOUT, false },
	{ "totem.merge", AT(merge), 200, MIN_TIMEOUT, false },
	{ "totem.downcheck", AT(downcheck), 1000, MIN_TIMEOUT, false },
	{ "totem.fail_recv_const", AT(fail_recv_const), 2500, 0, false },
	{ "totem.seqno_unchanged_const", AT(seqno_unchanged_const), 30, 0, false },
	{ "totem.max_network_delay", AT(max_network_delay), 50, MIN_TIMEOUT, false },
	{ "totem.window_size", AT(window_size), 50, 0, false },
	{ "totem.max_messages", AT(max_messages), 17, 0, false },
	{ "totem.miss_count_const", AT(miss_count_const), 5, 0, false },
	{ "totem.netmtu", AT(netmtu), 1500, 0, false },
};

#define N_TIMERS (sizeof(timers) / sizeof(timers[0]))

struct ctx {
	const struct cs_map *map;
	const struct cs_map *lines;
	struct totem_config *cfg;
	char **error;
	bool has_nodelist;
	enum ip_version ip_version;
	bool given[N_TIMERS];            /* per timers[] entry: set in the map */
	unsigned index[TOTEM_NODES_MAX]; /* N of nodelist.node.N per nodes[] entry */
	bool explicit_id[TOTEM_NODES_MAX];
	char written[TOTEM_NODES_MAX][256]; /* ring0_addr as written, for messages */
};

struct named {
	const char *name;
	int value;
};

static const struct named ciphers[] = {
	{ "none", TOTEM_CIPHER_NONE },
	{ "aes256", TOTEM_CIPHER_AES256 },
	{ "aes192", TOTEM_CIPHER_AES192 },
	{ "aes128", TOTEM_CIPHER_AES128 },
	{ NULL, 0 },
};

static const struct named hashes[] = {
	{ "none", TOTEM_HASH_NONE },
	{ "md5", TOTEM_HASH_MD5 },
	{ "sha1", TOTEM_HASH_SHA1 },
	{ "sha256", TOTEM_HASH_SHA256 },
	{ "sha384", TOTEM_HASH_SHA384 },
	{ "sha512", TOTEM_HASH_SHA512 },
	{ NULL, 0 },
};

static const struct named ip_versions[] = {
	{ "ipv4", IP_V4 },     { "ipv6", IP_V6 }, { "ipv4-6", IP_V4_6 },
	{ "ipv6-4", IP_V6_4 }, { NULL, 0 },
};

/* Address families to try, in order, for each ip_version. */
static const int families[][2] = {
	[IP_V4] = { AF_INET, 0 },
	[IP_V6] = { AF_INET6, 0 },
	[IP_V4_6] = { AF_INET, AF_INET6 },
	[IP_V6_4] = { AF_INET6, AF_INET },
};

static uint32_t *timer_field(struct totem_config *cfg, const struct timer *t)
{
	return (uint32_t *)((char *)cfg + t->offset);
}

/* ---- reading keys ---- */

static int get_u32(struct ctx *c, const char *key, uint32_t *out, bool *found)
{
	int rc = cs_map_get_u32(c->map, key, out);

	*found = rc == 0;
	if (rc == -ENOENT) {
		return 0;
	}
	return rc == 0 ? 0 : cs_config_error(c->error, c->lines, key, "is not an unsigned number");
}

/* A string key into @buf; *@found false when absent. */
static int get_text(struct ctx *c, const char *key, char *buf, size_t size, bool *found)
{
	enum cs_map_type type;
	size_t len = size;
	int rc = cs_map_get(c->map, key, buf, &len, &type);

	*found = rc == 0 || rc == -ENOSPC;
	if (rc == -ENOENT) {
		return 0;
	}
	if (rc < 0 && rc != -ENOSPC) {
		return rc;
	}
	if (type != CS_MAP_STRING) {
		return cs_config_error(c->error, c->lines, key, "is not a string");
	}
	if (rc == -ENOSPC) {
		return cs_config_error(c->error, c->lines, key, "is longer than %zu characters",
				       size - 1);
	}
	return rc;
}

static int get_named(struct ctx *c, const char *key, const struct named *table, int *value,
		     bool *found)
{
	char text[64];
	int rc = get_text(c, key, text, sizeof(text), found);

	if (rc < 0 || !*found) {
		return rc;
	}
	for (; table->name != NULL; table++) {
		if (strcmp(table->name, text) == 0) {
			*value = table->value;
			return 0;
		}
	}
	return cs_config_error(c->error, c->lines, key, "'%s' is not a valid value", text);
}

static const char *name_of(const struct named *table, int value)
{
	for (; table->name != NULL; table++) {
		if (table->value == value) {
			return table->name;
		}
	}
	return "?";
}

const char *totem_cipher_name(enum totem_crypto_cipher cipher)
{
	return name_of(ciphers, (int)cipher);
}

const char *totem_hash_name(enum totem_crypto_hash hash)
{
	return name_of(hashes, (int)hash);
}

static int get_yes_no(struct ctx *c, const char *key, bool def, bool *value)
{
	static const struct named yes_no[] = { { "yes", 1 }, { "no", 0 }, { NULL, 0 } };
	int v = def;
	bool found;
	int rc = get_named(c, key, yes_no, &v, &found);

	*value = v != 0;
	return rc;
}

static bool key_exists(const struct cs_map *map, const char *prefix)
{
	struct cs_map_iter *it;
	bool found;

	if (cs_map_iter_new(map, prefix, &it) < 0) {
		return false;
	}
	found = cs_map_iter_next(it, NULL, NULL) != NULL;
	cs_map_iter_free(it);
	return found;
}

/* ---- addresses ---- */

static void set_port(struct sockaddr_storage *ss, uint16_t port)
{
	if (ss->ss_family == AF_INET) {
		((struct sockaddr_in *)ss)->sin_port = htons(port);
	} else if (ss->ss_family == AF_INET6) {
		((struct sockaddr_in6 *)ss)->sin6_port = htons(port);
	}
}

static bool same_addr(const struct sockaddr_storage *a, const struct sockaddr *b)
{
	if (b == NULL || a->ss_family != b->sa_family) {
		return false;
	}
	if (a->ss_family == AF_INET) {
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	}
	return a->ss_family == AF_INET6 &&
	       memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
		      &((const struct sockaddr_in6 *)b)->sin6_addr, sizeof(struct in6_addr)) == 0;
}

static const char *addr_text(const struct sockaddr *sa, char *buf, size_t size)
{
	const void *raw = sa->sa_family == AF_INET
				  ? (const void *)&((const struct sockaddr_in *)sa)->sin_addr
				  : (const void *)&((const struct sockaddr_in6 *)sa)->sin6_addr;

	if (inet_ntop(sa->sa_family, raw, buf, (socklen_t)size) == NULL) {
		snprintf(buf, size, "?");
	}
	return buf;
}

/* An address literal or a host name, picked by totem.ip_version as
 * corosync does: the first address of the preferred family. */
static int resolve(struct ctx *c, const char *key, const char *text, struct sockaddr_storage *out)
{
	const int *fam = families[c->ip_version];
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM };
	struct addrinfo *res;
	const struct addrinfo *pick = NULL;
	int rc = getaddrinfo(text, NULL, &hints, &res);

	if (rc != 0) {
		return cs_config_error(c->error, c->lines, key, "'%s' does not resolve: %s", text,
				       gai_strerror(rc));
	}
	for (int i = 0; i < 2 && fam[i] != 0 && pick == NULL; i++) {
		for (const struct addrinfo *cand = res; cand != NULL; cand = cand->ai_next) {
			if (cand->ai_family == fam[i] && cand->ai_addrlen <= sizeof(*out)) {
				pick = cand;
				break;
			}
		}
	}
	if (pick == NULL) {
		freeaddrinfo(res);
		return cs_config_error(c->error, c->lines, key,
				       "'%s' has no %s address (see totem.ip_version)", text,
				       fam[0] == AF_INET && fam[1] == 0    ? "IPv4"
				       : fam[0] == AF_INET6 && fam[1] == 0 ? "IPv6"
									   : "IP");
	}
	memset(out, 0, sizeof(*out));
	memcpy(out, pick->ai_addr, pick->ai_addrlen);
	freeaddrinfo(res);
	set_port(out, c->cfg->port);
	return 0;
}

uint32_t totem_config_nodeid_from_addr(const struct sockaddr_storage *addr, bool clear_high_bit)
{
	uint32_t id;

	if (addr == NULL || addr->ss_family != AF_INET) {
		return 0;
	}
	id = ntohl(((const struct sockaddr_in *)addr)->sin_addr.s_addr);
	return clear_high_bit ? id & 0x7fffffffu : id;
}

/* ---- totem {} ---- */

static int read_version(struct ctx *c)
{
	uint32_t version = 0;
	bool found;
	int rc = get_u32(c, "totem.version", &version, &found);

	if (rc == 0 && !found) {
		return cs_config_error(c->error, c->lines, "totem",
				       "version is missing; it must be 2");
	}
	if (rc == 0 && version != 2) {
		return cs_config_error(c->error, c->lines, "totem.version",
				       "%u is not supported; it must be 2", version);
	}
	return rc;
}

/* Without a transport, a nodelist means corosync 3's knet; the old
 * multicast form (interface {} with bindnetaddr or mcastaddr and no
 * nodelist) means corosync 2's default, udp. */
static int read_transport(struct ctx *c)
{
	static const struct named transports[] = {
		{ "udpu", 0 }, { "udp", 1 }, { "knet", 2 }, { NULL, 0 }
	};
	int t = 2;
	bool found;
	int rc = get_named(c, "totem.transport", transports, &t, &found);

	if (rc == 0 && !found && !c->has_nodelist &&
	    (key_exists(c->map, "totem.interface.0.bindnetaddr") ||
	     key_exists(c->map, "totem.interface.0.mcastaddr"))) {
		t = 1;
	}
	c->cfg->transport = t == 1 ? TOTEM_TRANSPORT_UDP : TOTEM_TRANSPORT_UDPU;
	c->cfg->knet_requested = t == 2;
	return rc;
}

static int read_ip_version(struct ctx *c)
{
	int v = c->cfg->transport == TOTEM_TRANSPORT_UDP ? IP_V4 : IP_V6_4;
	bool found;
	int rc = get_named(c, "totem.ip_version", ip_versions, &v, &found);

	c->ip_version = (enum ip_version)v;
	return rc;
}

static int read_timers(struct ctx *c)
{
	for (size_t i = 0; i < N_TIMERS; i++) {
		const struct timer *t = &timers[i];
		uint32_t *field = timer_field(c->cfg, t);
		bool found;
		int rc = get_u32(c, t->key, field, &found);

		if (rc < 0) {
			return rc;
		}
		c->given[i] = found && (*field != 0 || t->zero_ok);
		if (!c->given[i]) {
			*field = t->def;
		}
	}
	return 0;
}

/* secauth: on is corosync 3's shorthand for aes256 + sha256. */
static int read_crypto(struct ctx *c)
{
	static const struct named on_off[] = { { "on", 1 }, { "off", 0 }, { NULL, 0 } };
	int secauth = 0;
	int cipher;
	int hash;
	bool found;
	int rc = get_named(c, "totem.secauth", on_off, &secauth, &found);

	cipher = secauth ? TOTEM_CIPHER_AES256 : TOTEM_CIPHER_NONE;
	hash = secauth ? TOTEM_HASH_SHA256 : TOTEM_HASH_NONE;
	if (rc == 0) {
		rc = get_named(c, "totem.crypto_cipher", ciphers, &cipher, &found);
	}
	if (rc == 0) {
		rc = get_named(c, "totem.crypto_hash", hashes, &hash, &found);
	}
	if (rc == 0 && cipher != TOTEM_CIPHER_NONE && hash == TOTEM_HASH_NONE) {
		return cs_config_error(c->error, c->lines, "totem.crypto_cipher",
				       "needs a crypto_hash other than none");
	}
	c->cfg->crypto_cipher = (enum totem_crypto_cipher)cipher;
	c->cfg->crypto_hash = (enum totem_crypto_hash)hash;
	return rc;
}

static int read_text_or(struct ctx *c, const char *key, char *buf, size_t size, const char *def)
{
	bool found;
	int rc = get_text(c, key, buf, size, &found);

	if (rc == 0 && !found) {
		snprintf(buf, size, "%s", def);
	}
	return rc;
}

static int read_settings(struct ctx *c)
{
	struct totem_config *cfg = c->cfg;
	int rc = read_text_or(c, "totem.cluster_name", cfg->cluster_name, sizeof(cfg->cluster_name),
			      "");

	if (rc == 0) {
		rc = read_text_or(c, "totem.keyfile", cfg->keyfile, sizeof(cfg->keyfile),
				  COROSYNC_KEY_FILE);
	}
	if (rc == 0) {
		rc = read_text_or(c, "system.state_dir", cfg->state_dir, sizeof(cfg->state_dir),
				  COROSYNC_STATEDIR);
	}
	if (rc == 0) {
		rc = get_yes_no(c, "totem.clear_node_high_bit", false, &cfg->clear_node_high_bit);
	}
	if (rc == 0) {
		rc = get_yes_no(c, "totem.block_unlisted_ips", true, &cfg->block_unlisted_ips);
	}
	return rc;
}

/* Link 0's port and multicast ttl; the only link we serve. */
static int read_port_ttl(struct ctx *c)
{
	static const char port_key[] = "totem.interface.0.mcastport";
	static const char ttl_key[] = "totem.interface.0.ttl";
	uint16_t port = TOTEM_DEFAULT_PORT;
	uint8_t ttl = 1;
	int rc = cs_map_get_u16(c->map, port_key, &port);

	if (rc < 0 && rc != -ENOENT) {
		return cs_config_error(c->error, c->lines, port_key, "is not a 16-bit number");
	}
	if (port == 0) {
		return cs_config_error(c->error, c->lines, port_key, "port 0 cannot be used");
	}
	rc = cs_map_get_u8(c->map, ttl_key, &ttl);
	if (rc < 0 && rc != -ENOENT) {
		return cs_config_error(c->error, c->lines, ttl_key, "is not an 8-bit number");
	}
	c->cfg->port = port;
	c->cfg->ttl = ttl;
	return 0;
}

/* ---- nodelist {} ---- */

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a;
	unsigned y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* The N of every nodelist.node.N.* key, in numeric order. */
static int node_indexes(struct ctx *c, unsigned *count)
{
	static const char prefix[] = "nodelist.node.";
	struct cs_map_iter *it;
	const char *key;
	int rc = cs_map_iter_new(c->map, prefix, &it);

	*count = 0;
	while (rc == 0 && (key = cs_map_iter_next(it, NULL, NULL)) != NULL) {
		char *end;
		unsigned long n = strtoul(key + sizeof(prefix) - 1, &end, 10);

		/* keys of one node are adjacent in sorted order */
		if (*end != '.' || end == key + sizeof(prefix) - 1 ||
		    (*count > 0 && c->index[*count - 1] == n)) {
			continue;
		}
		if (*count == TOTEM_NODES_MAX) {
			rc = cs_config_error(c->error, c->lines, "nodelist",
					     "has more than %d nodes", TOTEM_NODES_MAX);
			break;
		}
		c->index[(*count)++] = (unsigned)n;
	}
	cs_map_iter_free(it);
	qsort(c->index, *count, sizeof(c->index[0]), cmp_unsigned);
	return rc;
}

static int read_node(struct ctx *c, unsigned pos)
{
	struct totem_node *node = &c->cfg->nodes[pos];
	char key[64];
	char text[256];
	bool found;
	unsigned n = c->index[pos];
	int rc;

	snprintf(key, sizeof(key), "nodelist.node.%u.ring0_addr", n);
	rc = get_text(c, key, text, sizeof(text), &found);
	if (rc == 0 && !found) {
		snprintf(key, sizeof(key), "nodelist.node.%u", n);
		return cs_config_error(c->error, c->lines, key, "ring0_addr is missing");
	}
	if (rc == 0) {
		snprintf(c->written[pos], sizeof(c->written[pos]), "%s", text);
		rc = resolve(c, key, text, &node->addr);
	}
	if (rc == 0) {
		snprintf(key, sizeof(key), "nodelist.node.%u.name", n);
		rc = read_text_or(c, key, node->name, sizeof(node->name), text);
	}
	if (rc == 0) {
		snprintf(key, sizeof(key), "nodelist.node.%u.quorum_votes", n);
		rc = get_u32(c, key, &node->votes, &found);
		node->votes = found ? node->votes : 1;
	}
	if (rc == 0) {
		snprintf(key, sizeof(key), "nodelist.node.%u.nodeid", n);
		rc = get_u32(c, key, &node->nodeid, &found);
		/* corosync takes an id of 0 as no id */
		c->explicit_id[pos] = found && node->nodeid != 0;
	}
	return rc;
}

/* Without a nodeid corosync numbers a node by its IPv4 address; knet
 * insists on explicit (16-bit) ids. */
static int settle_nodeid(struct ctx *c, unsigned pos)
{
	struct totem_node *node = &c->cfg->nodes[pos];
	char key[64];

	snprintf(key, sizeof(key), "nodelist.node.%u.nodeid", c->index[pos]);
	if (c->explicit_id[pos]) {
		if (c->cfg->knet_requested && node->nodeid > KNET_NODEID_MAX) {
			return cs_config_error(c->error, c->lines, key,
					       "%u is too large: knet needs node ids up to %d",
					       node->nodeid, KNET_NODEID_MAX);
		}
		return 0;
	}
	snprintf(key, sizeof(key), "nodelist.node.%u", c->index[pos]);
	if (c->cfg->knet_requested) {
		return cs_config_error(c->error, c->lines, key,
				       "nodeid is missing: the knet transport (the default) needs "
				       "a nodeid for every node, or set totem.transport: udpu");
	}
	if (node->addr.ss_family != AF_INET) {
		return cs_config_error(c->error, c->lines, key,
				       "nodeid is missing: it can only be derived from an IPv4 "
				       "address");
	}
	node->nodeid = totem_config_nodeid_from_addr(&node->addr, c->cfg->clear_node_high_bit);
	if (node->nodeid == 0) {
		return cs_config_error(c->error, c->lines, key,
				       "nodeid is missing and address %s gives node id 0",
				       c->written[pos]);
	}
	return 0;
}

static int check_duplicates(struct ctx *c)
{
	const struct totem_config *cfg = c->cfg;
	char key[64];

	for (unsigned j = 1; j < cfg->node_count; j++) {
		for (unsigned i = 0; i < j; i++) {
			if (cfg->nodes[i].nodeid == cfg->nodes[j].nodeid) {
				snprintf(key, sizeof(key),
					 c->explicit_id[j] ? "nodelist.node.%u.nodeid"
							   : "nodelist.node.%u.ring0_addr",
					 c->index[j]);
				return cs_config_error(c->error, c->lines, key,
						       "node id %u is used by nodelist.node.%u "
						       "as well",
						       cfg->nodes[j].nodeid, c->index[i]);
			}
			if (same_addr(&cfg->nodes[i].addr,
				      (const struct sockaddr *)&cfg->nodes[j].addr)) {
				snprintf(key, sizeof(key), "nodelist.node.%u.ring0_addr",
					 c->index[j]);
				return cs_config_error(c->error, c->lines, key,
						       "address %s is used by nodelist.node.%u "
						       "as well",
						       c->written[j], c->index[i]);
			}
		}
	}
	return 0;
}

static int read_nodelist(struct ctx *c)
{
	unsigned count;
	int rc = node_indexes(c, &count);

	for (unsigned pos = 0; rc == 0 && pos < count; pos++) {
		rc = read_node(c, pos);
	}
	for (unsigned pos = 0; rc == 0 && pos < count; pos++) {
		rc = settle_nodeid(c, pos);
	}
	c->cfg->node_count = rc == 0 ? count : 0;
	return rc == 0 ? check_duplicates(c) : rc;
}

static int list_interfaces(struct ctx *c, const char *key, struct ifaddrs **ifs)
{
	if (getifaddrs(ifs) < 0) {
		return cs_config_error(c->error, c->lines, key,
				       "cannot list the local interfaces: %s", strerror(errno));
	}
	return 0;
}

/* This node is the first nodelist entry with an address of a local
 * interface. */
static int find_local_node(struct ctx *c)
{
	struct totem_config *cfg = c->cfg;
	struct ifaddrs *ifs;
	char tried[512] = "";
	size_t used = 0;
	int rc = list_interfaces(c, "nodelist", &ifs);

	if (rc < 0) {
		return rc;
	}
	for (unsigned pos = 0; pos < cfg->node_count && cfg->local_node_pos < 0; pos++) {
		for (const struct ifaddrs *ifa = ifs; ifa != NULL; ifa = ifa->ifa_next) {
			if (same_addr(&cfg->nodes[pos].addr, ifa->ifa_addr)) {
				cfg->local_node_pos = (int)pos;
				break;
			}
		}
		if (used < sizeof(tried)) {
			int n = snprintf(tried + used, sizeof(tried) - used, "%s%s",
					 pos > 0 ? ", " : "", c->written[pos]);
			used += n > 0 ? (size_t)n : 0;
		}
	}
	freeifaddrs(ifs);
	if (cfg->local_node_pos < 0) {
		return cs_config_error(c->error, c->lines, "nodelist",
				       "this node's address is not in the nodelist: none of %s is "
				       "an address of a local interface",
				       tried);
	}
	cfg->nodeid = cfg->nodes[cfg->local_node_pos].nodeid;
	cfg->bind_addr = cfg->nodes[cfg->local_node_pos].addr;
	return 0;
}

/* ---- udp without a nodelist ---- */

/* bindnetaddr may be this node's address or its network's (IPv4). */
static bool in_network(const struct sockaddr_storage *net, const struct ifaddrs *ifa)
{
	if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != net->ss_family) {
		return false;
	}
	if (net->ss_family == AF_INET && ifa->ifa_netmask != NULL) {
		uint32_t mask = ((const struct sockaddr_in *)ifa->ifa_netmask)->sin_addr.s_addr;
		uint32_t a = ((const struct sockaddr_in *)ifa->ifa_addr)->sin_addr.s_addr;
		uint32_t b = ((const struct sockaddr_in *)net)->sin_addr.s_addr;

		return (a & mask) == (b & mask);
	}
	return same_addr(net, ifa->ifa_addr);
}

static void describe_interfaces(const struct ifaddrs *ifs, char *out, size_t size)
{
	size_t used = 0;
	char addr[INET6_ADDRSTRLEN];

	out[0] = '\0';
	for (const struct ifaddrs *ifa = ifs; ifa != NULL && used < size; ifa = ifa->ifa_next) {
		int n;

		if (ifa->ifa_addr == NULL ||
		    (ifa->ifa_addr->sa_family != AF_INET && ifa->ifa_addr->sa_family != AF_INET6)) {
			continue;
		}
		n = snprintf(out + used, size - used, "%s%s %s", used > 0 ? ", " : "",
			     ifa->ifa_name, addr_text(ifa->ifa_addr, addr, sizeof(addr)));
		used += n > 0 ? (size_t)n : 0;
	}
}

static int read_udp_local(struct ctx *c)
{
	static const char key[] = "totem.interface.0.bindnetaddr";
	struct totem_config *cfg = c->cfg;
	struct sockaddr_storage net;
	struct ifaddrs *ifs;
	char text[256];
	char seen[512];
	bool found;
	bool matched = false;
	int rc = get_text(c, key, text, sizeof(text), &found);

	if (rc == 0 && !found) {
		return cs_config_error(c->error, c->lines, "totem",
				       "there is no nodelist and no interface { bindnetaddr } to "
				       "choose the local address from");
	}
	rc = rc == 0 ? resolve(c, key, text, &net) : rc;
	rc = rc == 0 ? list_interfaces(c, key, &ifs) : rc;
	if (rc < 0) {
		return rc;
	}
	for (const struct ifaddrs *ifa = ifs; ifa != NULL && !matched; ifa = ifa->ifa_next) {
		matched = in_network(&net, ifa);
		if (matched) {
			memset(&cfg->bind_addr, 0, sizeof(cfg->bind_addr));
			memcpy(&cfg->bind_addr, ifa->ifa_addr,
			       net.ss_family == AF_INET ? sizeof(struct sockaddr_in)
							: sizeof(struct sockaddr_in6));
			set_port(&cfg->bind_addr, cfg->port);
		}
	}
	describe_interfaces(ifs, seen, sizeof(seen));
	freeifaddrs(ifs);
	if (!matched) {
		return cs_config_error(c->error, c->lines, key,
				       "no local interface has an address in the network of %s "
				       "(local addresses: %s)",
				       text, seen);
	}
	return 0;
}

static int udp_nodeid(struct ctx *c)
{
	struct totem_config *cfg = c->cfg;
	bool found;
	int rc = get_u32(c, "totem.nodeid", &cfg->nodeid, &found);

	if (rc < 0 || (found && cfg->nodeid != 0)) {
		return rc;
	}
	cfg->nodeid = totem_config_nodeid_from_addr(&cfg->bind_addr, cfg->clear_node_high_bit);
	if (cfg->nodeid == 0) {
		return cs_config_error(c->error, c->lines, "totem",
				       "nodeid is missing: it can only be derived from an IPv4 "
				       "address other than 0.0.0.0");
	}
	return 0;
}

static bool is_multicast(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET) {
		return IN_MULTICAST(ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr));
	}
	return IN6_IS_ADDR_MULTICAST(&((const struct sockaddr_in6 *)ss)->sin6_addr);
}

static int read_mcast(struct ctx *c)
{
	static const char key[] = "totem.interface.0.mcastaddr";
	struct totem_config *cfg = c->cfg;
	char text[256];
	bool found;
	int rc = get_text(c, key, text, sizeof(text), &found);

	if (rc == 0 && !found) {
		return cs_config_error(
			c->error, c->lines, "totem",
			"interface { mcastaddr } is missing: the udp transport needs "
			"a multicast address");
	}
	if (rc == 0) {
		rc = resolve(c, key, text, &cfg->mcast_addr);
	}
	if (rc == 0 && !is_multicast(&cfg->mcast_addr)) {
		return cs_config_error(c->error, c->lines, key,
				       "%s is not a multicast address (such as 239.255.1.1)", text);
	}
	if (rc == 0 && cfg->mcast_addr.ss_family != cfg->bind_addr.ss_family) {
		return cs_config_error(c->error, c->lines, key,
				       "%s is not of the local address's family (%s)", text,
				       cfg->bind_addr.ss_family == AF_INET ? "IPv4" : "IPv6");
	}
	return rc;
}

/* ---- derived timers and their checks ---- */

static size_t timer_pos(const char *key)
{
	for (size_t i = 0; i < N_TIMERS; i++) {
		if (strcmp(timers[i].key, key) == 0) {
			return i;
		}
	}
	return 0;
}

/* The real token grows with the nodelist, and the timers not given follow
 * from it, computed as corosync does. */
static int derive_timers(struct ctx *c)
{
	struct totem_config *cfg = c->cfg;
	uint64_t token = cfg->token;

	if (cfg->node_count >= 3 && cfg->token_coefficient != 0) {
		token += (uint64_t)cfg->token_coefficient * (cfg->node_count - 2);
		if (token > UINT32_MAX) {
			return cs_config_error(c->error, c->lines, "totem.token_coefficient",
					       "token %u ms + %u ms per node beyond two is more "
					       "than %u ms",
					       cfg->token, cfg->token_coefficient, UINT32_MAX);
		}
	}
	cfg->token = (uint32_t)token;
	if (!c->given[timer_pos("totem.token_retransmit")]) {
		cfg->token_retransmit =
			(uint32_t)(cfg->token / (cfg->token_retransmits_before_loss_const + 0.2));
	}
	if (!c->given[timer_pos("totem.hold")]) {
		double hold = cfg->token_retransmit * 0.8 - 10;

		cfg->hold = hold > 0 ? (uint32_t)hold : 0;
	}
	if (!c->given[timer_pos("totem.consensus")]) {
		cfg->consensus = (uint32_t)(1.2 * cfg->token);
	}
	return 0;
}

static int check_timers(struct ctx *c)
{
	struct totem_config *cfg = c->cfg;

	for (size_t i = 0; i < N_TIMERS; i++) {
		const struct timer *t = &timers[i];
		uint32_t value = *timer_field(cfg, t);

		if (value >= t->min) {
			continue;
		}
		if (c->given[i]) {
			return cs_config_error(c->error, c->lines, t->key,
					       "%u ms is below the minimum of %u ms", value,
					       t->min);
		}
		/* only the timers derived from the token can get here */
		return cs_config_error(c->error, c->lines, "totem.token",
				       "makes %s %u ms, below its minimum of %u ms",
				       t->key + strlen("totem."), value, t->min);
	}
	if (cfg->token_warning > 100) {
		return cs_config_error(c->error, c->lines, "totem.token_warning",
				       "%u%% is not a percentage from 0 (off) to 100",
				       cfg->token_warning);
	}
	if (cfg->consensus < cfg->join) {
		bool given = c->given[timer_pos("totem.consensus")];

		return cs_config_error(c->error, c->lines, given ? "totem.consensus" : "totem.join",
				       "consensus (%u ms) must be at least join (%u ms)",
				       cfg->consensus, cfg->join);
	}
	return 0;
}

int totem_config_read(const struct cs_map *map, const struct cs_map *lines,
		      struct totem_config *cfg, char **error)
{
	struct ctx *c;
	int rc;

	*error = NULL;
	if (map == NULL || cfg == NULL) {
		return -EINVAL;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		return -ENOMEM;
	}
	memset(cfg, 0, sizeof(*cfg));
	cfg->local_node_pos = -1;
	c->map = map;
	c->lines = lines;
	c->cfg = cfg;
	c->error = error;
	c->has_nodelist = key_exists(map, "nodelist.node.");

	rc = read_version(c);
	rc = rc == 0 ? read_transport(c) : rc;
	rc = rc == 0 ? read_ip_version(c) : rc;
	rc = rc == 0 ? read_timers(c) : rc;
	rc = rc == 0 ? read_crypto(c) : rc;
	rc = rc == 0 ? read_settings(c) : rc;
	rc = rc == 0 ? read_port_ttl(c) : rc;
	if (rc == 0 && c->has_nodelist) {
		rc = read_nodelist(c);
		rc = rc == 0 ? find_local_node(c) : rc;
	} else if (rc == 0 && cfg->transport == TOTEM_TRANSPORT_UDP) {
		rc = read_udp_local(c);
		rc = rc == 0 ? udp_nodeid(c) : rc;
	} else if (rc == 0) {
		rc = cs_config_error(error, lines, "nodelist",
				     "is missing: the %s transport needs a nodelist { node { "
				     "ring0_addr nodeid } } that includes this node",
				     cfg->knet_requested ? "knet" : "udpu");
	}
	if (rc == 0 && cfg->transport == TOTEM_TRANSPORT_UDP) {
		rc = read_mcast(c);
	}
	rc = rc == 0 ? derive_timers(c) : rc;
	rc = rc == 0 ? check_timers(c) : rc;
	free(c);
	if (rc == -EINVAL && *error == NULL) {
		rc = -ENOMEM;
	}
	return rc;
}
