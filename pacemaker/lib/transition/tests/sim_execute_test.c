/* sim_graph_execute(): the lines crm_simulate prints and the status it
 * leaves, on hand-made graphs. */
#include "test_xml.h"
#include <crm/transition/simulate.h>

static const char cib_text[] =
	"<cib><configuration><nodes><node id=\"u1\" uname=\"n1\"/><node id=\"u2\" "
	"uname=\"n2\"/></nodes></configuration>"
	"<status><node_state id=\"u2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" "
	"join=\"member\" expected=\"member\">"
	"<lrm id=\"u2\"><lrm_resources><lrm_resource id=\"old\" class=\"ocf\" provider=\"p\" "
	"type=\"t\">"
	"<lrm_rsc_op id=\"old_last_0\" call-id=\"9\"/></lrm_resource>"
	"<lrm_resource id=\"known\" class=\"ocf\" provider=\"p\" type=\"t\"/></lrm_resources></lrm>"
	"<transient_attributes id=\"u2\"/></node_state></status></cib>";

#define PRIM(id, extra) \
	"<primitive id=\"" id "\" " extra " class=\"ocf\" provider=\"p\" type=\"t\"/>"
#define SYN(id, action, inputs)                                                      \
	"<synapse id=\"" #id "\"><action_set>" action "</action_set><inputs>" inputs \
	"</inputs></synapse>"

static const char graph_text[] = "<transition_graph cluster-delay=\"60s\" transition_id=\"0\">" SYN(
	0,
	"<rsc_op id=\"1\" operation=\"monitor\" operation_key=\"r_monitor_0\" on_node=\"n1\" "
	"on_node_uuid=\"u1\">" PRIM("r", "") "<attributes CRM_meta_op_target_rc=\"7\"/></rsc_op>",
	"") SYN(1,
		"<rsc_op id=\"2\" operation=\"start\" operation_key=\"r_start_0\" on_node=\"n1\" "
		"on_node_uuid=\"u1\">" PRIM("r", "") "<attributes/></rsc_op>",
		"<trigger><rsc_op id=\"1\"/></trigger>")
	SYN(2,
	    "<rsc_op id=\"3\" operation=\"monitor\" operation_key=\"r_monitor_10000\" "
	    "on_node=\"n1\" on_node_uuid=\"u1\">" PRIM(
		    "r", "") "<attributes CRM_meta_interval=\"10000\"/></rsc_op>",
	    "<trigger><rsc_op id=\"2\"/></trigger>")
		SYN(3,
		    "<rsc_op id=\"4\" operation=\"start\" operation_key=\"c:1_start_0\" "
		    "on_node=\"n1\" on_node_uuid=\"u1\">" PRIM(
			    "c", "long-id=\"c:1\"") "<attributes/></rsc_op>",
		    "") SYN(4,
			    "<rsc_op id=\"5\" operation=\"stop\" operation_key=\"known_stop_0\" "
			    "on_node=\"n2\" on_node_uuid=\"u2\">" PRIM(
				    "known", "long-id=\"known:0\"") "<attributes/></rsc_op>",
			    "") SYN(5,
				    "<rsc_op id=\"6\" operation=\"stop\" "
				    "operation_key=\"old_stop_0\" on_node=\"n2\" "
				    "on_node_uuid=\"u2\">" PRIM("old", "") "<attributes/></rsc_op>",
				    "") SYN(6,
					    "<pseudo_event id=\"7\" operation=\"stonith\" "
					    "operation_key=\"stonith-n2-off\" on_node=\"n2\"/>",
					    "<trigger><rsc_op id=\"6\"/></trigger>")
			SYN(7,
			    "<crm_event id=\"8\" operation=\"stonith\" "
			    "operation_key=\"stonith-n2-off\" on_node=\"n2\">"
			    "<attributes CRM_meta_stonith_action=\"off\"/></crm_event>",
			    "<trigger><pseudo_event id=\"7\"/></trigger>")
				SYN(8,
				    "<crm_event id=\"9\" operation=\"do_shutdown\" "
				    "operation_key=\"do_shutdown-n1\" on_node=\"n1\"/>",
				    "<trigger><crm_event id=\"8\"/></trigger>")
					SYN(9,
					    "<crm_event id=\"10\" operation=\"clear_failcount\" "
					    "operation_key=\"r_clear_failcount_0\" "
					    "on_node=\"n1\">" PRIM("r", "") "</crm_event>",
					    "<trigger><crm_event id=\"9\"/></trigger>") "</"
											"transition"
											"_graph>";

struct run {
	xmlNode *cib;
	struct transition_graph *graph;
	char *out;
	int state;
};

static void run(struct run *r, const GList *failures)
{
	size_t len = 0;
	FILE *out = NULL;

	r->cib = test_parse(cib_text);
	r->graph = test_graph(graph_text);
	out = open_memstream(&r->out, &len);
	r->state = sim_graph_execute(r->cib, r->graph, failures, out, NULL);
	fclose(out);
}

static void run_free(struct run *r)
{
	free(r->out);
	transition_graph_free(r->graph);
	pcmk_xml_free(r->cib);
}

static void test_lines(void **state)
{
	struct run r = { 0 };

	(void)state;
	run(&r, NULL);
	assert_int_equal(r.state, TRANSITION_COMPLETE);
	/* Each action is confirmed as it runs, so r's start and monitor
	 * (later synapses) run in the same pass as r's probe. */
	assert_string_equal(r.out, "  * Resource action: r               monitor on n1\n"
				   "  * Resource action: r               start on n1\n"
				   "  * Resource action: r               monitor=10000 on n1\n"
				   "  * Resource action: c:1             start on n1\n"
				   "  * Resource action: known           stop on n2\n"
				   "  * Resource action: old             stop on n2\n"
				   "  * Pseudo action:   stonith-n2-off on n2\n"
				   "  * Fencing n2 (off)\n"
				   "  * Cluster action:  do_shutdown on n1\n"
				   "  * Cluster action:  clear_failcount for r on n1\n");
	run_free(&r);
}

static void test_status(void **state)
{
	struct run r = { 0 };
	xmlNode *n1 = NULL;
	xmlNode *n2 = NULL;

	(void)state;
	run(&r, NULL);
	n1 = pcmk_xml_find_id(r.cib, "node_state", "u1");
	assert_string_equal(pcmk_xml_attr(n1, "uname"), "n1");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(n1, "lrm_rsc_op", "r_last_0"), "operation_key"),
		"r_start_0");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(n1, "lrm_rsc_op", "r_last_0"), "call-id"), "2");
	assert_non_null(pcmk_xml_find_id(n1, "lrm_rsc_op", "r_monitor_10000"));
	/* A clone instance is recorded under the configured name. */
	assert_non_null(pcmk_xml_find_id(n1, "lrm_resource", "c"));
	assert_non_null(pcmk_xml_find_id(n1, "lrm_rsc_op", "c_last_0"));
	n2 = pcmk_xml_find_id(r.cib, "node_state", "u2");
	assert_string_equal(pcmk_xml_attr(n2, "crmd"), "offline");
	assert_string_equal(pcmk_xml_attr(n2, "crm-debug-origin"), "simulate_fencing_action");
	assert_null(pcmk_xml_first_child(n2, "lrm"));
	assert_null(pcmk_xml_first_child(n2, "transient_attributes"));
	run_free(&r);
}

static void test_failure(void **state)
{
	struct run r = { 0 };
	GList *failures = g_list_append(NULL, (gpointer) "r_start_0@n1=1");
	xmlNode *n1 = NULL;

	(void)state;
	run(&r, failures);
	assert_int_equal(r.state, TRANSITION_STOPPED);
	assert_non_null(strstr(
		r.out,
		"  * Resource action: r               start on n1\n"
		"Pretending action 2 failed with rc=1\n"
		"  * Injecting attribute fail-count-r#start_0=value++ into /node_state 'u1'\n"));
	assert_null(strstr(r.out, "monitor=10000"));
	n1 = pcmk_xml_find_id(r.cib, "node_state", "u1");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(n1, "lrm_rsc_op", "r_last_failure_0"), "rc-code"),
		"1");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(n1, "lrm_rsc_op", "r_last_0"), "exit-reason"),
		"User-injected result");
	g_list_free(failures);
	run_free(&r);
}

static void test_bad(void **state)
{
	xmlNode *cib = test_parse("<cib/>");
	xmlNode *other = test_parse("<status/>");
	struct transition_graph *g =
		test_graph("<transition_graph cluster-delay=\"60s\" transition_id=\"0\">" SYN(
			0, "<rsc_op id=\"1\" operation=\"start\" on_node=\"n1\"/>",
			"") SYN(1, "<pseudo_event id=\"2\" operation=\"x\"/>",
				"<trigger><rsc_op id=\"1\"/></trigger>") "</transition_graph>");
	char *err = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&err, &len);

	(void)state;
	assert_int_equal(sim_graph_execute(other, g, NULL, NULL, NULL), -EINVAL);
	assert_int_equal(sim_graph_execute(cib, NULL, NULL, NULL, NULL), -EINVAL);
	/* An action that cannot be simulated aborts the graph. */
	assert_int_equal(sim_graph_execute(cib, g, NULL, NULL, stream), TRANSITION_STOPPED);
	fclose(stream);
	assert_non_null(strstr(err, "Could not simulate action 1"));
	assert_false(transition_graph_action(g, 2)->executed);
	free(err);
	transition_graph_free(g);
	pcmk_xml_free(cib);
	pcmk_xml_free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_failure),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
