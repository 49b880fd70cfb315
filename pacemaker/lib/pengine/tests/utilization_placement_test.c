/*
 * Utilization placement on an unpacked cluster: what colocated resources
 * add up to, which nodes a resource is banned from, and the load_stopped
 * orderings.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include <crm/common/xml.h>

#include "../pe_sched_private.h"
#include "unpacked_cib.h"

#define NODE(n, cpu)                                                \
	"<node id='" n "' uname='" n "'><utilization id='" n "-u'>" \
	"<nvpair id='" n "-cpu' name='cpu' value='" cpu "'/></utilization></node>"
#define STATE(n)                           \
	"<node_state id='" n "' uname='" n \
	"' in_ccm='true' crmd='online' join='member' expected='member'/>"
#define PRIM(id, cpu)                                                                     \
	"<primitive id='" id "' class='ocf' provider='pacemaker' type='Dummy'>"           \
	"<utilization id='" id "-u'><nvpair id='" id "-cpu' name='cpu' value='" cpu "'/>" \
	"</utilization></primitive>"

/* node1 has room for 4 cpu, node2 for 8; group1 needs 6. */
static const char cib_text[] =
	"<cib><configuration><crm_config><cluster_property_set id='o'>"
	"<nvpair id='o1' name='stonith-enabled' value='false'/>"
	"<nvpair id='o2' name='placement-strategy' value='utilization'/>"
	"</cluster_property_set></crm_config>"
	"<nodes>" NODE("node1", "4")
		NODE("node2", "8") "</nodes>"
				   "<resources><group id='group1'>" PRIM("a", "2") PRIM(
					   "b", "2") PRIM("c", "2") "</group>" PRIM("big", "20")
					   PRIM("dep",
						"1") "<primitive id='plain' class='ocf' "
						     "provider='pacemaker' type='Dummy'/>"
						     "</resources>"
						     "<constraints><rsc_colocation id='dep-with-a' "
						     "rsc='dep' with-rsc='a' score='INFINITY'/>"
						     "</constraints></configuration>"
						     "<status>" STATE("node1")
							     STATE("node2") "</status></cib>";

static int setup(void **state)
{
	struct unpacked_cib *f = unpacked_cib_new(cib_text);

	pe_group_colocate_members(pe_resource_find(f->c, "group1"));
	pe_locations_apply(f->c);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct unpacked_cib *f = *state;

	unpacked_cib_free(f);
	return 0;
}

static struct pe_resource *rsc(void **state, const char *id)
{
	struct unpacked_cib *f = *state;
	struct pe_resource *r = pe_resource_find(f->c, id);

	assert_non_null(r);
	return r;
}

static int score_on(void **state, const char *id, const char *uname)
{
	struct unpacked_cib *f = *state;

	return rsc(state, id)->scores[pe_node_find(f->c, uname)->index];
}

static void colocated_sum_covers_group_and_dependents(void **state)
{
	GHashTable *sum = pe_utilization_colocated_sum(rsc(state, "a"));

	/* a, b, c (the group) and dep (colocated with a). */
	assert_string_equal(g_hash_table_lookup(sum, "cpu"), "7");
	g_hash_table_destroy(sum);
	sum = pe_utilization_colocated_sum(rsc(state, "plain"));
	assert_int_equal(g_hash_table_size(sum), 0);
	g_hash_table_destroy(sum);
}

static void assigned_resources_are_not_summed(void **state)
{
	struct unpacked_cib *f = *state;
	struct pe_resource *b = rsc(state, "b");
	GHashTable *sum;

	b->provisional = false;
	sum = pe_utilization_colocated_sum(rsc(state, "a"));
	assert_string_equal(g_hash_table_lookup(sum, "cpu"), "5");
	g_hash_table_destroy(sum);
	b->provisional = true;
	(void)f;
}

static void bans_nodes_without_room_for_the_set(void **state)
{
	assert_null(pe_utilization_ban_insufficient(rsc(state, "a")));
	assert_int_equal(score_on(state, "a", "node1"), -PE_INFINITY);
	assert_int_equal(score_on(state, "a", "node2"), 0);
}

static void no_room_anywhere_prefers_most_free(void **state)
{
	struct unpacked_cib *f = *state;
	struct pe_node *most_free = pe_utilization_ban_insufficient(rsc(state, "big"));

	/* Nothing fits: the node with most left is preferred, and a node
	 * lacking room for the resource alone is banned. */
	assert_ptr_equal(most_free, pe_node_find(f->c, "node2"));
	assert_int_equal(score_on(state, "big", "node1"), -PE_INFINITY);
	assert_int_equal(score_on(state, "big", "node2"), -PE_INFINITY);
}

static void consume_and_release_follow_strategy(void **state)
{
	struct unpacked_cib *f = *state;
	struct pe_node *node1 = pe_node_find(f->c, "node1");

	pe_utilization_consume(node1, rsc(state, "a"));
	assert_string_equal(g_hash_table_lookup(node1->utilization, "cpu"), "2");
	pe_utilization_release(node1, rsc(state, "a"));
	assert_string_equal(g_hash_table_lookup(node1->utilization, "cpu"), "4");
	f->c->utilization_strategy = false;
	pe_utilization_consume(node1, rsc(state, "a"));
	assert_string_equal(g_hash_table_lookup(node1->utilization, "cpu"), "4");
	assert_null(pe_utilization_ban_insufficient(rsc(state, "big")));
	f->c->utilization_strategy = true;
}

static void load_orderings(void **state)
{
	struct unpacked_cib *f = *state;
	struct pe_resource *a = rsc(state, "a");
	guint before = f->c->orderings->len;
	struct pe_action *ls1, *ls2;

	pe_utilization_constraints(a);
	ls1 = pe_action_find(f->c, "load_stopped_node1", NULL);
	ls2 = pe_action_find(f->c, "load_stopped_node2", NULL);
	assert_non_null(ls1);
	assert_non_null(ls2);
	assert_true(ls1->flags & PE_ACT_PSEUDO);
	assert_false(ls1->flags & PE_ACT_OPTIONAL);
	assert_ptr_equal(ls1->node, pe_node_find(f->c, "node1"));
	/* Not running anywhere: start and migrate_to after each node's. */
	assert_int_equal(f->c->orderings->len - before, 4);
	for (guint i = before; i < f->c->orderings->len; i++) {
		struct pe_ordering *o = f->c->orderings->pdata[i];

		assert_int_equal(o->flags, PE_ORD_LOAD);
		assert_ptr_equal(o->then_rsc, a);
	}
	/* Without utilization there is nothing to wait for. */
	before = f->c->orderings->len;
	pe_utilization_constraints(rsc(state, "plain"));
	assert_int_equal(f->c->orderings->len, before);
	assert_ptr_equal(pe_utilization_load_stopped(f->c, ls1->node), ls1);
}

static void load_input_kept_only_on_same_node(void **state)
{
	struct unpacked_cib *f = *state;
	struct pe_resource *a = rsc(state, "a");
	struct pe_node *node1 = pe_node_find(f->c, "node1");
	struct pe_node *node2 = pe_node_find(f->c, "node2");
	struct pe_action *ls1 = pe_utilization_load_stopped(f->c, node1);
	struct pe_action *start1 = pe_action_custom(f->c, a, "a_start_0", "start", node1, false);
	struct pe_action *start2 = pe_action_custom(f->c, a, "a_start_0", "start", node2, false);
	struct pe_action *migrate =
		pe_action_custom(f->c, a, "a_migrate_to_0", "migrate_to", node2, false);

	assert_true(pe_utilization_load_input_kept(ls1, start1));
	assert_false(pe_utilization_load_input_kept(ls1, start2));
	/* migrate_to runs on the source but loads the target. */
	a->assigned = node1;
	assert_true(pe_utilization_load_input_kept(ls1, migrate));
	a->assigned = NULL;
	assert_false(pe_utilization_load_input_kept(ls1, migrate));
	start1->flags |= PE_ACT_OPTIONAL;
	assert_false(pe_utilization_load_input_kept(start1, ls1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(colocated_sum_covers_group_and_dependents, setup,
						teardown),
		cmocka_unit_test_setup_teardown(assigned_resources_are_not_summed, setup, teardown),
		cmocka_unit_test_setup_teardown(bans_nodes_without_room_for_the_set, setup,
						teardown),
		cmocka_unit_test_setup_teardown(no_room_anywhere_prefers_most_free, setup,
						teardown),
		cmocka_unit_test_setup_teardown(consume_and_release_follow_strategy, setup,
						teardown),
		cmocka_unit_test_setup_teardown(load_orderings, setup, teardown),
		cmocka_unit_test_setup_teardown(load_input_kept_only_on_same_node, setup, teardown),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
