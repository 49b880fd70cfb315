/*
 * totem_config: corosync 3's defaults, the token coefficient, crypto,
 * node ids, finding this node on the loopback interface, the old udp
 * multicast form, and every error message.
 *
 * Addresses that must not be local come from TEST-NET-3 (203.0.113.0/24).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../common/cs_config.h"
#include "../totem_config.h"

struct ctx {
	struct cs_map *map;
	struct cs_map *lines;
	struct totem_config *cfg;
	char *error;
};

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->map = cs_map_new();
	c->lines = cs_map_new();
	c->cfg = calloc(1, sizeof(*c->cfg));
	*state = c;
	return c->map != NULL && c->lines != NULL && c->cfg != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	cs_map_free(c->map);
	cs_map_free(c->lines);
	free(c->cfg);
	free(c->error);
	free(c);
	return 0;
}

/* Parse @text as corosync.conf into fresh maps and read the totem settings. */
static int read_conf(struct ctx *c, const char *text)
{
	char *parse_error = NULL;
	int rc;

	cs_map_free(c->map);
	cs_map_free(c->lines);
	c->map = cs_map_new();
	c->lines = cs_map_new();
	assert_true(c->map != NULL && c->lines != NULL);
	rc = cs_config_parse_buffer("corosync.conf", text, strlen(text), c->map, c->lines,
				    &parse_error, NULL, NULL);

	if (rc != 0) {
		fail_msg("test configuration does not parse: %s", parse_error);
	}
	free(c->error);
	c->error = NULL;
	return totem_config_read(c->map, c->lines, c->cfg, &c->error);
}

static void expect_error(struct ctx *c, const char *text, const char *message)
{
	assert_int_equal(read_conf(c, text), -EINVAL);
	assert_non_null(c->error);
	assert_string_equal(c->error, message);
}

static void expect_error_part(struct ctx *c, const char *text, const char *part)
{
	assert_int_equal(read_conf(c, text), -EINVAL);
	assert_non_null(c->error);
	if (strstr(c->error, part) == NULL) {
		fail_msg("'%s' does not contain '%s'", c->error, part);
	}
}

static const char *ipv4_of(const struct sockaddr_storage *ss, char *buf)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

	assert_int_equal(ss->ss_family, AF_INET);
	snprintf(buf, 32, "%s:%u", inet_ntoa(sin->sin_addr), ntohs(sin->sin_port));
	return buf;
}

#define TOTEM_UDPU "totem {\n version: 2\n transport: udpu\n cluster_name: test\n"
#define LOCAL_NODE " node {\n  ring0_addr: 127.0.0.1\n  nodeid: 1\n }\n"
#define NODE(addr, id) " node {\n  ring0_addr: " addr "\n  nodeid: " id "\n }\n"

static void defaults_are_corosync_3s(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;
	char buf[32];

	assert_int_equal(read_conf(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE "}\n"), 0);
	assert_int_equal(cfg->transport, TOTEM_TRANSPORT_UDPU);
	assert_false(cfg->knet_requested);
	assert_string_equal(cfg->cluster_name, "test");
	assert_int_equal(cfg->token, 3000);
	assert_int_equal(cfg->token_coefficient, 650);
	assert_int_equal(cfg->token_retransmits_before_loss_const, 4);
	assert_int_equal(cfg->token_retransmit, 714);
	assert_int_equal(cfg->hold, 561);
	assert_int_equal(cfg->token_warning, 75);
	assert_int_equal(cfg->join, 50);
	assert_int_equal(cfg->send_join, 0);
	assert_int_equal(cfg->consensus, 3600);
	assert_int_equal(cfg->merge, 200);
	assert_int_equal(cfg->downcheck, 1000);
	assert_int_equal(cfg->fail_recv_const, 2500);
	assert_int_equal(cfg->seqno_unchanged_const, 30);
	assert_int_equal(cfg->max_network_delay, 50);
	assert_int_equal(cfg->window_size, 50);
	assert_int_equal(cfg->max_messages, 17);
	assert_int_equal(cfg->miss_count_const, 5);
	assert_int_equal(cfg->netmtu, 1500);
	assert_int_equal(cfg->port, 5405);
	assert_int_equal(cfg->ttl, 1);
	assert_true(cfg->block_unlisted_ips);
	assert_false(cfg->clear_node_high_bit);
	assert_int_equal(cfg->crypto_cipher, TOTEM_CIPHER_NONE);
	assert_int_equal(cfg->crypto_hash, TOTEM_HASH_NONE);
	assert_string_equal(cfg->keyfile, COROSYNC_KEY_FILE);
	assert_string_equal(cfg->state_dir, COROSYNC_STATEDIR);
	assert_int_equal(cfg->node_count, 1);
	assert_int_equal(cfg->local_node_pos, 0);
	assert_int_equal(cfg->nodeid, 1);
	assert_string_equal(ipv4_of(&cfg->bind_addr, buf), "127.0.0.1:5405");
	assert_string_equal(ipv4_of(&cfg->nodes[0].addr, buf), "127.0.0.1:5405");
	assert_string_equal(cfg->nodes[0].name, "127.0.0.1");
	assert_int_equal(cfg->nodes[0].votes, 1);
}

static void zero_means_default_except_where_it_switches_off(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;

	assert_int_equal(read_conf(c, TOTEM_UDPU " token: 0\n join: 0\n window_size: 0\n"
						 " max_messages: 0\n token_warning: 0\n"
						 " token_coefficient: 0\n consensus: 0\n}\n"
						 "nodelist {\n" LOCAL_NODE NODE("203.0.113.2", "2")
							 NODE("203.0.113.3", "3") "}\n"),
			 0);
	assert_int_equal(cfg->token, 3000); /* coefficient off */
	assert_int_equal(cfg->join, 50);
	assert_int_equal(cfg->window_size, 50);
	assert_int_equal(cfg->max_messages, 17);
	assert_int_equal(cfg->token_warning, 0);
	assert_int_equal(cfg->consensus, 3600);
}

static void knet_is_the_default_transport(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, "totem {\n version: 2\n}\nnodelist {\n" LOCAL_NODE "}\n"), 0);
	assert_true(c->cfg->knet_requested);
	assert_int_equal(c->cfg->transport, TOTEM_TRANSPORT_UDPU);
}

/* Values as the real corosync 3.1.7 shows them in runtime.config.totem. */
static void token_coefficient_grows_the_token(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;

	assert_int_equal(read_conf(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE NODE(
					      "203.0.113.2", "2") NODE("203.0.113.3", "3") "}\n"),
			 0);
	assert_int_equal(cfg->node_count, 3);
	assert_int_equal(cfg->token, 3650);
	assert_int_equal(cfg->token_retransmit, 869);
	assert_int_equal(cfg->hold, 685);
	assert_int_equal(cfg->consensus, 4380);

	assert_int_equal(read_conf(c,
				   TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE NODE("203.0.113.2", "2")
					   NODE("203.0.113.3", "3") NODE("203.0.113.4", "4")
						   NODE("203.0.113.5", "5") "}\n"),
			 0);
	assert_int_equal(cfg->node_count, 5);
	assert_int_equal(cfg->token, 4950);
	assert_int_equal(cfg->token_retransmit, 1178);
	assert_int_equal(cfg->hold, 932);
	assert_int_equal(cfg->consensus, 5940);
}

static void two_nodes_keep_the_token(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;

	assert_int_equal(read_conf(c, TOTEM_UDPU " token: 6000\n}\nnodelist {\n" LOCAL_NODE NODE(
					      "203.0.113.2", "2") "}\n"),
			 0);
	assert_int_equal(cfg->token, 6000);
	assert_int_equal(cfg->token_retransmit, 1428);
	assert_int_equal(cfg->hold, 1132);
	assert_int_equal(cfg->consensus, 7200);
}

static void given_timers_are_kept(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;

	assert_int_equal(read_conf(c, TOTEM_UDPU " token_retransmit: 500\n consensus: 1000\n"
						 " netmtu: 9000\n window_size: 300\n}\n"
						 "nodelist {\n" LOCAL_NODE "}\n"),
			 0);
	assert_int_equal(cfg->token_retransmit, 500);
	assert_int_equal(cfg->hold, 390);
	assert_int_equal(cfg->consensus, 1000);
	assert_int_equal(cfg->netmtu, 9000);
	assert_int_equal(cfg->window_size, 300);
}

static void secauth_means_aes256_and_sha256(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM_UDPU " secauth: on\n keyfile: /etc/k\n}\n"
						 "nodelist {\n" LOCAL_NODE "}\n"),
			 0);
	assert_int_equal(c->cfg->crypto_cipher, TOTEM_CIPHER_AES256);
	assert_int_equal(c->cfg->crypto_hash, TOTEM_HASH_SHA256);
	assert_string_equal(c->cfg->keyfile, "/etc/k");

	assert_int_equal(read_conf(c, TOTEM_UDPU " secauth: on\n crypto_cipher: aes128\n}\n"
						 "nodelist {\n" LOCAL_NODE "}\n"),
			 0);
	assert_int_equal(c->cfg->crypto_cipher, TOTEM_CIPHER_AES128);
	assert_int_equal(c->cfg->crypto_hash, TOTEM_HASH_SHA256);

	assert_int_equal(read_conf(c, TOTEM_UDPU " secauth: off\n crypto_cipher: aes192\n"
						 " crypto_hash: sha512\n}\nnodelist {\n" LOCAL_NODE
						 "}\n"),
			 0);
	assert_int_equal(c->cfg->crypto_cipher, TOTEM_CIPHER_AES192);
	assert_int_equal(c->cfg->crypto_hash, TOTEM_HASH_SHA512);
}

static void nodeid_from_address(void **state)
{
	struct sockaddr_storage ss = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

	sin->sin_family = AF_INET;
	inet_pton(AF_INET, "192.168.1.1", &sin->sin_addr);
	assert_int_equal(totem_config_nodeid_from_addr(&ss, false), 0xC0A80101u);
	assert_int_equal(totem_config_nodeid_from_addr(&ss, true), 1084752129u);
	ss.ss_family = AF_INET6;
	assert_int_equal(totem_config_nodeid_from_addr(&ss, false), 0);
	assert_int_equal(totem_config_nodeid_from_addr(NULL, false), 0);
}

static void nodelist_without_nodeids_for_udpu(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;

	assert_int_equal(read_conf(c, TOTEM_UDPU "}\nnodelist {\n node {\n  ring0_addr: 127.0.0.1\n"
						 " }\n node {\n  ring0_addr: 203.0.113.5\n"
						 "  name: far\n  quorum_votes: 3\n }\n}\n"),
			 0);
	assert_int_equal(cfg->nodes[0].nodeid, 0x7F000001u);
	assert_int_equal(cfg->nodeid, 0x7F000001u);
	assert_int_equal(cfg->nodes[1].nodeid, 0xCB007105u);
	assert_string_equal(cfg->nodes[1].name, "far");
	assert_int_equal(cfg->nodes[1].votes, 3);

	assert_int_equal(cs_map_set_string(c->map, "totem.clear_node_high_bit", "yes"), 0);
	assert_int_equal(totem_config_read(c->map, c->lines, c->cfg, &c->error), 0);
	assert_int_equal(cfg->nodes[1].nodeid, 0x4B007105u);
}

static void local_node_is_found_on_loopback(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;
	char buf[32];

	assert_int_equal(read_conf(c, TOTEM_UDPU "}\nnodelist {\n" NODE("203.0.113.1", "10")
					      NODE("127.0.0.1", "20") "}\n"),
			 0);
	assert_int_equal(cfg->local_node_pos, 1);
	assert_int_equal(cfg->nodeid, 20);
	assert_string_equal(ipv4_of(&cfg->bind_addr, buf), "127.0.0.1:5405");
}

static void host_names_resolve(void **state)
{
	struct ctx *c = *state;
	char buf[32];

	assert_int_equal(read_conf(c, TOTEM_UDPU " ip_version: ipv4\n}\nnodelist {\n" NODE(
					      "localhost", "3") "}\n"),
			 0);
	assert_int_equal(c->cfg->local_node_pos, 0);
	assert_string_equal(ipv4_of(&c->cfg->bind_addr, buf), "127.0.0.1:5405");
	assert_string_equal(c->cfg->nodes[0].name, "localhost");
}

static const char seed_udp[] = "totem {\n"
			       "\tversion: 2\n"
			       "\tsecauth: off\n"
			       "\tcluster_name: c\n"
			       "\tthreads: 0\n"
			       "\tinterface {\n"
			       "\t\tringnumber: 0\n"
			       "\t\tbindnetaddr: 127.0.0.0\n"
			       "\t\tmcastaddr: 239.255.1.1\n"
			       "\t\tmcastport: 5407\n"
			       "\t\tttl: 2\n"
			       "\t}\n"
			       "}\n";

/* corosync 2's multicast form: no transport, no nodelist, bindnetaddr
 * naming the network of a local interface. */
static void udp_bindnetaddr_matches_the_network(void **state)
{
	struct ctx *c = *state;
	const struct totem_config *cfg = c->cfg;
	char buf[32];

	assert_int_equal(read_conf(c, seed_udp), 0);
	assert_int_equal(cfg->transport, TOTEM_TRANSPORT_UDP);
	assert_false(cfg->knet_requested);
	assert_int_equal(cfg->node_count, 0);
	assert_int_equal(cfg->local_node_pos, -1);
	assert_string_equal(ipv4_of(&cfg->bind_addr, buf), "127.0.0.1:5407");
	assert_string_equal(ipv4_of(&cfg->mcast_addr, buf), "239.255.1.1:5407");
	assert_int_equal(cfg->port, 5407);
	assert_int_equal(cfg->ttl, 2);
	assert_int_equal(cfg->nodeid, 0x7F000001u);

	/* an exact address works as well, and totem.nodeid wins */
	assert_int_equal(cs_map_set_string(c->map, "totem.interface.0.bindnetaddr", "127.0.0.1"),
			 0);
	assert_int_equal(cs_map_set_u32(c->map, "totem.nodeid", 7), 0);
	assert_int_equal(totem_config_read(c->map, c->lines, c->cfg, &c->error), 0);
	assert_int_equal(cfg->nodeid, 7);
	assert_string_equal(ipv4_of(&cfg->bind_addr, buf), "127.0.0.1:5407");
}

/* ---- errors ---- */

static void version_must_be_2(void **state)
{
	struct ctx *c = *state;

	expect_error(c, "totem {\n cluster_name: x\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:1: totem: version is missing; it must be 2");
	expect_error(c, "totem {\n version: 3\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:2: totem.version: 3 is not supported; it must be 2");
}

static void timer_limits(void **state)
{
	struct ctx *c = *state;

	expect_error(c, TOTEM_UDPU " join: 100\n consensus: 60\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:6: totem.consensus: consensus (60 ms) must be at least join "
		     "(100 ms)");
	expect_error(c, TOTEM_UDPU " join: 5000\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.join: consensus (3600 ms) must be at least join "
		     "(5000 ms)");
	expect_error(c, TOTEM_UDPU " join: 10\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.join: 10 ms is below the minimum of 30 ms");
	expect_error(c, TOTEM_UDPU " token: 5\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.token: 5 ms is below the minimum of 30 ms");
	expect_error(c, TOTEM_UDPU " token: 60\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.token: makes token_retransmit 14 ms, below its "
		     "minimum of 30 ms");
	expect_error(c, TOTEM_UDPU " hold: 10\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.hold: 10 ms is below the minimum of 14 ms");
	expect_error(c, TOTEM_UDPU " max_network_delay: 29\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.max_network_delay: 29 ms is below the minimum of "
		     "30 ms");
	expect_error(c, TOTEM_UDPU " token_warning: 200\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.token_warning: 200% is not a percentage from 0 (off) "
		     "to 100");
	expect_error(
		c,
		TOTEM_UDPU " token: 4294967295\n}\nnodelist {\n" LOCAL_NODE NODE("203.0.113.2", "2")
			NODE("203.0.113.3", "3") "}\n",
		"corosync.conf: totem.token_coefficient: token 4294967295 ms + 650 ms per node "
		"beyond two is more than 4294967295 ms");
}

static void crypto_needs_a_hash(void **state)
{
	struct ctx *c = *state;

	expect_error(c, TOTEM_UDPU " crypto_cipher: aes256\n}\nnodelist {\n" LOCAL_NODE "}\n",
		     "corosync.conf:5: totem.crypto_cipher: needs a crypto_hash other than none");
}

static void knet_needs_nodeids(void **state)
{
	struct ctx *c = *state;

	expect_error(c,
		     "totem {\n version: 2\n}\nnodelist {\n node {\n  ring0_addr: 127.0.0.1\n"
		     " }\n}\n",
		     "corosync.conf:5: nodelist.node.0: nodeid is missing: the knet transport (the "
		     "default) needs a nodeid for every node, or set totem.transport: udpu");
	expect_error(c,
		     "totem {\n version: 2\n transport: knet\n}\nnodelist {\n node {\n"
		     "  ring0_addr: 127.0.0.1\n  nodeid: 70000\n }\n}\n",
		     "corosync.conf:8: nodelist.node.0.nodeid: 70000 is too large: knet needs node "
		     "ids up to 65535");
}

static void nodelist_errors(void **state)
{
	struct ctx *c = *state;

	expect_error(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE NODE("203.0.113.2", "1") "}\n",
		     "corosync.conf:13: nodelist.node.1.nodeid: node id 1 is used by "
		     "nodelist.node.0 as well");
	expect_error(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE NODE("127.0.0.1", "2") "}\n",
		     "corosync.conf:12: nodelist.node.1.ring0_addr: address 127.0.0.1 is used by "
		     "nodelist.node.0 as well");
	expect_error(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE " node {\n  nodeid: 2\n }\n}\n",
		     "corosync.conf:11: nodelist.node.1: ring0_addr is missing");
	expect_error_part(
		c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE NODE("no-such-host.invalid", "2") "}\n",
		"corosync.conf:12: nodelist.node.1.ring0_addr: 'no-such-host.invalid' "
		"does not resolve: ");
	expect_error(c, TOTEM_UDPU " ip_version: ipv4\n}\nnodelist {\n" NODE("::1", "2") "}\n",
		     "corosync.conf:9: nodelist.node.0.ring0_addr: '::1' has no IPv4 address (see "
		     "totem.ip_version)");
	expect_error(c, TOTEM_UDPU "}\nnodelist {\n node {\n  ring0_addr: ::1\n }\n}\n",
		     "corosync.conf:7: nodelist.node.0: nodeid is missing: it can only be derived "
		     "from an IPv4 address");
}

static void this_node_must_be_listed(void **state)
{
	struct ctx *c = *state;

	expect_error(c,
		     TOTEM_UDPU "}\nnodelist {\n" NODE("203.0.113.1", "1")
			     NODE("203.0.113.2", "2") "}\n",
		     "corosync.conf:6: nodelist: this node's address is not in the nodelist: none "
		     "of 203.0.113.1, 203.0.113.2 is an address of a local interface");
}

static void transports_without_a_nodelist(void **state)
{
	struct ctx *c = *state;

	expect_error(c, TOTEM_UDPU "}\n",
		     "corosync.conf: nodelist: is missing: the udpu transport needs a nodelist { "
		     "node { ring0_addr "
		     "nodeid } } that includes this node");
	expect_error(
		c, "totem {\n version: 2\n transport: knet\n}\n",
		"corosync.conf: nodelist: is missing: the knet transport needs a nodelist { node { "
		"ring0_addr nodeid } } that includes this node");
	expect_error(c, "totem {\n version: 2\n transport: udp\n}\n",
		     "corosync.conf:1: totem: there is no nodelist and no interface { bindnetaddr "
		     "} to choose the local address from");
}

static void udp_errors(void **state)
{
	struct ctx *c = *state;

	expect_error(c,
		     "totem {\n version: 2\n transport: udp\n interface {\n  bindnetaddr: "
		     "127.0.0.0\n  mcastaddr: 10.0.0.1\n }\n}\n",
		     "corosync.conf:6: totem.interface.0.mcastaddr: 10.0.0.1 is not a multicast "
		     "address (such as 239.255.1.1)");
	cs_map_delete(c->map, "totem.interface.0.mcastaddr");
	expect_error(c,
		     "totem {\n version: 2\n transport: udp\n interface {\n  bindnetaddr: "
		     "127.0.0.0\n }\n}\n",
		     "corosync.conf:1: totem: interface { mcastaddr } is missing: the udp "
		     "transport needs a multicast address");
	expect_error_part(c,
			  "totem {\n version: 2\n interface {\n  bindnetaddr: 203.0.113.0\n"
			  "  mcastaddr: 239.255.1.1\n }\n}\n",
			  "corosync.conf:4: totem.interface.0.bindnetaddr: no local interface has "
			  "an address in the network of 203.0.113.0 (local addresses: ");
	assert_non_null(strstr(c->error, "lo 127.0.0.1"));
	expect_error(c,
		     "totem {\n version: 2\n interface {\n  bindnetaddr: 127.0.0.0\n"
		     "  mcastaddr: 239.255.1.1\n  mcastport: 0\n }\n}\n",
		     "corosync.conf:6: totem.interface.0.mcastport: port 0 cannot be used");
}

/* Keys set at run time (not from the file) have no line, and may have
 * the wrong type. */
static void hand_made_maps(void **state)
{
	struct ctx *c = *state;
	char name[300];

	assert_int_equal(cs_map_set_u32(c->map, "totem.version", 2), 0);
	assert_int_equal(cs_map_set_string(c->map, "totem.token", "3000"), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.token: is not an unsigned number");
	free(c->error);
	assert_int_equal(cs_map_delete(c->map, "totem.token"), 0);

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(cs_map_set_string(c->map, "totem.cluster_name", name), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.cluster_name: is longer than 255 characters");
	free(c->error);
	assert_int_equal(cs_map_delete(c->map, "totem.cluster_name"), 0);

	assert_int_equal(cs_map_set_string(c->map, "totem.transport", "carrier-pigeon"), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.transport: 'carrier-pigeon' is not a valid value");
}

static void more_error_paths(void **state)
{
	struct ctx *c = *state;
	char key[64];

	expect_error(c,
		     TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE " node {\n  ring0_addr: 0.0.0.0\n"
				" }\n}\n",
		     "corosync.conf:11: nodelist.node.1: nodeid is missing and address 0.0.0.0 "
		     "gives node id 0");
	expect_error(c,
		     "totem {\n version: 2\n ip_version: ipv6-4\n interface {\n  bindnetaddr: "
		     "127.0.0.0\n  mcastaddr: ff02::1\n }\n}\n",
		     "corosync.conf:6: totem.interface.0.mcastaddr: ff02::1 is not of the local "
		     "address's family (IPv4)");

	assert_int_equal(read_conf(c, TOTEM_UDPU "}\nnodelist {\n" LOCAL_NODE "}\n"), 0);
	assert_int_equal(cs_map_set_u32(c->map, "totem.interface.0.mcastport", 5405), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.interface.0.mcastport: is not a 16-bit number");
	free(c->error);
	assert_int_equal(cs_map_delete(c->map, "totem.interface.0.mcastport"), 0);
	assert_int_equal(cs_map_set_string(c->map, "totem.interface.0.ttl", "1"), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.interface.0.ttl: is not an 8-bit number");
	free(c->error);
	assert_int_equal(cs_map_delete(c->map, "totem.interface.0.ttl"), 0);
	assert_int_equal(cs_map_set_u32(c->map, "totem.transport", 1), 0);
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "totem.transport: is not a string");
	free(c->error);
	assert_int_equal(cs_map_set_string(c->map, "totem.transport", "udpu"), 0);
	for (unsigned i = 1; i <= TOTEM_NODES_MAX; i++) {
		snprintf(key, sizeof(key), "nodelist.node.%u.ring0_addr", i);
		assert_int_equal(cs_map_set_string(c->map, key, "127.0.0.2"), 0);
	}
	assert_int_equal(totem_config_read(c->map, NULL, c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "nodelist: has more than 384 nodes");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(defaults_are_corosync_3s),
		T(zero_means_default_except_where_it_switches_off),
		T(knet_is_the_default_transport),
		T(token_coefficient_grows_the_token),
		T(two_nodes_keep_the_token),
		T(given_timers_are_kept),
		T(secauth_means_aes256_and_sha256),
		cmocka_unit_test(nodeid_from_address),
		T(nodelist_without_nodeids_for_udpu),
		T(local_node_is_found_on_loopback),
		T(host_names_resolve),
		T(udp_bindnetaddr_matches_the_network),
		T(version_must_be_2),
		T(timer_limits),
		T(crypto_needs_a_hash),
		T(knet_needs_nodeids),
		T(nodelist_errors),
		T(this_node_must_be_listed),
		T(transports_without_a_nodelist),
		T(udp_errors),
		T(hand_made_maps),
		T(more_error_paths),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
