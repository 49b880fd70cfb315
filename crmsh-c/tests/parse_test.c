/* crmconf_parse(): the XML a line makes, and syntax errors with their
 * token, position and what was expected. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml.h>

#include "golden.h"

static char *xml_of(const char *line)
{
	struct crmconf_cmd *cmd = NULL;
	struct crmconf_error err = { 0 };
	char *text = NULL;

	assert_int_equal(crmconf_parse(line, NULL, NULL, &cmd, &err), 0);
	text = pcmk_xml_to_string(crmconf_cmd_xml(cmd), false);
	crmconf_cmd_free(cmd);
	return text;
}

static void expect_xml(const char *line, const char *xml)
{
	char *text = xml_of(line);

	assert_string_equal(text, xml);
	free(text);
}

static void primitive_ids(void **state)
{
	(void)state;
	expect_xml("primitive vip IPaddr2 params ip=10.0.0.1 op monitor interval=10s",
		   "<primitive id=\"vip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
		   "<instance_attributes id=\"vip-instance_attributes\"><nvpair name=\"ip\" "
		   "value=\"10.0.0.1\" id=\"vip-instance_attributes-ip\"/></instance_attributes>"
		   "<operations><op name=\"monitor\" interval=\"10s\" id=\"vip-monitor-10s\"/>"
		   "</operations></primitive>");
	expect_xml("primitive st stonith:external/ssh",
		   "<primitive id=\"st\" class=\"stonith\" type=\"external/ssh\"/>");
}

static void op_params_and_default_interval(void **state)
{
	(void)state;
	expect_xml(
		"primitive fs Filesystem op start timeout=60s requires=fencing",
		"<primitive id=\"fs\" class=\"ocf\" provider=\"heartbeat\" type=\"Filesystem\">"
		"<operations><op name=\"start\" timeout=\"60s\" interval=\"0\" id=\"fs-start-0\">"
		"<instance_attributes id=\"fs-start-0-instance_attributes\"><nvpair "
		"name=\"requires\" value=\"fencing\" "
		"id=\"fs-start-0-instance_attributes-requires\"/></instance_attributes></op>"
		"</operations></primitive>");
}

static void location_rule_ids(void **state)
{
	(void)state;
	expect_xml(
		"location l web rule -inf: not_defined pingd or pingd lte 0",
		"<rsc_location id=\"l\" rsc=\"web\"><rule score=\"-INFINITY\" id=\"l-rule\" "
		"boolean-op=\"or\"><expression id=\"l-rule-expression\" operation=\"not_defined\" "
		"attribute=\"pingd\"/><expression id=\"l-rule-expression-0\" attribute=\"pingd\" "
		"operation=\"lte\" value=\"0\"/></rule></rsc_location>");
}

static void colocation_sets(void **state)
{
	(void)state;
	expect_xml("colocation c inf: [ a b ] d",
		   "<rsc_colocation id=\"c\" score=\"INFINITY\"><resource_set "
		   "require-all=\"false\" sequential=\"false\" id=\"c-0\"><resource_ref id=\"a\"/>"
		   "<resource_ref id=\"b\"/></resource_set><resource_set id=\"c-1\">"
		   "<resource_ref id=\"d\"/></resource_set></rsc_colocation>");
	expect_xml("order o 0: a:start b:stop symmetrical=false",
		   "<rsc_order id=\"o\" kind=\"Optional\" symmetrical=\"false\" first=\"a\" "
		   "first-action=\"start\" then=\"b\" then-action=\"stop\"/>");
}

static void expect_error(const char *line, const char *token, size_t pos, const char *text)
{
	struct crmconf_cmd *cmd = NULL;
	struct crmconf_error err = { 0 };
	char *msg = NULL;

	assert_int_equal(crmconf_parse(line, NULL, NULL, &cmd, &err), -EINVAL);
	assert_null(cmd);
	assert_string_equal(err.token, token);
	assert_int_equal(err.pos, pos);
	msg = crmconf_error_text(&err);
	assert_string_equal(msg, text);
	g_free(msg);
	crmconf_error_clear(&err);
}

static void syntax_errors(void **state)
{
	(void)state;
	expect_error("location l2 web 100 node1", "100", 16,
		     "syntax in location: expected <score>: <node> or <rule> [<rule> ...] near "
		     "<100> parsing 'location l2 web 100 node1'");
	expect_error("colocation c1 web web", "web", 14,
		     "syntax in colocation: Expected <score>: near <web> parsing "
		     "'colocation c1 web web'");
	expect_error("primitive d Dummy op monitor interval", "interval", 29,
		     "syntax in primitive: expected params, meta, utilization or op near "
		     "<interval> parsing 'primitive d Dummy op monitor interval'");
	expect_error("primitive", "", 9,
		     "syntax in primitive: expected <id> near <> parsing 'primitive'");
}

static void unknown_and_fuzzy_commands(void **state)
{
	struct crmconf_msgs *msgs = crmconf_msgs_new();
	struct crmconf_cmd *cmd = NULL;
	struct crmconf_error err = { 0 };
	struct crmconf_msg *m = NULL;

	(void)state;
	assert_int_equal(crmconf_parse("frobnicate x", NULL, msgs, &cmd, &err), -ENOENT);
	assert_string_equal(err.command, "frobnicate");
	crmconf_error_clear(&err);
	assert_int_equal(crmconf_parse("primtive d Dummy", NULL, msgs, &cmd, &err), 0);
	assert_string_equal(crmconf_cmd_name(cmd), "primitive");
	m = g_ptr_array_index(msgs->list, 0);
	assert_string_equal(m->text, "\"primtive\" is accepted as \"primitive\"");
	crmconf_cmd_free(cmd);
	crmconf_msgs_free(msgs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(primitive_ids),
		cmocka_unit_test(op_params_and_default_interval),
		cmocka_unit_test(location_rule_ids),
		cmocka_unit_test(colocation_sets),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(unknown_and_fuzzy_commands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
