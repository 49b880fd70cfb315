/* sim_inject_node(), sim_inject_op(), sim_inject_quorum(): crm_simulate
 * -u/-d/-f/-i/-q on a CIB (expected values from crm_simulate 2.1.5). */
#include "test_xml.h"
#include <crm/transition/simulate.h>

static const char cib_text[] =
	"<cib><configuration><nodes><node id=\"u1\" uname=\"n1\"/><node id=\"u2\" "
	"uname=\"n2\"/></nodes>"
	"<resources><template id=\"t\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"/>"
	"<primitive id=\"r1\" class=\"ocf\" provider=\"heartbeat\" type=\"apache\"/>"
	"<primitive id=\"r2\" template=\"t\"/>"
	"<clone id=\"c\"><primitive id=\"cr\" class=\"lsb\" "
	"type=\"httpd\"/></clone></resources></configuration>"
	"<status><node_state id=\"u2\" uname=\"n2\" in_ccm=\"true\" crmd=\"online\" "
	"join=\"member\" expected=\"member\">"
	"<lrm id=\"u2\"/><transient_attributes id=\"u2\"/></node_state></status></cib>";

struct fixture {
	xmlNode *cib;
	char *out;
	size_t len;
	FILE *stream;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->cib = test_parse(cib_text);
	f->stream = open_memstream(&f->out, &f->len);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fclose(f->stream);
	free(f->out);
	pcmk_xml_free(f->cib);
	free(f);
	return 0;
}

static const char *printed(struct fixture *f)
{
	fflush(f->stream);
	return f->out;
}

static xmlNode *state_of(xmlNode *cib, const char *id)
{
	return pcmk_xml_find_id(cib, "node_state", id);
}

static void test_nodes(void **state)
{
	struct fixture *f = *state;
	xmlNode *st = NULL;

	assert_int_equal(sim_inject_node(f->cib, "n3", SIM_NODE_UP, f->stream), 0);
	assert_int_equal(sim_inject_node(f->cib, "n2", SIM_NODE_DOWN, f->stream), 0);
	assert_int_equal(sim_inject_node(f->cib, "n1", SIM_NODE_FAIL, f->stream), 0);
	assert_string_equal(
		printed(f),
		"  * Bringing node n3 online\n  * Taking node n2 offline\n  * Failing node n1\n");
	assert_non_null(pcmk_xml_find_id(f->cib, "node", "n3"));
	st = state_of(f->cib, "n3");
	assert_string_equal(pcmk_xml_attr(st, "crmd"), "online");
	assert_string_equal(pcmk_xml_attr(st, "crm-debug-origin"), "crm_simulate");
	st = state_of(f->cib, "u2");
	assert_string_equal(pcmk_xml_attr(st, "in_ccm"), "false");
	assert_string_equal(pcmk_xml_attr(st, "join"), "down");
	assert_null(pcmk_xml_first_child(st, NULL));
	st = state_of(f->cib, "u1");
	assert_string_equal(pcmk_xml_attr(st, "in_ccm"), "false");
	assert_string_equal(pcmk_xml_attr(st, "crmd"), "online");
	assert_int_equal(sim_inject_node(f->cib, NULL, SIM_NODE_UP, NULL), -EINVAL);
	assert_int_equal(sim_inject_node(NULL, "n1", SIM_NODE_UP, NULL), -EINVAL);
}

static void test_op(void **state)
{
	struct fixture *f = *state;
	xmlNode *op = NULL;
	xmlNode *rsc = NULL;

	assert_int_equal(sim_inject_op(f->cib, "r1_monitor_10000@n1=1", f->stream, NULL), 0);
	op = pcmk_xml_find_id(f->cib, "lrm_rsc_op", "r1_last_failure_0");
	assert_non_null(op);
	assert_string_equal(pcmk_xml_attr(op, "operation_key"), "r1_monitor_10000");
	assert_string_equal(pcmk_xml_attr(op, "interval"), "10000");
	assert_string_equal(pcmk_xml_attr(op, "exit-reason"), "Simulated action result");
	assert_null(pcmk_xml_attr(op, "op-digest"));
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(f->cib, "nvpair", "u1-fail-count-r1.monitor_10000"),
			      "value"),
		"1");
	assert_non_null(
		strstr(printed(f), "  * Injecting r1_monitor_10000@n1=1 into the configuration\n"));
	assert_int_equal(sim_inject_op(f->cib, "r2_migrate_to_0@n2=0", NULL, NULL), 0);
	rsc = pcmk_xml_find_id(state_of(f->cib, "u2"), "lrm_resource", "r2");
	assert_string_equal(pcmk_xml_attr(rsc, "type"), "apache");
	assert_non_null(pcmk_xml_find_id(rsc, "lrm_rsc_op", "r2_migrate_to_0"));
	assert_int_equal(sim_inject_op(f->cib, "cr:1_start_0@n2=0", NULL, NULL), 0);
	rsc = pcmk_xml_find_id(state_of(f->cib, "u2"), "lrm_resource", "cr:1");
	assert_string_equal(pcmk_xml_attr(rsc, "class"), "lsb");
}

static void test_op_errors(void **state)
{
	struct fixture *f = *state;
	char *err = NULL;
	size_t len = 0;
	FILE *stream = open_memstream(&err, &len);

	assert_int_equal(sim_inject_op(f->cib, "nosuch_start_0@n1=0", NULL, stream), -EINVAL);
	assert_int_equal(sim_inject_op(f->cib, "r1_start_0@n1", NULL, stream), -EINVAL);
	assert_int_equal(sim_inject_op(f->cib, "r1start@n1=0", NULL, stream), -EINVAL);
	assert_int_equal(sim_inject_op(f->cib, "r1_start_x@n1=0", NULL, stream), -EINVAL);
	fclose(stream);
	assert_non_null(strstr(err, "Invalid resource name: nosuch\n"));
	assert_non_null(strstr(err, "Invalid operation spec: r1_start_0@n1 "));
	assert_null(pcmk_xml_find_id(f->cib, "lrm_resource", "nosuch"));
	free(err);
}

static void test_quorum(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(sim_inject_quorum(f->cib, "false", f->stream), 0);
	assert_string_equal(pcmk_xml_attr(f->cib, "have-quorum"), "false");
	assert_string_equal(printed(f), "  * Setting quorum: false\n");
	assert_int_equal(sim_inject_quorum(f->cib, NULL, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nodes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_op, setup, teardown),
		cmocka_unit_test_setup_teardown(test_op_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quorum, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
