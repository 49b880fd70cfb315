/* sim_history_record() and sim_inject_failcount(): where results land
 * and what they say, as the controller records them. */
#include "test_xml.h"
#include "../sim_private.h"

static xmlNode *rsc_of(xmlNode *cib)
{
	const char *why = NULL;
	xmlNode *state = sim_node_state(cib, "n1", NULL);
	xmlNode *rsc = sim_lrm_resource(NULL, state, "r", "r", "ocf", "heartbeat", "Dummy", &why);

	assert_non_null(rsc);
	return rsc;
}

static xmlNode *entry(xmlNode *rsc, const char *id)
{
	return pcmk_xml_find_id(rsc, "lrm_rsc_op", id);
}

static void test_success_and_probe(void **state)
{
	xmlNode *cib = test_parse("<cib><configuration><nodes><node id=\"u1\" "
				  "uname=\"n1\"/></nodes></configuration></cib>");
	xmlNode *rsc = rsc_of(cib);
	struct sim_op probe = { .rsc = "r", .task = "monitor", .rc = 7, .target_rc = 7, .now = 42 };
	struct sim_op start = { .rsc = "r", .task = "start", .now = 43 };
	xmlNode *e = NULL;

	(void)state;
	assert_string_equal(pcmk_xml_attr(pcmk_xml_find_id(cib, "node_state", "u1"), "uname"),
			    "n1");
	assert_int_equal(sim_history_record(rsc, &probe), 0);
	e = entry(rsc, "r_last_0");
	assert_string_equal(pcmk_xml_attr(e, "rc-code"), "7");
	assert_string_equal(pcmk_xml_attr(e, "transition-key"),
			    "1:-1:7:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
	assert_string_equal(pcmk_xml_attr(e, "transition-magic"),
			    "0:7;1:-1:7:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
	assert_int_equal(sim_history_record(rsc, &start), 0);
	assert_ptr_equal(entry(rsc, "r_last_0"), e);
	assert_string_equal(pcmk_xml_attr(e, "operation_key"), "r_start_0");
	assert_string_equal(pcmk_xml_attr(e, "call-id"), "2");
	assert_string_equal(pcmk_xml_attr(e, "last-rc-change"), "43");
	assert_string_equal(pcmk_xml_attr(e, "exit-reason"), "");
	assert_null(pcmk_xml_attr(e, "op-digest"));
	pcmk_xml_free(cib);
}

static void test_failure_recurring_notify(void **state)
{
	xmlNode *cib = test_parse("<cib><status/></cib>");
	xmlNode *rsc = rsc_of(cib);
	xmlNode *params = test_parse(
		"<attributes CRM_meta_notify_type=\"post\" CRM_meta_notify_operation=\"start\"/>");
	struct sim_op fail = { .rsc = "r", .task = "start", .rc = 1, .exit_reason = "boom" };
	struct sim_op mon = { .rsc = "r", .task = "monitor", .interval_ms = 10000 };
	struct sim_op notify = { .rsc = "r", .task = "notify", .rc = 1, .params = params };
	struct sim_op reload = { .rsc = "r", .task = "reload-agent" };

	(void)state;
	assert_int_equal(sim_history_record(rsc, &fail), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_last_failure_0"), "exit-reason"), "boom");
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_last_0"), "rc-code"), "1");
	assert_int_equal(sim_history_record(rsc, &mon), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_monitor_10000"), "interval"), "10000");
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_monitor_10000"), "call-id"), "2");
	assert_int_equal(sim_history_record(rsc, &notify), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_post_notify_start_0"), "rc-code"), "0");
	assert_non_null(pcmk_xml_attr(entry(rsc, "r_post_notify_start_0"), "op-digest"));
	assert_int_equal(sim_history_record(rsc, &reload), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_last_0"), "operation"), "start");
	pcmk_xml_free(params);
	pcmk_xml_free(cib);
}

/* The digest is pacemaker's: meta-attributes out (a recurring op keeps
 * its timeout), names sorted.  Values from crm_simulate 2.1.5. */
static void test_digest(void **state)
{
	xmlNode *cib = test_parse("<cib><status/></cib>");
	xmlNode *rsc = rsc_of(cib);
	xmlNode *none =
		test_parse("<attributes CRM_meta_timeout=\"20000\" CRM_meta_on_node=\"n1\"/>");
	xmlNode *old = test_parse("<attributes CRM_meta_timeout=\"10000\"><param name=\"1\" "
				  "value=\"192.168.100.182\"/></attributes>");
	struct sim_op op = { .rsc = "r", .task = "start", .params = none };

	(void)state;
	assert_int_equal(sim_history_record(rsc, &op), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_last_0"), "op-digest"),
			    "f2317cad3d54cec5d7d7aa7d0bf35cf8");
	op.params = old;
	assert_int_equal(sim_history_record(rsc, &op), 0);
	assert_string_equal(pcmk_xml_attr(entry(rsc, "r_last_0"), "op-digest"),
			    "228e5b6a6590df0e8af9a9964014ed59");
	pcmk_xml_free(none);
	pcmk_xml_free(old);
	pcmk_xml_free(cib);
}

static void test_failcount(void **state)
{
	xmlNode *cib =
		test_parse("<cib><status><node_state id=\"u1\" uname=\"n1\"/></status></cib>");
	xmlNode *st = sim_node_state(cib, "n1", NULL);
	struct sim_op op = { .rsc = "r:0", .task = "monitor", .interval_ms = 0, .rc = 7, .now = 5 };
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	(void)state;
	sim_inject_failcount(st, "r:0", &op, out);
	assert_null(pcmk_xml_first_child(st, "transient_attributes"));
	op.rc = 1;
	sim_inject_failcount(st, "r:0", &op, out);
	sim_inject_failcount(st, "r:0", &op, out);
	fclose(out);
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(cib, "nvpair", "u1-fail-count-r.0.monitor_0"),
			      "value"),
		"2");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(cib, "nvpair", "u1-last-failure-r.0.monitor_0"),
			      "value"),
		"5");
	assert_non_null(strstr(text, "  * Injecting attribute fail-count-r:0#monitor_0=value++ "
				     "into /node_state 'u1'\n"));
	free(text);
	pcmk_xml_free(cib);
}

static void test_unknown_agent(void **state)
{
	xmlNode *cib = test_parse("<cib><status/></cib>");
	xmlNode *st = sim_node_state(cib, "n1", NULL);
	const char *why = NULL;

	(void)state;
	assert_null(sim_lrm_resource(NULL, st, "r", "r", NULL, NULL, "Dummy", &why));
	assert_non_null(why);
	assert_null(sim_lrm_resource(NULL, st, "r", "r", "ocf", NULL, "Dummy", &why));
	assert_non_null(sim_lrm_resource(NULL, st, "r", "r", "lsb", NULL, "httpd", &why));
	pcmk_xml_free(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_success_and_probe),
		cmocka_unit_test(test_failure_recurring_notify),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_failcount),
		cmocka_unit_test(test_unknown_agent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
