/* transition_graph_unpack(): fields of a good graph, errors naming the
 * part of a bad one. */
#include "test_xml.h"

#define HEAD "<transition_graph cluster-delay=\"60s\" transition_id=\"3\">"

static const char good[] =
	"<transition_graph cluster-delay=\"2min\" stonith-timeout=\"90s\" "
	"failed-stop-offset=\"INFINITY\" "
	"failed-start-offset=\"1\" batch-limit=\"4\" migration-limit=\"2\" transition_id=\"7\">"
	"<synapse id=\"0\" priority=\"5\"><action_set>"
	"<rsc_op id=\"4\" operation=\"monitor\" operation_key=\"r_monitor_10000\" on_node=\"n1\" "
	"on_node_uuid=\"u1\" router_node=\"n2\"><primitive id=\"r\" class=\"ocf\" provider=\"p\" "
	"type=\"t\"/>"
	"<attributes CRM_meta_interval=\"10000\" CRM_meta_timeout=\"20000\" "
	"CRM_meta_start_delay=\"5\" "
	"CRM_meta_can_fail=\"true\" ip=\"1.2.3.4\"/></rsc_op></action_set>"
	"<inputs><trigger><pseudo_event id=\"9\" operation=\"start\"/></trigger></inputs></synapse>"
	"<synapse id=\"1\"><action_set><pseudo_event id=\"9\" operation=\"start\" "
	"operation_key=\"g_start_0\"/>"
	"</action_set><inputs/></synapse>"
	"<synapse id=\"2\"><action_set><crm_event id=\"11\" operation=\"stonith\" "
	"operation_key=\"stonith-n1-reboot\" "
	"on_node=\"n1\"><attributes "
	"CRM_meta_stonith_action=\"reboot\"/></crm_event></action_set></synapse>"
	"</transition_graph>";

static void test_good(void **state)
{
	struct transition_graph *g = test_graph(good);
	struct transition_action *a = transition_graph_action(g, 4);

	(void)state;
	assert_int_equal(g->id, 7);
	assert_int_equal(g->cluster_delay_ms, 120000);
	assert_int_equal(g->stonith_timeout_ms, 90000);
	assert_int_equal(g->batch_limit, 4);
	assert_int_equal(g->migration_limit, 2);
	assert_string_equal(g->failed_stop_offset, "INFINITY");
	assert_int_equal(g->n_synapses, 3);
	assert_int_equal(g->n_actions, 3);
	assert_int_equal(g->synapses[0]->priority, 5);
	assert_int_equal(g->synapses[0]->n_inputs, 1);
	assert_int_equal(g->synapses[0]->inputs[0].id, 9);
	assert_non_null(a);
	assert_int_equal(a->type, TRANSITION_RSC_OP);
	assert_string_equal(a->operation_key, "r_monitor_10000");
	assert_string_equal(a->on_node_uuid, "u1");
	assert_string_equal(a->router_node, "n2");
	assert_int_equal(a->interval_ms, 10000);
	assert_int_equal(a->timeout_ms, 20005);
	assert_true(a->can_fail);
	assert_string_equal(pcmk_xml_attr(a->primitive, "type"), "t");
	assert_string_equal(transition_action_param(a, "ip"), "1.2.3.4");
	assert_ptr_equal(a->synapse, g->synapses[0]);
	assert_int_equal(transition_graph_action(g, 9)->type, TRANSITION_PSEUDO_EVENT);
	assert_int_equal(transition_graph_action(g, 11)->type, TRANSITION_CRM_EVENT);
	assert_null(transition_graph_action(g, 5));
	transition_graph_free(g);
}

static void test_defaults(void **state)
{
	struct transition_graph *g = test_graph(HEAD "</transition_graph>");

	(void)state;
	assert_int_equal(g->stonith_timeout_ms, 60000);
	assert_int_equal(g->batch_limit, 0);
	assert_int_equal(g->migration_limit, -1);
	assert_int_equal(g->n_synapses, 0);
	transition_graph_free(g);
	transition_graph_free(NULL);
}

/* Unpacking @text fails with a message containing @words. */
static void expect_error(const char *text, const char *words)
{
	xmlNode *xml = test_parse(text);
	struct transition_graph *g = NULL;
	char *error = NULL;

	assert_int_equal(transition_graph_unpack(xml, &g, &error), -EINVAL);
	assert_null(g);
	assert_non_null(error);
	if (strstr(error, words) == NULL) {
		fail_msg("'%s' does not say '%s'", error, words);
	}
	free(error);
	pcmk_xml_free(xml);
}

static void test_bad_header(void **state)
{
	(void)state;
	expect_error("<graph/>", "not a <transition_graph>");
	expect_error("<transition_graph cluster-delay=\"60s\"/>", "transition_id");
	expect_error("<transition_graph transition_id=\"x\" cluster-delay=\"60s\"/>",
		     "transition_id");
	expect_error("<transition_graph transition_id=\"1\"/>", "cluster-delay");
	expect_error("<transition_graph transition_id=\"1\" cluster-delay=\"soon\"/>",
		     "cluster-delay 'soon'");
	expect_error("<transition_graph transition_id=\"1\" cluster-delay=\"1s\" "
		     "stonith-timeout=\"x\"/>",
		     "stonith-timeout");
}

static void test_bad_synapses(void **state)
{
	(void)state;
	expect_error(HEAD "<synapse><action_set><pseudo_event id=\"1\" "
			  "operation=\"x\"/></action_set></synapse>"
			  "</transition_graph>",
		     "synapse #1");
	expect_error(HEAD "<synapse id=\"4\" priority=\"high\"/></transition_graph>",
		     "synapse 4: priority 'high'");
	expect_error(HEAD "<synapse id=\"4\"><action_set/></synapse></transition_graph>",
		     "synapse 4 has no action");
	expect_error(
		HEAD
		"<synapse id=\"5\"><action_set><rsc_op operation=\"start\"/></action_set></synapse>"
		"</transition_graph>",
		"synapse 5: <rsc_op> without a valid id");
	expect_error(HEAD "<synapse id=\"5\"><action_set><bogus "
			  "id=\"1\"/></action_set></synapse></transition_graph>",
		     "synapse 5: <bogus> is no graph action");
	expect_error(HEAD
		     "<synapse id=\"6\"><action_set><crm_event id=\"2\"/></action_set></synapse>"
		     "</transition_graph>",
		     "synapse 6: action 2 has no operation");
	expect_error(HEAD "<synapse id=\"1\"><action_set><pseudo_event id=\"2\" "
			  "operation=\"a\"/></action_set></synapse>"
			  "<synapse id=\"2\"><action_set><pseudo_event id=\"2\" "
			  "operation=\"b\"/></action_set></synapse>"
			  "</transition_graph>",
		     "synapse 2: action id 2 is used twice");
	expect_error(HEAD "<synapse id=\"1\"><action_set><pseudo_event id=\"2\" "
			  "operation=\"a\"/></action_set>"
			  "<inputs><trigger><rsc_op "
			  "id=\"8\"/></trigger></inputs></synapse></transition_graph>",
		     "synapse 1: input 8 is no action");
	expect_error(HEAD "<synapse id=\"1\"><action_set><pseudo_event id=\"2\" "
			  "operation=\"a\"/></action_set>"
			  "<inputs><trigger><rsc_op "
			  "id=\"x\"/></trigger></inputs></synapse></transition_graph>",
		     "synapse 1: trigger <rsc_op>");
}

static void test_bad_args(void **state)
{
	xmlNode *xml = test_parse(HEAD "</transition_graph>");

	(void)state;
	assert_int_equal(transition_graph_unpack(xml, NULL, NULL), -EINVAL);
	assert_int_equal(transition_graph_unpack(NULL, NULL, NULL), -EINVAL);
	pcmk_xml_free(xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),       cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_bad_header), cmocka_unit_test(test_bad_synapses),
		cmocka_unit_test(test_bad_args),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
