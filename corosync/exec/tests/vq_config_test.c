/*
 * vq_config: the quorum {} section and the nodelist's votes, the settings
 * corosync corrects, and every refusal with its file, line and key.
 *
 * The local node is 127.0.0.1; the others come from TEST-NET-3.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../common/cs_config.h"
#include "../vq.h"

struct ctx {
	struct cs_map *map;
	struct cs_map *lines;
	struct totem_config totem;
	struct vq_config cfg;
	char *error;
};

static int setup(void **state)
{
	*state = calloc(1, sizeof(struct ctx));
	return *state != NULL ? 0 : -1;
}

static int teardown(void **state)
{
	struct ctx *c = *state;

	cs_map_free(c->map);
	cs_map_free(c->lines);
	free(c->error);
	free(c);
	return 0;
}

#define TOTEM "totem {\n version: 2\n transport: udpu\n cluster_name: test\n}\n"
#define NODE(addr, id) " node {\n  ring0_addr: " addr "\n  nodeid: " id "\n }\n"
#define NODE_VOTES(addr, id, v) \
	" node {\n  ring0_addr: " addr "\n  nodeid: " id "\n  quorum_votes: " v "\n }\n"
#define THREE                                                          \
	"nodelist {\n" NODE("127.0.0.1", "1") NODE("203.0.113.2", "2") \
		NODE("203.0.113.3", "3") "}\n"
#define FOUR                                                                                    \
	"nodelist {\n" NODE("127.0.0.1", "1") NODE("203.0.113.2", "2") NODE("203.0.113.3", "3") \
		NODE("203.0.113.4", "4") "}\n"

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
	rc = totem_config_read(c->map, c->lines, &c->totem, &c->error);
	if (rc != 0) {
		fail_msg("test totem configuration is refused: %s", c->error);
	}
	return vq_config_read(c->map, c->lines, c->totem.nodeid, c->totem.local_node_pos, &c->cfg,
			      &c->error);
}

static void expect_error(struct ctx *c, const char *text, const char *message)
{
	assert_int_equal(read_conf(c, text), -EINVAL);
	assert_non_null(c->error);
	if (strcmp(c->error, message) != 0) {
		fail_msg("got '%s', expected '%s'", c->error, message);
	}
}

static void nodelist_gives_votes(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM THREE "quorum {\n provider: corosync_votequorum\n}\n"),
			 0);
	assert_int_equal(c->cfg.votes, 1);
	assert_int_equal(c->cfg.expected_votes, 3);
	assert_int_equal(c->cfg.nodelist_votes, 3);
	assert_false(c->cfg.two_node);
	assert_false(c->cfg.wait_for_all);
	assert_int_equal(c->cfg.last_man_standing_window, 10000);
	assert_int_equal(c->cfg.atb, VQ_ATB_NONE);
}

static void quorum_votes_are_summed(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM "nodelist {\n" NODE_VOTES("127.0.0.1", "1", "3")
					      NODE("203.0.113.2", "2") "}\nquorum {\n}\n"),
			 0);
	assert_int_equal(c->cfg.votes, 3);
	assert_int_equal(c->cfg.expected_votes, 4);
}

static void expected_votes_wins(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM THREE "quorum {\n expected_votes: 5\n}\n"), 0);
	assert_int_equal(c->cfg.expected_votes, 5);
}

static void two_node_implies_wait_for_all(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM "nodelist {\n" NODE("127.0.0.1", "1") NODE(
					      "203.0.113.2", "2") "}\nquorum {\n two_node: 1\n}\n"),
			 0);
	assert_true(c->cfg.two_node);
	assert_true(c->cfg.wait_for_all);
	assert_int_equal(
		read_conf(c, TOTEM "nodelist {\n" NODE("127.0.0.1", "1")
				     NODE("203.0.113.2",
					  "2") "}\nquorum {\n two_node: 1\n wait_for_all: 0\n}\n"),
		0);
	assert_true(c->cfg.two_node);
	assert_false(c->cfg.wait_for_all);
}

static void options_are_read(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM FOUR "quorum {\n last_man_standing: 1\n"
						 " last_man_standing_window: 20000\n"
						 " auto_tie_breaker: 1\n"
						 " auto_tie_breaker_node: highest\n"
						 " allow_downscale: 1\n}\n"),
			 0);
	assert_true(c->cfg.last_man_standing);
	assert_int_equal(c->cfg.last_man_standing_window, 20000);
	assert_int_equal(c->cfg.atb, VQ_ATB_HIGHEST);
	assert_true(c->cfg.allow_downscale);
	assert_true(c->cfg.expected_votes_tracking);
}

static void tie_breaker_list(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM FOUR "quorum {\n auto_tie_breaker: 1\n"
						 " auto_tie_breaker_node: 3 1  4\n}\n"),
			 0);
	assert_int_equal(c->cfg.atb, VQ_ATB_LIST);
	assert_int_equal(c->cfg.n_atb_nodes, 3);
	assert_int_equal(c->cfg.atb_nodes[0], 3);
	assert_int_equal(c->cfg.atb_nodes[1], 1);
	assert_int_equal(c->cfg.atb_nodes[2], 4);
	assert_int_equal(read_conf(c, TOTEM FOUR "quorum {\n auto_tie_breaker: 1\n}\n"), 0);
	assert_int_equal(c->cfg.atb, VQ_ATB_LOWEST);
}

static void tie_breaker_list_must_be_ids(void **state)
{
	struct ctx *c = *state;

	expect_error(
		c, TOTEM FOUR "quorum {\n auto_tie_breaker: 1\n auto_tie_breaker_node: 1 two\n}\n",
		"corosync.conf:26: quorum.auto_tie_breaker_node: must be lowest, highest or up "
		"to 64 node ids separated by spaces");
}

static void no_nodelist_needs_expected_votes(void **state)
{
	struct ctx *c = *state;

	expect_error(c,
		     "totem {\n version: 2\n transport: udp\n interface {\n  ringnumber: 0\n"
		     "  bindnetaddr: 127.0.0.1\n  mcastaddr: 239.255.1.1\n }\n}\n"
		     "quorum {\n provider: corosync_votequorum\n}\n",
		     "corosync.conf: quorum.expected_votes: votequorum needs a nodelist with this "
		     "node in it or "
		     "quorum.expected_votes");
	assert_int_equal(read_conf(c, "totem {\n version: 2\n transport: udp\n interface {\n"
				      "  ringnumber: 0\n  bindnetaddr: 127.0.0.1\n"
				      "  mcastaddr: 239.255.1.1\n }\n}\n"
				      "quorum {\n expected_votes: 3\n votes: 2\n}\n"),
			 0);
	assert_int_equal(c->cfg.expected_votes, 3);
	assert_int_equal(c->cfg.votes, 2);
}

static void two_node_gives_way_to_tie_breaker(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(
		read_conf(c, TOTEM "nodelist {\n" NODE("127.0.0.1", "1") NODE(
				     "203.0.113.2",
				     "2") "}\nquorum {\n two_node: 1\n auto_tie_breaker: 1\n}\n"),
		0);
	assert_false(c->cfg.two_node);
	assert_int_equal(c->cfg.atb, VQ_ATB_LOWEST);
}

static void tie_breaker_in_odd_cluster(void **state)
{
	struct ctx *c = *state;

	assert_int_equal(read_conf(c, TOTEM THREE "quorum {\n auto_tie_breaker: 1\n}\n"), 0);
	assert_int_equal(c->cfg.atb, VQ_ATB_NONE); /* disabled: needs wait_for_all */
	assert_int_equal(
		read_conf(c, TOTEM THREE "quorum {\n auto_tie_breaker: 1\n wait_for_all: 1\n}\n"),
		0);
	assert_int_equal(c->cfg.atb, VQ_ATB_LOWEST);
	expect_error(c, TOTEM THREE "quorum {\n auto_tie_breaker: 1\n last_man_standing: 1\n}\n",
		     "corosync.conf:21: quorum.auto_tie_breaker: with last_man_standing in a "
		     "cluster with an odd number of votes needs wait_for_all: 1");
}

static void flags_must_be_numbers(void **state)
{
	struct ctx *c = *state;
	char *parse_error = NULL;
	const char *text = TOTEM THREE "quorum {\n two_node: yes\n}\n";
	struct cs_map *map = cs_map_new();
	struct cs_map *lines = cs_map_new();

	/* the parser itself refuses a non-number for a numeric key */
	assert_int_equal(cs_config_parse_buffer("corosync.conf", text, strlen(text), map, lines,
						&parse_error, NULL, NULL),
			 -EINVAL);
	assert_non_null(strstr(parse_error, "two_node"));
	free(parse_error);
	cs_map_free(map);
	cs_map_free(lines);
	/* a key set at run time with the wrong type is refused here */
	assert_int_equal(read_conf(c, TOTEM THREE "quorum {\n}\n"), 0);
	assert_int_equal(cs_map_set_string(c->map, "quorum.wait_for_all", "on"), 0);
	assert_int_equal(vq_config_read(c->map, c->lines, 1, 0, &c->cfg, &c->error), -EINVAL);
	assert_string_equal(c->error, "corosync.conf: quorum.wait_for_all: must be 0 or 1");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(nodelist_gives_votes, setup, teardown),
		cmocka_unit_test_setup_teardown(quorum_votes_are_summed, setup, teardown),
		cmocka_unit_test_setup_teardown(expected_votes_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(two_node_implies_wait_for_all, setup, teardown),
		cmocka_unit_test_setup_teardown(options_are_read, setup, teardown),
		cmocka_unit_test_setup_teardown(tie_breaker_list, setup, teardown),
		cmocka_unit_test_setup_teardown(tie_breaker_list_must_be_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(no_nodelist_needs_expected_votes, setup, teardown),
		cmocka_unit_test_setup_teardown(two_node_gives_way_to_tie_breaker, setup, teardown),
		cmocka_unit_test_setup_teardown(tie_breaker_in_odd_cluster, setup, teardown),
		cmocka_unit_test_setup_teardown(flags_must_be_numbers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
