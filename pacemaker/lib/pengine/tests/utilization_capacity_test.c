/*
 * Capacity arithmetic of utilization placement: reading values, checking
 * room, comparing two nodes' free capacity, consuming and releasing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <string.h>

#include <cmocka.h>

#include "../pe_sched_private.h"

static GHashTable *table(const char *const *kv)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

	for (size_t i = 0; kv[i] != NULL; i += 2) {
		g_hash_table_replace(t, g_strdup(kv[i]), g_strdup(kv[i + 1]));
	}
	return t;
}

static void node_init(struct pe_node *node, const char *const *kv)
{
	memset(node, 0, sizeof(*node));
	node->utilization = table(kv);
}

static void value_parsing(void **state)
{
	(void)state;
	assert_int_equal(pe_utilization_value(NULL), 0);
	assert_int_equal(pe_utilization_value("12"), 12);
	assert_int_equal(pe_utilization_value("-3"), -3);
	assert_int_equal(pe_utilization_value("cpu"), 0);
	assert_int_equal(pe_utilization_value("99999999999"), INT_MAX);
	assert_int_equal(pe_utilization_value("-99999999999"), INT_MIN);
}

static void capacity_check(void **state)
{
	static const char *const node_kv[] = { "cpu", "2", "mem", "1024", NULL };
	static const char *const fits[] = { "cpu", "2", "mem", "512", NULL };
	static const char *const too_big[] = { "cpu", "3", NULL };
	static const char *const unknown[] = { "disk", "1", NULL };
	static const char *const unknown_zero[] = { "disk", "0", NULL };
	GHashTable *needs[4] = { table(fits), table(too_big), table(unknown), table(unknown_zero) };
	struct pe_node node;

	(void)state;
	node_init(&node, node_kv);
	assert_true(pe_utilization_has_capacity(&node, needs[0]));
	assert_false(pe_utilization_has_capacity(&node, needs[1]));
	/* A node without the attribute has none of it. */
	assert_false(pe_utilization_has_capacity(&node, needs[2]));
	assert_true(pe_utilization_has_capacity(&node, needs[3]));
	for (size_t i = 0; i < G_N_ELEMENTS(needs); i++) {
		g_hash_table_destroy(needs[i]);
	}
	g_hash_table_destroy(node.utilization);
}

static void compare_nodes(void **state)
{
	static const char *const a_kv[] = { "cpu", "4", "mem", "100", NULL };
	static const char *const b_kv[] = { "cpu", "2", "mem", "100", NULL };
	static const char *const c_kv[] = { "cpu", "4", "mem", "100", "disk", "5", NULL };
	static const char *const d_kv[] = { "cpu", "2", "mem", "200", NULL };
	struct pe_node a, b, c, d;

	(void)state;
	node_init(&a, a_kv);
	node_init(&b, b_kv);
	node_init(&c, c_kv);
	node_init(&d, d_kv);
	assert_true(pe_utilization_compare(&a, &b) < 0);
	assert_true(pe_utilization_compare(&b, &a) > 0);
	assert_int_equal(pe_utilization_compare(&a, &a), 0);
	/* An attribute only the second node has counts for it. */
	assert_true(pe_utilization_compare(&a, &c) > 0);
	assert_true(pe_utilization_compare(&c, &a) < 0);
	/* One vote per attribute: more cpu against more memory is a tie. */
	assert_int_equal(pe_utilization_compare(&a, &d), 0);
	g_hash_table_destroy(a.utilization);
	g_hash_table_destroy(b.utilization);
	g_hash_table_destroy(c.utilization);
	g_hash_table_destroy(d.utilization);
}

static void adjust_consume_release(void **state)
{
	static const char *const node_kv[] = { "cpu", "4", NULL };
	static const char *const use_kv[] = { "cpu", "3", "disk", "2", NULL };
	GHashTable *node = table(node_kv);
	GHashTable *use = table(use_kv);

	(void)state;
	pe_utilization_adjust(node, use, -1);
	assert_string_equal(g_hash_table_lookup(node, "cpu"), "1");
	/* Consuming what the node does not have leaves it at 0. */
	assert_string_equal(g_hash_table_lookup(node, "disk"), "0");
	pe_utilization_adjust(node, use, 1);
	assert_string_equal(g_hash_table_lookup(node, "cpu"), "4");
	assert_string_equal(g_hash_table_lookup(node, "disk"), "2");
	g_hash_table_destroy(node);
	g_hash_table_destroy(use);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(value_parsing),
		cmocka_unit_test(capacity_check),
		cmocka_unit_test(compare_nodes),
		cmocka_unit_test(adjust_consume_release),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
