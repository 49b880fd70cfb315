/*
 * Totem SRP on a simulated network: rings form, nodes fail, leave,
 * partition and merge, and every delivery keeps agreed order and
 * extended virtual synchrony.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../common/cs_log.h"
#include "../totem_wire.h"
#include "totem_sim.h"

static const struct totem_srp_params defaults = {
	.token = 3000,
	.token_retransmit = 714,
	.hold = 561,
	.join = 50,
	.consensus = 3600,
	.merge = 200,
	.fail_recv_const = 2500,
	.seqno_unchanged_const = 30,
	.window_size = 50,
	.max_messages = 17,
	.max_msg_len = 1400,
};

static const uint32_t ring_1[] = { 1 };
static const uint32_t ring_12[] = { 1, 2 };
static const uint32_t ring_123[] = { 1, 2, 3 };
static const uint32_t ring_12345[] = { 1, 2, 3, 4, 5 };

/* corosync's timers for five nodes (token_coefficient applied) */
static struct totem_srp_params five_nodes(void)
{
	struct totem_srp_params p = defaults;

	p.token = 4950;
	p.token_retransmit = 1178;
	p.hold = 932;
	p.consensus = 5940;
	return p;
}

static struct sim *started_with(unsigned nodes, uint64_t seed, const struct totem_srp_params *p)
{
	struct sim *sim = sim_new(nodes, seed, p);

	for (unsigned i = 1; i <= nodes; i++) {
		sim_start(sim, i);
	}
	return sim;
}

static struct sim *started(unsigned nodes, uint64_t seed)
{
	return started_with(nodes, seed, &defaults);
}

/* Run until every listed node is operational in exactly @ring; return the
 * virtual milliseconds it took, or fail after @limit_ms. */
static uint64_t run_until_ring(struct sim *sim, const uint32_t *ring, size_t n, uint64_t limit_ms)
{
	uint64_t start = sim_now(sim);

	while (sim_now(sim) - start < limit_ms * 1000) {
		bool all = true;
		for (size_t i = 0; i < n; i++) {
			all = all && sim_ring_is(sim, ring[i], ring, n);
		}
		if (all) {
			return (sim_now(sim) - start) / 1000;
		}
		sim_run(sim, 10);
	}
	fail_msg("no ring of %zu nodes within %llu ms", n, (unsigned long long)limit_ms);
	return 0;
}

static size_t messages_of(const struct sim *sim, unsigned node, const char *prefix)
{
	const struct sim_log *log = sim_log(sim, node);
	size_t n = 0;

	for (size_t i = 0; i < log->n; i++) {
		n += log->e[i].type == SIM_MESSAGE &&
		     strncmp(log->e[i].text, prefix, strlen(prefix)) == 0;
	}
	return n;
}

static size_t regular_configs(const struct sim *sim, unsigned node)
{
	const struct sim_log *log = sim_log(sim, node);
	size_t n = 0;

	for (size_t i = 0; i < log->n; i++) {
		n += log->e[i].type == SIM_REGULAR;
	}
	return n;
}

static void send_burst(struct sim *sim, unsigned node, const char *tag, unsigned count)
{
	char text[64];

	for (unsigned i = 0; i < count; i++) {
		snprintf(text, sizeof(text), "%s-%u-%u", tag, node, i);
		assert_int_equal(sim_send(sim, node, text), 0);
	}
}

/* The regular configurations each of the five nodes has seen so far. */
static void count_configs(const struct sim *sim, size_t before[6])
{
	for (unsigned n = 1; n <= 5; n++) {
		before[n] = regular_configs(sim, n);
	}
}

/* Merging takes a few configurations, not a storm of them. */
static void assert_few_configs_since(const struct sim *sim, const size_t before[6], unsigned from)
{
	for (unsigned n = from; n <= 5; n++) {
		size_t extra = regular_configs(sim, n) - before[n];
		if (extra > 4) {
			fail_msg("node %u went through %zu configurations to merge", n, extra);
		}
	}
}

static void assert_evs(const struct sim *sim)
{
	const char *bad = sim_check_evs(sim);

	if (bad != NULL) {
		fail_msg("%s", bad);
	}
}

static void single_node_forms_its_ring(void **state)
{
	struct sim *sim = started(1, 1);
	uint64_t ms = run_until_ring(sim, ring_1, 1, 10000);

	/* alone, it agrees with itself at once */
	assert_true(ms < 100);
	const struct sim_log *log = sim_log(sim, 1);
	assert_int_equal(log->e[log->n - 1].type, SIM_REGULAR);
	/* a fresh disk remembers 0: one past it, plus four, as corosync's 1.5 */
	assert_int_equal(log->e[log->n - 1].ring_id.seq, 5);
	send_burst(sim, 1, "solo", 100);
	sim_run(sim, 100);
	assert_int_equal(messages_of(sim, 1, "solo"), 100);
	sim_free(sim);
}

static void three_nodes_form_one_ring_quickly(void **state)
{
	struct sim *sim = started(3, 2);
	uint64_t ms = run_until_ring(sim, ring_123, 3, 10000);

	/* they hear each other: no waiting for a timeout */
	assert_true(ms < 1000);
	sim_free(sim);
}

static void messages_are_delivered_in_one_order(void **state)
{
	struct sim *sim = started(5, 3);

	run_until_ring(sim, ring_12345, 5, 10000);
	for (unsigned round = 0; round < 10; round++) {
		for (unsigned node = 1; node <= 5; node++) {
			char tag[16];
			snprintf(tag, sizeof(tag), "r%u", round);
			send_burst(sim, node, tag, 20);
		}
		sim_run(sim, 5);
	}
	sim_run(sim, 2000);
	for (unsigned node = 1; node <= 5; node++) {
		assert_int_equal(messages_of(sim, node, "r"), 1000);
	}
	assert_evs(sim);
	sim_free(sim);
}

static void lost_packets_are_retransmitted(void **state)
{
	struct sim *sim = started(3, 4);

	run_until_ring(sim, ring_123, 3, 10000);
	sim_set_loss(sim, 0.05);
	for (unsigned node = 1; node <= 3; node++) {
		send_burst(sim, node, "lossy", 200);
	}
	sim_run(sim, 20000);
	for (unsigned node = 1; node <= 3; node++) {
		assert_int_equal(messages_of(sim, node, "lossy"), 600);
	}
	assert_evs(sim);
	sim_free(sim);
}

static void killed_node_is_detected_within_token_and_consensus(void **state)
{
	struct sim *sim = started(3, 5);

	run_until_ring(sim, ring_123, 3, 10000);
	send_burst(sim, 3, "before", 30);
	sim_run(sim, 1);
	sim_kill(sim, 3);
	uint64_t ms = run_until_ring(sim, ring_12, 2, 20000);
	assert_true(ms <= (defaults.token + defaults.consensus) * 11 / 10);
	assert_evs(sim);
	send_burst(sim, 1, "after", 10);
	sim_run(sim, 100);
	assert_int_equal(messages_of(sim, 2, "after"), 10);
	sim_free(sim);
}

static void leaving_node_is_gone_at_once(void **state)
{
	struct sim *sim = started(3, 6);

	run_until_ring(sim, ring_123, 3, 10000);
	sim_stop(sim, 3);
	uint64_t ms = run_until_ring(sim, ring_12, 2, 20000);
	assert_true(ms < 500);
	sim_free(sim);
}

static void partition_gives_two_rings_that_merge(void **state)
{
	static const unsigned split[] = { 0, 0, 1, 1, 1 };
	static const uint32_t left[] = { 1, 2 };
	static const uint32_t right[] = { 3, 4, 5 };
	struct sim *sim = started(5, 7);

	run_until_ring(sim, ring_12345, 5, 10000);
	sim_partition(sim, split);
	send_burst(sim, 1, "split", 20);
	send_burst(sim, 4, "split", 20);
	run_until_ring(sim, left, 2, 20000);
	run_until_ring(sim, right, 3, 20000);
	assert_int_equal(messages_of(sim, 2, "split-1"), 20);
	assert_int_equal(messages_of(sim, 2, "split-4"), 0);
	sim_heal(sim);
	run_until_ring(sim, ring_12345, 5, 20000);
	send_burst(sim, 5, "merged", 20);
	sim_run(sim, 200);
	assert_int_equal(messages_of(sim, 1, "merged"), 20);
	assert_evs(sim);
	sim_free(sim);
}

static void restarted_node_rejoins(void **state)
{
	struct sim *sim = started(3, 8);

	run_until_ring(sim, ring_123, 3, 10000);
	sim_kill(sim, 2);
	run_until_ring(sim, (const uint32_t[]){ 1, 3 }, 2, 20000);
	sim_start(sim, 2);
	run_until_ring(sim, ring_123, 3, 20000);
	assert_evs(sim);
	sim_free(sim);
}

/* A long backlog on one node drains in order, a window at a time, while
 * the others still get their turn. */
static void backlog_drains_under_flow_control(void **state)
{
	struct sim *sim = started(3, 9);

	run_until_ring(sim, ring_123, 3, 10000);
	send_burst(sim, 1, "bulk", 3000);
	sim_run(sim, 2);
	send_burst(sim, 2, "late", 10);
	sim_run(sim, 5000);
	for (unsigned node = 1; node <= 3; node++) {
		assert_int_equal(messages_of(sim, node, "bulk"), 3000);
		assert_int_equal(messages_of(sim, node, "late"), 10);
	}
	/* node 2 did not wait for the whole backlog of node 1 */
	const struct sim_log *log = sim_log(sim, 3);
	size_t late_at = 0, bulk_seen = 0;
	for (size_t i = 0; i < log->n && late_at == 0; i++) {
		if (log->e[i].type != SIM_MESSAGE) {
			continue;
		}
		if (strncmp(log->e[i].text, "late", 4) == 0) {
			late_at = bulk_seen;
		}
		bulk_seen += strncmp(log->e[i].text, "bulk", 4) == 0;
	}
	assert_true(late_at < 1000);
	assert_evs(sim);
	sim_free(sim);
}

/* Nodes that gave up on each other in one round must not make the
 * excluded node re-form its own ring again and again while they finish. */
static void merges_after_mutual_failures_without_flapping(void **state)
{
	static const unsigned alone1[] = { 1, 0, 0, 0, 0 };
	static const unsigned with5[] = { 1, 0, 0, 0, 1 };
	static const unsigned alone2[] = { 0, 1, 0, 0, 0 };
	struct totem_srp_params p = five_nodes();
	struct sim *sim = started_with(5, 7, &p);
	size_t before[6];

	run_until_ring(sim, ring_12345, 5, 10000);
	sim_partition(sim, alone1);
	sim_run(sim, 4000);
	sim_partition(sim, with5);
	sim_run(sim, 4000);
	sim_kill(sim, 2);
	sim_run(sim, 3000);
	sim_kill(sim, 5);
	sim_run(sim, 3000);
	sim_heal(sim);
	sim_run(sim, 4000);
	sim_partition(sim, alone2);
	sim_run(sim, 4000);
	count_configs(sim, before);
	sim_heal(sim);
	sim_start(sim, 2);
	sim_start(sim, 5);
	run_until_ring(sim, ring_12345, 5, 30000);
	assert_few_configs_since(sim, before, 1);
	assert_evs(sim);
	sim_free(sim);
}

/* Random crashes, restarts, partitions, heals and loss while every node
 * sends: whatever happens, delivery keeps EVS. */
/* A node forming a ring does not give it up for a join from outside it:
 * that would undo the ring, and the outsider's next join the next one.
 * The outsider is merged once the ring is formed. */
static void ring_being_formed_ignores_outsiders_joins(void **state)
{
	static const unsigned apart3[] = { 0, 0, 1 };
	struct sim *sim = started(3, 11);
	struct totem_join j = {
		.sender = 3, .ring_seq = 1000, .proc_count = 3, .proc = { 1, 2, 3 }
	};
	uint8_t pkt[2048];
	const char *forming = NULL;
	int n;

	run_until_ring(sim, ring_123, 3, 10000);
	sim_partition(sim, apart3);
	for (unsigned ms = 0; ms < 20000 && forming == NULL; ms++) {
		const char *st = totem_srp_state_name(sim_engine(sim, 2));
		if (strcmp(st, "COMMIT") == 0 || strcmp(st, "RECOVERY") == 0) {
			forming = st;
		} else {
			sim_run(sim, 1);
		}
	}
	assert_non_null(forming);
	n = totem_join_encode(pkt, sizeof(pkt), 3, &j);
	assert_true(n > 0);
	totem_srp_receive(sim_engine(sim, 2), pkt, (size_t)n);
	assert_string_equal(totem_srp_state_name(sim_engine(sim, 2)), forming);
	run_until_ring(sim, ring_12, 2, 10000);
	sim_heal(sim);
	run_until_ring(sim, ring_123, 3, 20000);
	assert_evs(sim);
	sim_free(sim);
}

/* Run @ms while every running node multicasts every 100 ms. */
static void run_with_traffic(struct sim *sim, uint64_t ms)
{
	static unsigned counter;

	for (uint64_t t = 0; t < ms; t += 100) {
		for (unsigned n = 1; n <= 5; n++) {
			char text[64];
			snprintf(text, sizeof(text), "t%u-%u", n, counter++);
			if (sim_running(sim, n)) {
				sim_send(sim, n, text);
			}
		}
		sim_run(sim, 100);
	}
}

/* A partition cuts one node off; the other side's representative dies
 * around the time it notices the lost token, when the others may have its
 * join but will never see its commit token; the network heals and it comes
 * back, with messages flowing all along.  Nodes forming a ring must not be
 * thrown back by the lone node's joins, nor it by their recovery traffic,
 * over and over: all five end in one ring after a few configurations. */
static void dead_representative_and_lone_node_merge_without_a_storm(void **state)
{
	static const unsigned split_12[] = { 1, 1, 0, 0, 0 };
	static const unsigned alone3[] = { 0, 0, 1, 0, 0 };
	struct totem_srp_params p = five_nodes();
	const char *env = getenv("TOTEM_SIM_SEEDS");
	uint64_t schedules = env != NULL ? strtoull(env, NULL, 10) : 2;

	for (uint64_t k = 0; k < schedules; k++) {
		struct sim *sim = started_with(5, 40 + k, &p);
		uint64_t kill_at = 3000 + (k * 337) % 4000, restart_after = (k * 53) % 2000;
		size_t before[6];

		run_until_ring(sim, ring_12345, 5, 10000);
		sim_partition(sim, split_12);
		run_with_traffic(sim, 4100);
		sim_heal(sim);
		run_with_traffic(sim, 3000);
		sim_partition(sim, alone3);
		run_with_traffic(sim, kill_at);
		sim_kill(sim, 1);
		run_with_traffic(sim, 10000);
		count_configs(sim, before);
		sim_heal(sim);
		run_with_traffic(sim, restart_after);
		sim_start(sim, 1);
		run_until_ring(sim, ring_12345, 5, 30000);
		/* node 1, started again, first forms a ring of its own */
		assert_few_configs_since(sim, before, 2);
		assert_evs(sim);
		sim_free(sim);
	}
}

static void random_fault_schedules_keep_evs(void **state)
{
	/* TOTEM_SIM_SEEDS=N runs more schedules than the default dozen */
	const char *env = getenv("TOTEM_SIM_SEEDS");
	uint64_t seeds = env != NULL ? strtoull(env, NULL, 10) : 12;

	for (uint64_t seed = 100; seed < 100 + seeds; seed++) {
		struct sim *sim = started(5, seed);
		uint64_t r = seed * 2654435761u;
		unsigned groups[5];

		sim_run(sim, 1000);
		for (unsigned step = 0; step < 40; step++) {
			r = r * 6364136223846793005ull + 1442695040888963407ull;
			unsigned node = 1 + (unsigned)((r >> 33) % 5);
			switch ((r >> 40) % 8) {
			case 0:
				sim_kill(sim, node);
				break;
			case 1:
				sim_start(sim, node);
				break;
			case 2:
				for (unsigned i = 0; i < 5; i++) {
					groups[i] = (unsigned)((r >> (i * 3)) % 2);
				}
				sim_partition(sim, groups);
				break;
			case 3:
				sim_heal(sim);
				break;
			case 4:
				sim_set_loss(sim, (double)((r >> 20) % 10) / 100.0);
				break;
			default:
				for (unsigned n = 1; n <= 5; n++) {
					char tag[32];
					snprintf(tag, sizeof(tag), "s%llu-%u",
						 (unsigned long long)seed, step);
					if (sim_running(sim, n)) {
						for (unsigned i = 0; i < 5; i++) {
							char text[64];
							snprintf(text, sizeof(text), "%s-%u-%u",
								 tag, n, i);
							sim_send(sim, n, text);
						}
					}
				}
			}
			sim_run(sim, 200 + (r >> 50) % 3000);
		}
		sim_heal(sim);
		sim_set_loss(sim, 0);
		for (unsigned n = 1; n <= 5; n++) {
			sim_start(sim, n);
		}
		run_until_ring(sim, ring_12345, 5, 60000);
		const char *bad = sim_check_evs(sim);
		if (bad != NULL) {
			fail_msg("seed %llu: %s", (unsigned long long)seed, bad);
		}
		sim_free(sim);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(single_node_forms_its_ring),
		cmocka_unit_test(three_nodes_form_one_ring_quickly),
		cmocka_unit_test(messages_are_delivered_in_one_order),
		cmocka_unit_test(lost_packets_are_retransmitted),
		cmocka_unit_test(killed_node_is_detected_within_token_and_consensus),
		cmocka_unit_test(leaving_node_is_gone_at_once),
		cmocka_unit_test(partition_gives_two_rings_that_merge),
		cmocka_unit_test(restarted_node_rejoins),
		cmocka_unit_test(backlog_drains_under_flow_control),
		cmocka_unit_test(merges_after_mutual_failures_without_flapping),
		cmocka_unit_test(ring_being_formed_ignores_outsiders_joins),
		cmocka_unit_test(dead_representative_and_lone_node_merge_without_a_storm),
		cmocka_unit_test(random_fault_schedules_keep_evs),
	};

	if (getenv("TOTEM_SIM_DEBUG") != NULL) {
		struct cs_log_settings s;
		cs_log_open("totem_srp_test");
		cs_log_settings_init(&s);
		s.to_syslog = false;
		s.to_stderr = true;
		s.debug = CS_LOG_DEBUG_ON;
		cs_log_apply(&s);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
