/*
 * The "Node List" section: name order, the states shown on lines of their
 * own, and node health.  The expected texts were checked against
 * pacemaker 2.1.5's crm_simulate on the same CIBs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>

#include "../pe_status_text_private.h"
#include "status_text_testutil.h"

static void names_sort_numerically(void **state)
{
	(void)state;
	assert_true(pe_st_name_cmp("node2", "node10") < 0);
	assert_true(pe_st_name_cmp("node10", "node2") > 0);
	assert_true(pe_st_name_cmp("Node1", "node1") == 0);
	assert_true(pe_st_name_cmp("a7", "a007") < 0);
	assert_true(pe_st_name_cmp("abc", "abd") < 0);
	assert_true(pe_st_name_cmp("node", "node1") < 0);
	assert_true(pe_st_name_cmp("node1-a", "node1") > 0);
}

static void online_nodes_in_name_order(void **state)
{
	char *s1 = stt_state(1, "node10", ""), *s2 = stt_state(2, "node2", "");
	char *s3 = stt_state(3, "node1", "");
	char *status = g_strconcat(s1, s2, s3, NULL);

	(void)state;
	stt_assert_status(
		stt_cib("",
			"<node id=\"1\" uname=\"node10\"/><node id=\"2\" uname=\"node2\"/>"
			"<node id=\"3\" uname=\"node1\"/>",
			"", status),
		"  * Node List:\n"
		"    * Online: [ node1 node2 node10 ]\n"
		"\n"
		"  * Full List of Resources:\n"
		"    * No resources\n");
	g_free(s1);
	g_free(s2);
	g_free(s3);
	g_free(status);
}

/* standby, maintenance and offline nodes */
static void special_states(void **state)
{
	const char *nodes =
		"<node id=\"1\" uname=\"node1\"/>"
		"<node id=\"2\" uname=\"node2\"><instance_attributes id=\"n2\">"
		"<nvpair id=\"n2-s\" name=\"standby\" value=\"on\"/></instance_attributes></node>"
		"<node id=\"3\" uname=\"node3\"/>"
		"<node id=\"5\" uname=\"node5\"><instance_attributes id=\"n5\">"
		"<nvpair id=\"n5-m\" name=\"maintenance\" "
		"value=\"true\"/></instance_attributes></node>";
	char *s1 = stt_state(1, "node1", ""), *s2 = stt_state(2, "node2", "");
	char *s5 = stt_state(5, "node5", "");
	char *status = g_strconcat(s1, s2, s5, NULL);

	(void)state;
	stt_assert_status(stt_cib("", nodes, "", status), "  * Node List:\n"
							  "    * Node node2: standby\n"
							  "    * Node node5: maintenance\n"
							  "    * Online: [ node1 ]\n"
							  "    * OFFLINE: [ node3 ]\n"
							  "\n"
							  "  * Full List of Resources:\n"
							  "    * No resources\n");
	g_free(s1);
	g_free(s2);
	g_free(s5);
	g_free(status);
}

static char *health_state(int id, const char *uname, const char *value)
{
	return g_strdup_printf(
		"<node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" crmd=\"online\" "
		"join=\"member\" expected=\"member\"><transient_attributes id=\"%d\">"
		"<instance_attributes id=\"t%d\"><nvpair id=\"t%d-h\" "
		"name=\"#health-disk\" value=\"%s\"/></instance_attributes>"
		"</transient_attributes></node_state>",
		id, uname, id, id, id, value);
}

static void health_shown_when_not_green(void **state)
{
	char *s1 = health_state(1, "node1", "red"), *s2 = health_state(2, "node2", "yellow");
	char *s3 = health_state(3, "node3", "green");
	char *status = g_strconcat(s1, s2, s3, NULL);

	(void)state;
	stt_assert_status(stt_cib("<nvpair id=\"opts-h\" name=\"node-health-strategy\" "
				  "value=\"migrate-on-red\"/>",
				  "<node id=\"1\" uname=\"node1\"/><node id=\"2\" uname=\"node2\"/>"
				  "<node id=\"3\" uname=\"node3\"/>",
				  "", status),
			  "  * Node List:\n"
			  "    * Node node1: online (health is RED)\n"
			  "    * Node node2: online (health is YELLOW)\n"
			  "    * Online: [ node3 ]\n"
			  "\n"
			  "  * Full List of Resources:\n"
			  "    * No resources\n");
	g_free(s1);
	g_free(s2);
	g_free(s3);
	g_free(status);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_sort_numerically),
		cmocka_unit_test(online_nodes_in_name_order),
		cmocka_unit_test(special_states),
		cmocka_unit_test(health_shown_when_not_green),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
