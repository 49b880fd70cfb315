/*
 * cs_config: corosync.conf text to map keys, the special sections, value
 * checks and every error message.  Configurations are written to a file in
 * a temporary directory, as the daemon reads them.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "../cs_config.h"

static char tmpdir[] = "/tmp/cs_config_test.XXXXXX";
static char conf_path[512];

struct ctx {
	struct cs_map *map;
	struct cs_map *lines;
	char *error;
	char warnings[2048];
	int n_warnings;
};

static void on_warning(const char *message, void *data)
{
	struct ctx *c = data;
	size_t used = strlen(c->warnings);

	c->n_warnings++;
	snprintf(c->warnings + used, sizeof(c->warnings) - used, "%s\n", message);
}

static int setup(void **state)
{
	struct ctx *c = calloc(1, sizeof(*c));

	c->map = cs_map_new();
	c->lines = cs_map_new();
	*state = c;
	return c->map != NULL && c->lines != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	cs_map_free(c->map);
	cs_map_free(c->lines);
	free(c->error);
	free(c);
	unlink(conf_path);
	return 0;
}

/* Write @len bytes to corosync.conf in the test directory and parse it. */
static int parse_bytes(struct ctx *c, const char *text, size_t len)
{
	FILE *f = fopen(conf_path, "w");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	free(c->error);
	c->error = NULL;
	return cs_config_parse_file(conf_path, c->map, c->lines, &c->error, on_warning, c);
}

static int parse(struct ctx *c, const char *text)
{
	return parse_bytes(c, text, strlen(text));
}

/* The error with the test directory cut off: "corosync.conf:LINE: ...". */
static const char *error_of(struct ctx *c)
{
	size_t dir = strlen(tmpdir);

	assert_non_null(c->error);
	assert_memory_equal(c->error, tmpdir, dir);
	return c->error + dir + 1;
}

static void expect_error(struct ctx *c, const char *text, const char *message)
{
	assert_int_equal(parse(c, text), -EINVAL);
	assert_string_equal(error_of(c), message);
}

static void assert_str(struct ctx *c, const char *key, const char *expected)
{
	char *value = NULL;

	if (cs_map_get_string(c->map, key, &value) != 0) {
		fail_msg("%s is not a string in the map", key);
	}
	assert_string_equal(value, expected);
	free(value);
}

static void assert_u32(struct ctx *c, const char *key, uint32_t expected)
{
	uint32_t value;

	if (cs_map_get_u32(c->map, key, &value) != 0) {
		fail_msg("%s is not a u32 in the map", key);
	}
	assert_int_equal(value, expected);
}

static void assert_u8(struct ctx *c, const char *key, uint8_t expected)
{
	uint8_t value;

	if (cs_map_get_u8(c->map, key, &value) != 0) {
		fail_msg("%s is not a u8 in the map", key);
	}
	assert_int_equal(value, expected);
}

static void assert_absent(struct ctx *c, const char *key)
{
	assert_int_equal(cs_map_get(c->map, key, NULL, NULL, NULL), -ENOENT);
}

static unsigned line_of(struct ctx *c, const char *key)
{
	uint32_t line = 0;

	if (cs_map_get_u32(c->lines, key, &line) != 0) {
		fail_msg("no line recorded for %s", key);
	}
	return line;
}

static unsigned count_keys(struct cs_map *map)
{
	struct cs_map_iter *it;
	unsigned n = 0;

	assert_int_equal(cs_map_iter_new(map, NULL, &it), 0);
	while (cs_map_iter_next(it, NULL, NULL) != NULL) {
		n++;
	}
	cs_map_iter_free(it);
	return n;
}

/* ---- configurations that must parse ---- */

static const char seed_udp_conf[] = "# Please read the corosync.conf.5 manual page\n"
				    "compatibility: whitetank\n"
				    "totem {\n"
				    "\tversion: 2\n"
				    "\tsecauth: off\n"
				    "\tcluster_name: c\n"
				    "\tthreads: 0\n"
				    "\tinterface {\n"
				    "\t\tringnumber: 0\n"
				    "\t\tbindnetaddr: 192.168.1.0\n"
				    "\t\tmcastaddr: 239.255.1.1\n"
				    "\t\tmcastport: 5405\n"
				    "\t\tttl: 1\n"
				    "\t}\n"
				    "}\n"
				    "\n"
				    "logging {\n"
				    "\tfileline: off\n"
				    "\tto_stderr: no\n"
				    "\tto_logfile: yes\n"
				    "\tlogfile: /var/log/cluster/corosync.log\n"
				    "\tto_syslog: yes\n"
				    "\tdebug: off\n"
				    "\ttimestamp: on\n"
				    "\tlogger_subsys {\n"
				    "\t\tsubsys: AMF\n"
				    "\t\tdebug: off\n"
				    "\t}\n"
				    "}\n"
				    "\n"
				    "amf {\n"
				    "\tmode: disabled\n"
				    "}\n"
				    "service {\n"
				    "\tver: 0\n"
				    "\tname: pacemaker\n"
				    "}\n"
				    "aisexec {\n"
				    "\tuser: root\n"
				    "\tgroup: root\n"
				    "}\n";

static void seed_udp_config_parses(void **state)
{
	struct ctx *c = *state;
	uint16_t port;

	assert_int_equal(parse(c, seed_udp_conf), 0);
	assert_null(c->error);
	assert_str(c, "compatibility", "whitetank");
	assert_u32(c, "totem.version", 2);
	assert_str(c, "totem.secauth", "off");
	assert_str(c, "totem.cluster_name", "c");
	assert_u32(c, "totem.threads", 0);
	assert_str(c, "totem.interface.0.bindnetaddr", "192.168.1.0");
	assert_str(c, "totem.interface.0.mcastaddr", "239.255.1.1");
	assert_int_equal(cs_map_get_u16(c->map, "totem.interface.0.mcastport", &port), 0);
	assert_int_equal(port, 5405);
	assert_u8(c, "totem.interface.0.ttl", 1);
	assert_absent(c, "totem.interface.0.ringnumber");
	assert_absent(c, "totem.interface.ringnumber");
	assert_str(c, "logging.to_logfile", "yes");
	assert_str(c, "logging.logfile", "/var/log/cluster/corosync.log");
	assert_str(c, "logging.timestamp", "on");
	assert_str(c, "logging.logger_subsys.AMF.subsys", "AMF");
	assert_str(c, "logging.logger_subsys.AMF.debug", "off");
	assert_str(c, "amf.mode", "disabled");
	assert_str(c, "service.name", "pacemaker");
	assert_str(c, "service.ver", "0");
	assert_str(c, "aisexec.user", "root");

	assert_int_equal(c->n_warnings, 3);
	assert_non_null(strstr(c->warnings, "corosync.conf:31: amf {} is obsolete and ignored"));
	assert_non_null(strstr(c->warnings, "corosync.conf:34: service { name: pacemaker } is the "
					    "corosync 1 plugin form and is ignored"));
	assert_non_null(strstr(c->warnings, "'pacemakerd'"));
	assert_non_null(strstr(c->warnings, "'systemctl start pacemaker'"));
	assert_non_null(strstr(c->warnings, "corosync.conf:38: aisexec {} is obsolete"));
}

static const char udpu_conf[] = "totem {\n"
				"  version: 2\n"
				"  cluster_name: mycluster\n"
				"  transport: udpu\n"
				"  token: 5000\n"
				"  config_version: 18446744073709551615\n"
				"}\n"
				"nodelist {\n"
				"  node {\n"
				"    ring0_addr: 10.213.0.1\n"
				"    nodeid: 1\n"
				"    name: node1\n"
				"  }\n"
				"  node {\n"
				"    ring0_addr: 10.213.0.2\n"
				"    nodeid: 2\n"
				"    quorum_votes: 2\n"
				"  }\n"
				"  node {\n"
				"    ring0_addr: node3.example.com\n"
				"  }\n"
				"}\n"
				"quorum {\n"
				"  provider: corosync_votequorum\n"
				"  two_node: 0\n"
				"  expected_votes: 4\n"
				"  device {\n"
				"    votes: 1\n"
				"    model: net\n"
				"  }\n"
				"}\n";

static void udpu_nodelist_config_parses(void **state)
{
	struct ctx *c = *state;
	uint64_t version;

	assert_int_equal(parse(c, udpu_conf), 0);
	assert_str(c, "totem.transport", "udpu");
	assert_u32(c, "totem.token", 5000);
	assert_int_equal(cs_map_get_u64(c->map, "totem.config_version", &version), 0);
	assert_true(version == UINT64_MAX);
	assert_str(c, "nodelist.node.0.ring0_addr", "10.213.0.1");
	assert_u32(c, "nodelist.node.0.nodeid", 1);
	assert_str(c, "nodelist.node.0.name", "node1");
	assert_u32(c, "nodelist.node.1.nodeid", 2);
	assert_u32(c, "nodelist.node.1.quorum_votes", 2);
	assert_str(c, "nodelist.node.2.ring0_addr", "node3.example.com");
	assert_absent(c, "nodelist.node.2.nodeid");
	assert_str(c, "quorum.provider", "corosync_votequorum");
	assert_u8(c, "quorum.two_node", 0);
	assert_u32(c, "quorum.expected_votes", 4);
	assert_u32(c, "quorum.device.votes", 1);
	assert_str(c, "quorum.device.model", "net");
	assert_int_equal(c->n_warnings, 0);

	/* lines of items and of sections, and the file name */
	assert_int_equal(line_of(c, "totem.token"), 5);
	assert_int_equal(line_of(c, "nodelist.node.1.nodeid"), 16);
	assert_int_equal(line_of(c, "nodelist.node.2"), 19);
	assert_int_equal(line_of(c, "totem"), 1);
	char *file = NULL;
	assert_int_equal(cs_map_get_string(c->lines, CS_CONFIG_LINES_FILE_KEY, &file), 0);
	assert_string_equal(file, conf_path);
	free(file);
}

/* /etc/corosync/corosync.conf as Debian's corosync 3.1.7 package installs it. */
static const char debian_conf[] =
	"# Please read the corosync.conf.5 manual page\n"
	"totem {\n"
	"\tversion: 2\n"
	"\n"
	"\t# Corosync itself works without a cluster name, but DLM needs one.\n"
	"\t# The cluster name is also written into the VG metadata of newly\n"
	"\t# created shared LVM volume groups, if lvmlockd uses DLM locking.\n"
	"\tcluster_name: debian\n"
	"\n"
	"\t# crypto_cipher and crypto_hash: Used for mutual node authentication.\n"
	"\t# If you choose to enable this, then do remember to create a shared\n"
	"\t# secret with \"corosync-keygen\".\n"
	"\t# enabling crypto_cipher, requires also enabling of crypto_hash.\n"
	"\t# crypto works only with knet transport\n"
	"\tcrypto_cipher: none\n"
	"\tcrypto_hash: none\n"
	"}\n"
	"\n"
	"logging {\n"
	"\t# Log the source file and line where messages are being\n"
	"\t# generated. When in doubt, leave off. Potentially useful for\n"
	"\t# debugging.\n"
	"\tfileline: off\n"
	"\t# Log to standard error. When in doubt, set to yes. Useful when\n"
	"\t# running in the foreground (when invoking \"corosync -f\")\n"
	"\tto_stderr: yes\n"
	"\t# Log to a log file. When set to \"no\", the \"logfile\" option\n"
	"\t# must not be set.\n"
	"\tto_logfile: yes\n"
	"\tlogfile: /var/log/corosync/corosync.log\n"
	"\t# Log to the system log daemon. When in doubt, set to yes.\n"
	"\tto_syslog: yes\n"
	"\t# Log debug messages (very verbose). When in doubt, leave off.\n"
	"\tdebug: off\n"
	"\t# Log messages with time stamps. When in doubt, set to hires (or on)\n"
	"\t#timestamp: hires\n"
	"\tlogger_subsys {\n"
	"\t\tsubsys: QUORUM\n"
	"\t\tdebug: off\n"
	"\t}\n"
	"}\n"
	"\n"
	"quorum {\n"
	"\t# Enable and configure quorum subsystem (default: off)\n"
	"\t# see also corosync.conf.5 and votequorum.5\n"
	"\tprovider: corosync_votequorum\n"
	"}\n"
	"\n"
	"nodelist {\n"
	"\t# Change/uncomment/add node sections to match cluster configuration\n"
	"\n"
	"\tnode {\n"
	"\t\t# Hostname of the node\n"
	"\t\tname: node1\n"
	"\t\t# Cluster membership node identifier\n"
	"\t\tnodeid: 1\n"
	"\t\t# Address of first link\n"
	"\t\tring0_addr: 127.0.0.1\n"
	"\t\t# When knet transport is used it's possible to define up to 8 links\n"
	"\t\t#ring1_addr: 192.168.1.1\n"
	"\t}\n"
	"\t# ...\n"
	"}\n";

static void debian_default_config_parses(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, debian_conf), 0);
	assert_str(c, "totem.cluster_name", "debian");
	assert_str(c, "totem.crypto_cipher", "none");
	assert_str(c, "totem.crypto_hash", "none");
	assert_absent(c, "logging.timestamp");
	assert_str(c, "logging.logger_subsys.QUORUM.debug", "off");
	assert_str(c, "quorum.provider", "corosync_votequorum");
	assert_str(c, "nodelist.node.0.name", "node1");
	assert_u32(c, "nodelist.node.0.nodeid", 1);
	assert_str(c, "nodelist.node.0.ring0_addr", "127.0.0.1");
	assert_absent(c, "nodelist.node.1.ring0_addr");
	assert_int_equal(line_of(c, "nodelist.node.0.ring0_addr"), 58);
	assert_int_equal(count_keys(c->map), 16);
}

/* ---- grammar details ---- */

static void later_item_wins(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "totem {\n token: 5000\n token: 6000\n}\n"), 0);
	assert_u32(c, "totem.token", 6000);
	assert_int_equal(line_of(c, "totem.token"), 3);
}

static void blanks_comments_and_line_ends(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "   # indented comment\r\n"
				  "totem: {\r\n"
				  "\tcluster_name:   a b c  \t\r\n"
				  "\r\n"
				  "\t \t\r\n"
				  "\tkey:value:with:colons\r\n"
				  "\tempty:\r\n"
				  "  }  \r\n"
				  "last {\n"
				  "x: y\n"
				  "}"),
			 0);
	assert_str(c, "totem.cluster_name", "a b c");
	assert_str(c, "totem.key", "value:with:colons");
	assert_str(c, "totem.empty", "");
	assert_str(c, "last.x", "y");
}

static void unknown_sections_are_kept_as_strings(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "nozzle {\n name: noz0\n ipaddr: 192.168.10.0\n}\n"
				  "foo {\n bar {\n  baz: qux: quux\n }\n}\n"
				  "totem {\n unknown_option: 42\n}\n"),
			 0);
	assert_str(c, "nozzle.name", "noz0");
	assert_str(c, "foo.bar.baz", "qux: quux");
	assert_str(c, "totem.unknown_option", "42");
	assert_int_equal(line_of(c, "foo.bar"), 6);
}

static void numbers_are_typed(void **state)
{
	struct ctx *c = *state;
	int32_t level;
	uint64_t period;

	assert_int_equal(parse(c, "totem {\n token: +3000\n knet_compression_level: -1\n"
				  " netmtu: 007\n}\n"
				  "resources {\n system {\n  memory_used {\n   poll_period: 5000\n"
				  "  }\n }\n watchdog_timeout: 6\n}\n"
				  "pload {\n count: 10\n}\n"),
			 0);
	assert_u32(c, "totem.token", 3000);
	assert_int_equal(cs_map_get_i32(c->map, "totem.knet_compression_level", &level), 0);
	assert_int_equal(level, -1);
	assert_u32(c, "totem.netmtu", 7);
	assert_int_equal(
		cs_map_get_u64(c->map, "resources.system.memory_used.poll_period", &period), 0);
	assert_true(period == 5000);
	assert_u32(c, "resources.watchdog_timeout", 6);
	assert_u32(c, "pload.count", 10);
}

static void interfaces_are_keyed_by_link_number(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "totem {\n"
				  " interface {\n  mcastport: 5405\n  linknumber: 1\n }\n"
				  " interface {\n  ringnumber: 3\n  linknumber: 2\n  ttl: 4\n }\n"
				  " interface {\n  bindnetaddr: 10.0.0.0\n  ringnumber: 5\n"
				  "  member {\n   memberaddr: 10.0.0.1\n  }\n"
				  "  member {\n   memberaddr: 10.0.0.2\n  }\n"
				  "  extra {\n   option: x\n  }\n }\n"
				  " interface {\n  knet_transport: sctp\n }\n"
				  "}\n"),
			 0);
	uint16_t port;
	assert_int_equal(cs_map_get_u16(c->map, "totem.interface.1.mcastport", &port), 0);
	assert_int_equal(port, 5405);
	assert_u8(c, "totem.interface.2.ttl", 4);
	assert_str(c, "totem.interface.5.bindnetaddr", "10.0.0.0");
	assert_str(c, "totem.interface.5.member.0", "10.0.0.1");
	assert_str(c, "totem.interface.5.member.1", "10.0.0.2");
	assert_str(c, "totem.interface.5.extra.option", "x");
	assert_str(c, "totem.interface.0.knet_transport", "sctp");
	assert_absent(c, "totem.interface.3.ttl");
	assert_int_equal(line_of(c, "totem.interface.2"), 6);
	assert_int_equal(line_of(c, "totem.interface.2.ttl"), 9);
}

static void nodes_are_numbered_across_nodelists(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "nodelist {\n node {\n  ring0_addr: a1\n }\n}\n"
				  "nodelist {\n node {\n  ring0_addr: a2\n  sub {\n   k: v\n  }\n"
				  " }\n}\n"),
			 0);
	assert_str(c, "nodelist.node.0.ring0_addr", "a1");
	assert_str(c, "nodelist.node.1.ring0_addr", "a2");
	assert_str(c, "nodelist.node.1.sub.k", "v");
}

static void uidgid_entries(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, "uidgid {\n uid: root\n gid: 1234\n}\n"), 0);
	assert_u8(c, "uidgid.config.uid.0", 1);
	assert_u8(c, "uidgid.config.gid.1234", 1);
	assert_absent(c, "uidgid.uid");
}

static void other_services_get_a_note(void **state)
{
	struct ctx *c = *state;
	char expected[2048];

	assert_int_equal(parse(c, "service {\n name: corosync_cmap\n}\nservice {\n}\n"), 0);
	snprintf(expected, sizeof(expected),
		 "%s:1: service { name: corosync_cmap } is ignored: corosync starts its own "
		 "services (cmap, cfg, cpg, quorum, votequorum)\n"
		 "%s:4: service {} without a name is ignored\n",
		 conf_path, conf_path);
	assert_string_equal(c->warnings, expected);
}

static void empty_file_is_fine(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(parse(c, ""), 0);
	assert_int_equal(count_keys(c->map), 0);
	assert_int_equal(parse(c, "\n# nothing\n\n"), 0);
}

/* ---- errors ---- */

static void bad_values_name_file_line_and_key(void **state)
{
	struct ctx *c = *state;

	expect_error(c, "totem {\n version: 2\n token: fast\n}\n",
		     "corosync.conf:3: totem.token: 'fast' is not a number");
	expect_error(c, "totem {\n token: 0x10\n}\n",
		     "corosync.conf:2: totem.token: '0x10' is not a number");
	expect_error(c, "totem {\n token: 5 5\n}\n",
		     "corosync.conf:2: totem.token: '5 5' is not a number");
	expect_error(c, "totem {\n token:\n}\n",
		     "corosync.conf:2: totem.token: '' is not a number");
	expect_error(c, "totem {\n token: -1\n}\n",
		     "corosync.conf:2: totem.token: '-1' is out of range (0..4294967295)");
	expect_error(c, "totem {\n token: 4294967296\n}\n",
		     "corosync.conf:2: totem.token: '4294967296' is out of range (0..4294967295)");
	expect_error(c, "totem {\n config_version: 18446744073709551616\n}\n",
		     "corosync.conf:2: totem.config_version: '18446744073709551616' is out of "
		     "range (0..18446744073709551615)");
	expect_error(c, "totem {\n interface {\n  mcastport: 70000\n }\n}\n",
		     "corosync.conf:3: totem.interface.mcastport: '70000' is out of range "
		     "(0..65535)");
	expect_error(c, "totem {\n interface {\n  linknumber: 256\n }\n}\n",
		     "corosync.conf:3: totem.interface.linknumber: '256' is out of range "
		     "(0..255)");
	expect_error(c, "totem {\n knet_compression_level: -2147483649\n}\n",
		     "corosync.conf:2: totem.knet_compression_level: '-2147483649' is out of range "
		     "(-2147483648..2147483647)");
	expect_error(c, "nodelist {\n node {\n }\n node {\n  quorum_votes: x\n }\n}\n",
		     "corosync.conf:5: nodelist.node.1.quorum_votes: 'x' is not a number");
	expect_error(c, "quorum {\n two_node: yes\n}\n",
		     "corosync.conf:2: quorum.two_node: 'yes' is not a number");
}

static void bad_enumerated_values(void **state)
{
	struct ctx *c = *state;

	expect_error(c, "totem {\n transport: bogus\n}\n",
		     "corosync.conf:2: totem.transport: 'bogus' is not one of: udpu, udp, knet");
	expect_error(c, "totem {\n crypto_cipher: des\n}\n",
		     "corosync.conf:2: totem.crypto_cipher: 'des' is not one of: none, aes256, "
		     "aes192, aes128");
	expect_error(c, "totem {\n crypto_hash: crc\n}\n",
		     "corosync.conf:2: totem.crypto_hash: 'crc' is not one of: none, md5, sha1, "
		     "sha256, sha384, sha512");
	expect_error(c, "totem {\n secauth: maybe\n}\n",
		     "corosync.conf:2: totem.secauth: 'maybe' is not one of: on, off");
	expect_error(c, "totem {\n ip_version: ipv5\n}\n",
		     "corosync.conf:2: totem.ip_version: 'ipv5' is not one of: ipv4, ipv6, ipv4-6, "
		     "ipv6-4");
	expect_error(c, "logging {\n to_syslog: YES\n}\n",
		     "corosync.conf:2: logging.to_syslog: 'YES' is not one of: yes, no, on, off");
	expect_error(c, "logging {\n fileline: yes\n}\n",
		     "corosync.conf:2: logging.fileline: 'yes' is not one of: on, off");
	expect_error(c, "logging {\n debug: loud\n}\n",
		     "corosync.conf:2: logging.debug: 'loud' is not one of: off, on, trace");
	expect_error(
		c, "logging {\n timestamp: sometimes\n}\n",
		"corosync.conf:2: logging.timestamp: 'sometimes' is not one of: off, on, hires");
	expect_error(c, "logging {\n logfile_priority: trace\n}\n",
		     "corosync.conf:2: logging.logfile_priority: 'trace' is not one of: emerg, "
		     "alert, crit, err, error, warning, notice, info, debug");
	expect_error(c, "logging {\n logger_subsys {\n  subsys: QUORUM\n  debug: loud\n }\n}\n",
		     "corosync.conf:4: logging.logger_subsys.debug: 'loud' is not one of: off, on, "
		     "trace");
	expect_error(c, "system {\n sched_rr: maybe\n}\n",
		     "corosync.conf:2: system.sched_rr: 'maybe' is not one of: yes, no");

	/* accepted as corosync accepts them */
	assert_int_equal(
		parse(c, "logging {\n to_syslog: on\n syslog_facility: local4\n"
			 " syslog_priority: error\n timestamp: hires\n"
			 " logger_subsys {\n  subsys: QUORUM\n  timestamp: whatever\n }\n}\n"),
		0);
}

static void structural_errors(void **state)
{
	struct ctx *c = *state;

	expect_error(c, "totem {\n version: 2\n\nnodelist {\n node {\n }\n}\n",
		     "corosync.conf:7: missing closing brace for section 'totem' opened at line 1");
	expect_error(c, "totem {\n interface {\n",
		     "corosync.conf:2: missing closing brace for "
		     "section 'totem.interface' opened at line 2");
	expect_error(c, "}\ntotem {\n}\n", "corosync.conf:1: unexpected '}': no section is open");
	expect_error(c, "totem {\n version: 2\n blah\n}\n",
		     "corosync.conf:3: line has no ':' or '{': 'blah'");
	expect_error(c, "totem { version: 2\n}\n",
		     "corosync.conf:1: text after '{': 'version: 2' (each item goes on a line of "
		     "its own)");
	expect_error(c, " {\n}\n", "corosync.conf:1: section name missing before '{'");
	expect_error(c, "totem {\n } x\n", "corosync.conf:2: text before or after '}'");
	expect_error(c, "totem {\n : value\n}\n", "corosync.conf:2: key name missing before ':'");
	expect_error(c, "my section {\n a: b\n}\n",
		     "corosync.conf:1: 'my section' is not a valid section name (use A-Z a-z 0-9 _ "
		     ". / : -)");
	expect_error(c, "sec {\n a b: c\n}\n",
		     "corosync.conf:2: 'a b' is not a valid key name (use A-Z a-z 0-9 _ . / : -)");
	expect_error(
		c, "ab: c\n",
		"corosync.conf:1: 'ab' is not a valid key name (3 to 255 characters of A-Z a-z "
		"0-9 _ . / : -)");
	expect_error(c, "totem {\n x: a {\n}\n",
		     "corosync.conf:2: 'x: a' is not a valid section name (use A-Z a-z 0-9 _ . / : "
		     "-)");
}

static void long_lines_and_nul_bytes(void **state)
{
	struct ctx *c = *state;
	char text[CS_CONFIG_LINE_MAX + 64];
	int n;

	/* "a.b: " + value = exactly the limit */
	n = snprintf(text, sizeof(text), "a.b: %0*d\n", CS_CONFIG_LINE_MAX - 5, 0);
	assert_int_equal(n, CS_CONFIG_LINE_MAX + 1);
	assert_int_equal(parse(c, text), 0);
	snprintf(text, sizeof(text), "x {\na.b: %0*d\n}\n", CS_CONFIG_LINE_MAX - 4, 0);
	assert_int_equal(parse(c, text), -EINVAL);
	assert_string_equal(error_of(c),
			    "corosync.conf:2: line too long (more than 510 characters)");

	assert_int_equal(parse_bytes(c, "totem {\nab\0c: d\n}\n", 18), -EINVAL);
	assert_string_equal(error_of(c), "corosync.conf:2: line contains a NUL byte");
}

static void too_long_paths(void **state)
{
	struct ctx *c = *state;
	char text[1024];
	char name[300];

	memset(name, 's', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(text, sizeof(text), "%.200s {\n%.200s {\n}\n}\n", name, name);
	expect_error(c, text, "corosync.conf:2: section path is longer than 255 characters");
	snprintf(text, sizeof(text), "%.200s {\n%.200s: 1\n}\n", name, name);
	expect_error(c, text, "corosync.conf:2: key path is longer than 255 characters");
	/* a link number can push a collected key past the limit */
	snprintf(text, sizeof(text), "totem {\ninterface {\nlinknumber: 200\n%.*s: 1\n}\n}\n",
		 255 - 16, name);
	assert_int_equal(parse(c, text), -EINVAL);
	assert_non_null(strstr(error_of(c), "corosync.conf:4: key 'totem.interface.200.sss"));
	assert_non_null(strstr(error_of(c), "' is longer than 255 characters"));
	/* and a node number a section's */
	snprintf(text, sizeof(text), "nodelist {\nnode {\n%.*s {\n}\n}\n}\n", 255 - 14, name);
	assert_int_equal(parse(c, text), -EINVAL);
	assert_non_null(strstr(error_of(c), "corosync.conf:3: section path 'nodelist.node.sss"));
	/* a node number can push a key past the limit */
	snprintf(text, sizeof(text), "nodelist {\nnode {\n%.*s: 1\n}\n}\n", 255 - 14, name);
	assert_int_equal(parse(c, text), -EINVAL);
	assert_non_null(strstr(error_of(c), "corosync.conf:3: key path is longer than 255"));
}

static void special_section_errors(void **state)
{
	struct ctx *c = *state;

	expect_error(c, "logging {\n logger_subsys {\n  debug: on\n }\n}\n",
		     "corosync.conf:4: logger_subsys section opened at line 2 has no subsys item");
	expect_error(c, "logging {\n logger_subsys {\n  subsys: A B\n }\n}\n",
		     "corosync.conf:4: logger_subsys: 'A B' is not a valid subsystem name");
	expect_error(c, "uidgid {\n foo: 1\n}\n",
		     "corosync.conf:2: uidgid: only uid and gid may be set, not 'foo'");
	expect_error(c, "uidgid {\n uid: no-such-user-here\n}\n",
		     "corosync.conf:2: uidgid: user 'no-such-user-here' does not exist");
	expect_error(c, "uidgid {\n gid: no-such-group-here\n}\n",
		     "corosync.conf:2: uidgid: group 'no-such-group-here' does not exist");
	expect_error(c, "uidgid {\n x {\n }\n}\n",
		     "corosync.conf:2: no section may be opened inside uidgid {}");
	expect_error(c, "totem {\n interface {\n  member {\n   addr: 1\n  }\n }\n}\n",
		     "corosync.conf:4: only memberaddr may be set in a member section, not 'addr'");
}

static void on_change(struct cs_map *map, const char *key, int event, const struct cs_map_value *nv,
		      const struct cs_map_value *ov, void *data)
{
	char *log = data;

	strcat(log, event == CS_MAP_TRACK_ADD      ? "add "
		    : event == CS_MAP_TRACK_MODIFY ? "mod "
						   : "del ");
	strcat(log, key);
	strcat(log, ";");
}

/* A bad file leaves both maps as they were and tells no tracker. */
static void errors_change_nothing(void **state)
{
	struct ctx *c = *state;
	char log[512] = "";
	unsigned keys;
	unsigned lines;

	assert_int_equal(parse(c, udpu_conf), 0);
	keys = count_keys(c->map);
	lines = count_keys(c->lines);
	assert_int_equal(cs_map_track_add(c->map, "",
					  CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD |
						  CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE,
					  on_change, log, NULL),
			 0);
	expect_error(c,
		     "totem {\n token: 1\n new_key: x\n}\nnodelist {\n node {\n"
		     "  ring0_addr: 10.0.0.9\n }\n}\nquorum {\n two_node: 2x\n}\n",
		     "corosync.conf:11: quorum.two_node: '2x' is not a number");
	assert_int_equal(count_keys(c->map), keys);
	assert_int_equal(count_keys(c->lines), lines);
	assert_u32(c, "totem.token", 5000);
	assert_absent(c, "totem.new_key");
	assert_int_equal(line_of(c, "totem.token"), 5);
	assert_string_equal(log, "");
}

/* Parsing again (a reload) tells trackers about what changed only. */
static void reparse_tells_only_changes(void **state)
{
	struct ctx *c = *state;
	char log[512] = "";

	assert_int_equal(parse(c, "totem {\n token: 3000\n join: 50\n}\n"), 0);
	assert_int_equal(cs_map_track_add(c->map, "totem.",
					  CS_MAP_TRACK_PREFIX | CS_MAP_TRACK_ADD |
						  CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE,
					  on_change, log, NULL),
			 0);
	assert_int_equal(parse(c, "totem {\n token: 3000\n join: 60\n merge: 200\n}\n"), 0);
	assert_string_equal(log, "mod totem.join;add totem.merge;");
}

static void missing_and_unreadable_files(void **state)
{
	struct ctx *c = *state;
	char path[600];
	char *error = NULL;

	snprintf(path, sizeof(path), "%s/missing.conf", tmpdir);
	assert_int_equal(cs_config_parse_file(path, c->map, NULL, &error, NULL, NULL), -ENOENT);
	assert_non_null(error);
	assert_non_null(strstr(error, path));
	assert_non_null(strstr(error, "No such file or directory"));
	free(error);

	assert_int_equal(cs_config_parse_file(tmpdir, c->map, NULL, &error, NULL, NULL), -EISDIR);
	assert_non_null(strstr(error, "cannot read"));
	free(error);

	assert_int_equal(cs_config_parse_file(NULL, c->map, NULL, &error, NULL, NULL), -EINVAL);
	assert_null(error);
	assert_int_equal(cs_config_parse_buffer("x", NULL, 1, c->map, NULL, &error, NULL, NULL),
			 -EINVAL);
	assert_int_equal(cs_config_parse_buffer("x", "", 0, NULL, NULL, &error, NULL, NULL),
			 -EINVAL);
	/* no lines map, no warning callback, no error wanted */
	assert_int_equal(
		cs_config_parse_buffer("x", "amf {\n}\n", 8, c->map, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(cs_config_parse_buffer("x", "}", 1, c->map, NULL, NULL, NULL, NULL),
			 -EINVAL);
}

static void error_helper_formats(void **state)
{
	struct ctx *c = *state;
	char *error = NULL;

	assert_int_equal(parse(c, "totem {\n consensus: 10\n}\n"), 0);
	assert_int_equal(
		cs_config_error(&error, c->lines, "totem.consensus", "%d is too small", 10),
		-EINVAL);
	assert_string_equal(error + strlen(tmpdir) + 1,
			    "corosync.conf:2: totem.consensus: 10 is too small");
	free(error);
	assert_int_equal(cs_config_error(&error, c->lines, "totem.join", "missing"), -EINVAL);
	assert_string_equal(error + strlen(tmpdir) + 1, "corosync.conf: totem.join: missing");
	free(error);
	assert_int_equal(cs_config_error(&error, NULL, "totem.join", "missing"), -EINVAL);
	assert_string_equal(error, "totem.join: missing");
	free(error);
	struct cs_map *bare = cs_map_new();
	assert_int_equal(cs_map_set_u32(bare, "totem.join", 7), 0);
	assert_int_equal(cs_config_error(&error, bare, "totem.join", "bad"), -EINVAL);
	assert_string_equal(error, "line 7: totem.join: bad");
	free(error);
	cs_map_free(bare);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* uidgid.d: files with uidgid {} only, hidden files and backups skipped,
 * anything else refused with the file named. */
static void uidgid_directory(void **state)
{
	struct ctx *c = *state;
	char dir[300], path[400];
	uint8_t v = 0;

	snprintf(dir, sizeof(dir), "%s/uidgid.d", tmpdir);
	assert_int_equal(cs_config_parse_uidgid_dir(dir, c->map, &c->error, NULL, NULL), 0);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/pacemaker", dir);
	write_text(path, "uidgid {\n uid: root\n gid: root\n}\n");
	snprintf(path, sizeof(path), "%s/.hidden", dir);
	write_text(path, "not { a config\n");
	snprintf(path, sizeof(path), "%s/old~", dir);
	write_text(path, "totem {\n}\n");
	assert_int_equal(cs_config_parse_uidgid_dir(dir, c->map, &c->error, NULL, NULL), 0);
	assert_int_equal(cs_map_get_u8(c->map, "uidgid.config.uid.0", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(cs_map_get_u8(c->map, "uidgid.config.gid.0", &v), 0);
	snprintf(path, sizeof(path), "%s/zz-other", dir);
	write_text(path, "totem {\n token: 1000\n}\n");
	assert_int_equal(cs_config_parse_uidgid_dir(dir, c->map, &c->error, NULL, NULL), -EINVAL);
	assert_non_null(strstr(c->error, "zz-other: totem.token: only uidgid {} sections"));
	free(c->error);
	c->error = NULL;
	unlink(path);
	snprintf(path, sizeof(path), "%s/zz-nobody", dir);
	write_text(path, "uidgid {\n uid: no-such-user-here\n}\n");
	assert_int_equal(cs_config_parse_uidgid_dir(dir, c->map, &c->error, NULL, NULL), -EINVAL);
	assert_non_null(
		strstr(c->error, "zz-nobody:2: uidgid: user 'no-such-user-here' does not exist"));
	unlink(path);
	snprintf(path, sizeof(path), "%s/pacemaker", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/.hidden", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/old~", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(seed_udp_config_parses),
		T(udpu_nodelist_config_parses),
		T(debian_default_config_parses),
		T(later_item_wins),
		T(blanks_comments_and_line_ends),
		T(unknown_sections_are_kept_as_strings),
		T(numbers_are_typed),
		T(interfaces_are_keyed_by_link_number),
		T(nodes_are_numbered_across_nodelists),
		T(uidgid_entries),
		T(other_services_get_a_note),
		T(empty_file_is_fine),
		T(bad_values_name_file_line_and_key),
		T(bad_enumerated_values),
		T(structural_errors),
		T(long_lines_and_nul_bytes),
		T(too_long_paths),
		T(special_section_errors),
		T(errors_change_nothing),
		T(reparse_tells_only_changes),
		T(missing_and_unreadable_files),
		T(error_helper_formats),
		T(uidgid_directory),
	};
#undef T
	int failed;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(conf_path, sizeof(conf_path), "%s/corosync.conf", tmpdir);
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(tmpdir);
	return failed;
}
