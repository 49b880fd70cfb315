/*
 * votequorum's arithmetic and state machine on simulated clusters: every
 * node of a ring runs the sync the daemon runs (sync_init, everyone's
 * NODEINFO in one agreed order, sync_activate), so what the nodes decide
 * can be compared with what corosync decides for the same options.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../vq.h"

#define NODES 8

struct cluster {
	struct vq vq[NODES + 1]; /* by node id, 1..NODES */
	bool up[NODES + 1];
};

static struct cluster cl;

static struct vq_config base_config(uint32_t expected)
{
	struct vq_config cfg = { .votes = 1,
				 .expected_votes = expected,
				 .nodelist_votes = expected };

	cfg.last_man_standing_window = 10000;
	return cfg;
}

/* Start nodes 1..@n (not yet in any ring with each other). */
static void boot(size_t n, const struct vq_config *cfg)
{
	memset(&cl, 0, sizeof(cl));
	for (uint32_t id = 1; id <= n; id++) {
		vq_init(&cl.vq[id], cfg, id);
		cl.up[id] = true;
	}
}

/* The nodes in @ring (ids, 0-terminated) form a ring and run the sync. */
static void form_ring(const uint32_t *ring)
{
	size_t n = 0;
	struct vq_node info[NODES];

	while (ring[n] != 0) {
		n++;
	}
	for (size_t i = 0; i < n; i++) {
		vq_sync_init(&cl.vq[ring[i]], ring, n);
	}
	for (size_t i = 0; i < n; i++) {
		vq_nodeinfo_own(&cl.vq[ring[i]], &info[i]);
	}
	for (size_t from = 0; from < n; from++) {
		for (size_t to = 0; to < n; to++) {
			vq_nodeinfo(&cl.vq[ring[to]], &info[from]);
		}
	}
	for (size_t i = 0; i < n; i++) {
		vq_sync_activate(&cl.vq[ring[i]]);
	}
}

#define RING(...) form_ring((const uint32_t[]){ __VA_ARGS__, 0 })

static bool quorate(uint32_t id)
{
	return cl.vq[id].quorate;
}

static uint32_t expected(uint32_t id)
{
	return vq_self(&cl.vq[id])->expected_votes;
}

/* ---- plain majority ---- */

static void majority_of_three(void **state)
{
	struct vq_config cfg = base_config(3);

	boot(3, &cfg);
	RING(1);
	assert_false(quorate(1));
	assert_int_equal(cl.vq[1].quorum, 2);
	RING(1, 2);
	assert_true(quorate(1));
	assert_true(quorate(2));
	RING(1, 2, 3);
	assert_true(quorate(3));
	RING(1, 2); /* node 3 died */
	assert_true(quorate(1));
	RING(1); /* node 2 died: alone of three */
	assert_false(quorate(1));
	assert_int_equal(cl.vq[1].quorum, 2);
}

static void quorum_never_falls_by_itself(void **state)
{
	struct vq_config cfg = base_config(5);

	boot(5, &cfg);
	RING(1, 2, 3, 4, 5);
	assert_int_equal(cl.vq[1].quorum, 3);
	RING(1, 2);
	assert_int_equal(cl.vq[1].quorum, 3);
	assert_false(quorate(1));
}

static void expected_rises_with_votes_present(void **state)
{
	struct vq_config cfg = base_config(2);

	boot(4, &cfg);
	RING(1, 2, 3, 4);
	assert_int_equal(expected(1), 4);
	assert_int_equal(cl.vq[1].quorum, 3);
	assert_true(cl.vq[1].pending & VQ_PENDING_EXPECTED);
}

static void weighted_votes(void **state)
{
	struct vq_config heavy = base_config(4);
	struct vq_config light = base_config(4);

	heavy.votes = 2;
	memset(&cl, 0, sizeof(cl));
	vq_init(&cl.vq[1], &heavy, 1);
	vq_init(&cl.vq[2], &light, 2);
	vq_init(&cl.vq[3], &light, 3);
	RING(1, 2);
	assert_true(quorate(1)); /* 3 of 4 */
	RING(2, 3);
	assert_false(quorate(2)); /* 2 of 4 */
}

/* ---- two_node and wait_for_all ---- */

static void two_node_survivor_keeps_quorum(void **state)
{
	struct vq_config cfg = base_config(2);

	cfg.two_node = true;
	cfg.wait_for_all = true;
	boot(2, &cfg);
	RING(1);
	assert_false(quorate(1)); /* cold start: waits for the other */
	assert_true(cl.vq[1].wfa_status);
	RING(1, 2);
	assert_true(quorate(1));
	assert_true(quorate(2));
	assert_int_equal(cl.vq[1].quorum, 1);
	RING(1);
	assert_true(quorate(1));
	assert_int_equal(cl.vq[1].quorum, 1);
}

static void two_node_without_wait_for_all(void **state)
{
	struct vq_config cfg = base_config(2);

	cfg.two_node = true;
	boot(2, &cfg);
	RING(1);
	assert_true(quorate(1));
}

static void wait_for_all_three(void **state)
{
	struct vq_config cfg = base_config(3);

	cfg.wait_for_all = true;
	boot(3, &cfg);
	RING(1, 2);
	assert_false(quorate(1)); /* a majority, but not all yet */
	RING(1, 2, 3);
	assert_true(quorate(1));
	assert_false(cl.vq[1].wfa_status);
	RING(1, 2);
	assert_true(quorate(1)); /* once all were seen, a majority is enough */
	RING(1);
	assert_false(quorate(1));
	assert_true(cl.vq[1].wfa_status); /* lost: wait for all again */
}

static void rebooted_node_joins_quorate_partition(void **state)
{
	struct vq_config cfg = base_config(3);

	cfg.wait_for_all = true;
	boot(3, &cfg);
	RING(1, 2, 3);
	/* node 3 reboots: fresh state, waiting for all */
	vq_init(&cl.vq[3], &cfg, 3);
	RING(1, 2);
	assert_true(quorate(1));
	RING(1, 2, 3);
	assert_true(quorate(3)); /* the quorate nodes end its wait */
}

static void cancel_wait_for_all(void **state)
{
	struct vq_config cfg = base_config(3);

	cfg.wait_for_all = true;
	boot(3, &cfg);
	RING(1, 2);
	assert_false(quorate(1));
	vq_reconfigure(&cl.vq[1], VQ_RECONF_CANCEL_WFA, 1, 0);
	vq_reconfigure(&cl.vq[2], VQ_RECONF_CANCEL_WFA, 1, 0);
	assert_true(quorate(1));
	assert_true(quorate(2));
	assert_true(cl.vq[1].pending & VQ_PENDING_QUORUM);
}

/* ---- last_man_standing ---- */

static void last_man_standing_steps_down(void **state)
{
	struct vq_config cfg = base_config(5);

	cfg.last_man_standing = true;
	boot(5, &cfg);
	RING(1, 2, 3, 4, 5);
	RING(1, 2, 3); /* two leave: still a majority */
	assert_true(quorate(1));
	assert_true(cl.vq[1].pending & VQ_PENDING_LMS_ARM);
	for (uint32_t id = 1; id <= 3; id++) {
		vq_lms_expired(&cl.vq[id]);
	}
	assert_int_equal(expected(1), 3);
	assert_int_equal(cl.vq[1].quorum, 2);
	RING(1, 2);
	assert_true(quorate(1));
	for (uint32_t id = 1; id <= 2; id++) {
		vq_lms_expired(&cl.vq[id]);
	}
	assert_int_equal(expected(1), 2);
	assert_int_equal(cl.vq[1].quorum, 2);
	RING(1);
	assert_false(quorate(1)); /* the last one needs auto_tie_breaker */
}

static void last_man_standing_with_tie_breaker_reaches_one(void **state)
{
	struct vq_config cfg = base_config(4);

	cfg.last_man_standing = true;
	cfg.atb = VQ_ATB_LOWEST;
	boot(4, &cfg);
	RING(1, 2, 3, 4);
	RING(1, 2, 3);
	vq_lms_expired(&cl.vq[1]);
	vq_lms_expired(&cl.vq[2]);
	vq_lms_expired(&cl.vq[3]);
	RING(1, 2);
	vq_lms_expired(&cl.vq[1]);
	vq_lms_expired(&cl.vq[2]);
	assert_int_equal(expected(1), 2);
	RING(1);
	assert_true(quorate(1));
}

static void last_man_standing_needs_single_votes(void **state)
{
	struct vq_config cfg = base_config(4);
	struct vq_config heavy;

	cfg.last_man_standing = true;
	heavy = cfg;
	heavy.votes = 2;
	memset(&cl, 0, sizeof(cl));
	vq_init(&cl.vq[1], &cfg, 1);
	vq_init(&cl.vq[2], &heavy, 2);
	RING(1, 2);
	assert_false(cl.vq[1].cfg.last_man_standing);
	assert_true(cl.vq[1].pending & VQ_PENDING_LMS_STOP);
}

static void window_not_armed_without_quorum(void **state)
{
	struct vq_config cfg = base_config(5);

	cfg.last_man_standing = true;
	boot(5, &cfg);
	RING(1, 2, 3, 4, 5);
	cl.vq[1].pending = 0;
	RING(1, 2);
	assert_false(cl.vq[1].pending & VQ_PENDING_LMS_ARM);
	vq_lms_expired(&cl.vq[1]);
	assert_int_equal(expected(1), 5);
}

/* ---- auto_tie_breaker ---- */

static void tie_breaker_lowest(void **state)
{
	struct vq_config cfg = base_config(4);

	cfg.atb = VQ_ATB_LOWEST;
	boot(4, &cfg);
	RING(1, 2, 3, 4);
	RING(1, 2);
	RING(3, 4);
	assert_true(quorate(1));
	assert_true(quorate(2));
	assert_false(quorate(3));
	assert_false(quorate(4));
}

static void tie_breaker_highest(void **state)
{
	struct vq_config cfg = base_config(4);

	cfg.atb = VQ_ATB_HIGHEST;
	boot(4, &cfg);
	RING(1, 2, 3, 4);
	RING(1, 2);
	RING(3, 4);
	assert_false(quorate(1));
	assert_true(quorate(4));
}

static void tie_breaker_list(void **state)
{
	struct vq_config cfg = base_config(4);

	cfg.atb = VQ_ATB_LIST;
	cfg.atb_nodes[0] = 3;
	cfg.atb_nodes[1] = 1;
	cfg.n_atb_nodes = 2;
	boot(4, &cfg);
	RING(1, 2, 3, 4);
	RING(1, 2);
	RING(3, 4);
	assert_false(quorate(1)); /* 3 was in the last ring: it may live on */
	assert_true(quorate(3));
}

static void no_tie_breaker_no_winner(void **state)
{
	struct vq_config cfg = base_config(4);

	boot(4, &cfg);
	RING(1, 2, 3, 4);
	RING(1, 2);
	RING(3, 4);
	assert_false(quorate(1));
	assert_false(quorate(3));
}

static void tie_breaker_only_for_an_even_split(void **state)
{
	struct vq_config cfg = base_config(6);

	cfg.atb = VQ_ATB_LOWEST;
	boot(6, &cfg);
	RING(1, 2, 3, 4, 5, 6);
	RING(1, 2);
	RING(3, 4, 5, 6);
	assert_false(quorate(1)); /* 2 of 6 is not a tie */
	assert_true(quorate(3));
}

/* ---- node states and adoption ---- */

static void inquorate_node_adopts_expected(void **state)
{
	struct vq_config cfg = base_config(3);
	struct vq_config joiner = base_config(7);

	boot(3, &cfg);
	RING(1, 2, 3);
	RING(1, 2);
	vq_reconfigure(&cl.vq[1], VQ_RECONF_EXPECTED, 1, 2);
	vq_reconfigure(&cl.vq[2], VQ_RECONF_EXPECTED, 1, 2);
	assert_int_equal(expected(1), 2);
	/* a node configured for 7 votes would need 4 of them alone; it
	 * takes the quorate partition's view instead */
	vq_init(&cl.vq[5], &joiner, 5);
	RING(1, 2, 5);
	assert_true(quorate(5));
	assert_int_equal(expected(5), 3); /* raised to the votes present */
	assert_int_equal(cl.vq[5].quorum, 2);
}

static void dead_nodes_are_marked(void **state)
{
	struct vq_config cfg = base_config(3);

	boot(3, &cfg);
	RING(1, 2, 3);
	RING(1, 2);
	assert_int_equal(vq_node_find(&cl.vq[1], 3)->state, VQ_DEAD);
	assert_int_equal(vq_node_find(&cl.vq[1], 2)->state, VQ_MEMBER);
}

static void leaving_node_lowers_expected_with_downscale(void **state)
{
	struct vq_config cfg = base_config(3);
	struct vq_node leaving;

	cfg.allow_downscale = true;
	boot(3, &cfg);
	RING(1, 2, 3);
	vq_nodeinfo_own(&cl.vq[3], &leaving);
	leaving.flags |= VQ_FLAG_LEAVING;
	vq_nodeinfo(&cl.vq[1], &leaving);
	assert_int_equal(vq_node_find(&cl.vq[1], 3)->state, VQ_LEAVING);
	/* expected votes follow the nodes present; the quorum is still
	 * reckoned from the highest expected votes seen (ev_barrier, 3) */
	assert_int_equal(expected(1), 2);
	assert_int_equal(cl.vq[1].quorum, 2);
	assert_true(quorate(1));
}

/* ---- setexpected / setvotes checks ---- */

static void setexpected_checks(void **state)
{
	struct vq_config cfg = base_config(3);

	boot(3, &cfg);
	RING(1, 2, 3);
	assert_int_equal(vq_check_expected(&cl.vq[1], 3), 0);
	assert_int_equal(vq_check_expected(&cl.vq[1], 5), 0);
	assert_int_equal(vq_check_expected(&cl.vq[1], 6), -EINVAL); /* quorum 4 > 3 votes */
	assert_int_equal(vq_check_expected(&cl.vq[1], 0), -EINVAL);
	RING(1);
	assert_int_equal(vq_check_expected(&cl.vq[1], 1), 0);
	vq_reconfigure(&cl.vq[1], VQ_RECONF_EXPECTED, 1, 1);
	assert_true(quorate(1));
	assert_int_equal(cl.vq[1].quorum, 1);
}

static void setvotes_checks(void **state)
{
	struct vq_config cfg = base_config(3);

	boot(3, &cfg);
	RING(1, 2, 3);
	assert_int_equal(vq_check_votes(&cl.vq[1], 9, 1), -ENOENT);
	assert_int_equal(vq_check_votes(&cl.vq[1], 2, 2), 0);
	assert_int_equal(vq_node_find(&cl.vq[1], 2)->votes, 1); /* a check changes nothing */
	vq_reconfigure(&cl.vq[1], VQ_RECONF_VOTES, 2, 2);
	assert_int_equal(vq_node_find(&cl.vq[1], 2)->votes, 2);
	assert_int_equal(expected(1), 4);
}

static void info_flags(void **state)
{
	struct vq_config cfg = base_config(2);

	cfg.two_node = true;
	cfg.wait_for_all = true;
	boot(2, &cfg);
	RING(1, 2);
	assert_int_equal(vq_info_flags(&cl.vq[1]), 1 | 2 | 4);
}

/* Table: the quorum and decision for every count of nodes present in a
 * cluster of @size single-vote nodes, with and without two_node. */
static void quorum_table(void **state)
{
	static const struct {
		uint32_t size, present;
		bool two_node;
		uint32_t quorum;
		bool quorate;
	} rows[] = {
		{ 1, 1, false, 1, true },  { 2, 1, false, 2, false }, { 2, 2, false, 2, true },
		{ 2, 1, true, 1, true },   { 2, 2, true, 1, true },   { 3, 2, false, 2, true },
		{ 4, 2, false, 3, false }, { 4, 3, false, 3, true },  { 5, 3, false, 3, true },
		{ 6, 3, false, 4, false }, { 6, 4, false, 4, true },  { 7, 4, false, 4, true },
		{ 8, 5, false, 5, true },  { 8, 4, false, 5, false }, { 3, 2, true, 1, true },
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct vq_config cfg = base_config(rows[i].size);
		uint32_t ring[NODES + 1] = { 0 };
		cfg.two_node = rows[i].two_node;
		boot(rows[i].size, &cfg);
		for (uint32_t id = 1; id <= rows[i].present; id++) {
			ring[id - 1] = id;
		}
		form_ring(ring);
		if (cl.vq[1].quorum != rows[i].quorum || quorate(1) != rows[i].quorate) {
			fail_msg("row %zu: size %u present %u two_node %d: quorum %u quorate %d", i,
				 rows[i].size, rows[i].present, rows[i].two_node, cl.vq[1].quorum,
				 quorate(1));
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(majority_of_three),
		cmocka_unit_test(quorum_never_falls_by_itself),
		cmocka_unit_test(expected_rises_with_votes_present),
		cmocka_unit_test(weighted_votes),
		cmocka_unit_test(two_node_survivor_keeps_quorum),
		cmocka_unit_test(two_node_without_wait_for_all),
		cmocka_unit_test(wait_for_all_three),
		cmocka_unit_test(rebooted_node_joins_quorate_partition),
		cmocka_unit_test(cancel_wait_for_all),
		cmocka_unit_test(last_man_standing_steps_down),
		cmocka_unit_test(last_man_standing_with_tie_breaker_reaches_one),
		cmocka_unit_test(last_man_standing_needs_single_votes),
		cmocka_unit_test(window_not_armed_without_quorum),
		cmocka_unit_test(tie_breaker_lowest),
		cmocka_unit_test(tie_breaker_highest),
		cmocka_unit_test(tie_breaker_list),
		cmocka_unit_test(no_tie_breaker_no_winner),
		cmocka_unit_test(tie_breaker_only_for_an_even_split),
		cmocka_unit_test(inquorate_node_adopts_expected),
		cmocka_unit_test(dead_nodes_are_marked),
		cmocka_unit_test(leaving_node_lowers_expected_with_downscale),
		cmocka_unit_test(setexpected_checks),
		cmocka_unit_test(setvotes_checks),
		cmocka_unit_test(info_flags),
		cmocka_unit_test(quorum_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
