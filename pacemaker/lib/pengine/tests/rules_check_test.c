/*
 * pe_rule_check(): a good rule passes; each kind of problem is reported
 * with the rule, the element and the bad value.
 */
#include "rules_testutil.h"

#include <errno.h>

/* The message for the rule that is the root of @xml, or NULL if good. */
static char *check(const char *xml)
{
	xmlDoc *doc = rt_parse(xml);
	char *error = (char *)"untouched";
	int rc = pe_rule_check(xmlDocGetRootElement(doc), &error);

	xmlFreeDoc(doc);
	if (rc == 0) {
		assert_null(error);
		return NULL;
	}
	assert_int_equal(rc, -EINVAL);
	assert_non_null(error);
	return error;
}

static void expect_error(const char *xml, const char *want)
{
	char *error = check(xml);

	if ((error == NULL) || (strcmp(error, want) != 0)) {
		fail_msg("got \"%s\", want \"%s\"", error ? error : "(no error)", want);
	}
	free(error);
}

static void good_rules(void **state)
{
	(void)state;
	assert_null(check("<rule id=\"r\"/>"));
	assert_null(check(
		"<rule id=\"r\" boolean-op=\"or\" score=\"10\">"
		"<expression id=\"e\" attribute=\"a\" operation=\"gte\" value=\"1\" "
		"type=\"version\"/>"
		"<expression id=\"e2\" attribute=\"a\" operation=\"eq\" value=\"p\" "
		"value-source=\"param\"/>"
		"<date_expression id=\"d\" operation=\"in_range\" start=\"2005-001\">"
		"<duration id=\"du\" years=\"1\" weeks=\"2\"/></date_expression>"
		"<date_expression id=\"d2\" operation=\"date_spec\">"
		"<date_spec id=\"s\" hours=\"9-16\" weekdays=\"1-\" moon=\"-3\"/></date_expression>"
		"<rule id=\"n\"><op_expression id=\"o\" name=\"monitor\" interval=\"10s\"/>"
		"<rsc_expression id=\"x\" class=\"ocf\"/></rule></rule>"));
}

static void expression_problems(void **state)
{
	(void)state;
	expect_error("<rule id=\"r\"><expression id=\"e\" operation=\"eq\" value=\"1\"/></rule>",
		     "rule r: expression e: no attribute to test");
	expect_error("<rule id=\"r\"><expression id=\"e\" attribute=\"a\"/></rule>",
		     "rule r: expression e: no operation");
	expect_error(
		"<rule id=\"r\"><expression id=\"e\" attribute=\"a\" operation=\"like\"/></rule>",
		"rule r: expression e: unknown operation \"like\"");
	expect_error("<rule id=\"r\"><expression attribute=\"a\" operation=\"eq\" "
		     "type=\"float\"/></rule>",
		     "rule r: expression (no id): unknown type \"float\"");
	expect_error("<rule id=\"r\"><expression id=\"e\" attribute=\"a\" operation=\"eq\" "
		     "value-source=\"env\"/></rule>",
		     "rule r: expression e: unknown value-source \"env\"");
}

static void date_problems(void **state)
{
	(void)state;
	expect_error("<rule id=\"r1\"><date_expression id=\"d1\" operation=\"gt\" "
		     "start=\"2005-13-01\"/></rule>",
		     "rule r1: date_expression d1: start \"2005-13-01\" is not an ISO 8601 date");
	expect_error(
		"<rule id=\"r\"><date_expression id=\"d\" operation=\"lt\" end=\"soon\"/></rule>",
		"rule r: date_expression d: end \"soon\" is not an ISO 8601 date");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"in_range\"/></rule>",
		     "rule r: date_expression d: in_range needs a start or an end");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"gt\" "
		     "end=\"2005-001\"/></rule>",
		     "rule r: date_expression d: gt needs a start");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"lt\" "
		     "start=\"2005-001\"/></rule>",
		     "rule r: date_expression d: lt needs an end");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"after\" "
		     "start=\"2005-001\"/></rule>",
		     "rule r: date_expression d: unknown operation \"after\"");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"date_spec\">"
		     "<date_spec id=\"s\" hours=\"9-x\"/></date_expression></rule>",
		     "rule r: date_spec s: hours \"9-x\" is not a number or range");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" operation=\"date_spec\">"
		     "<date_spec id=\"s\" hour=\"9\"/></date_expression></rule>",
		     "rule r: date_spec s: unknown field \"hour\"");
	expect_error("<rule id=\"r\"><date_expression id=\"d\" start=\"2005-001\">"
		     "<duration id=\"du\" months=\"one\"/></date_expression></rule>",
		     "rule r: duration du: months \"one\" is not a number");
}

static void structure_problems(void **state)
{
	(void)state;
	expect_error("<rule id=\"r\" boolean-op=\"xor\"/>", "rule r: unknown boolean-op \"xor\"");
	expect_error("<rule id=\"r\"><expresion id=\"e\"/></rule>",
		     "rule r: unknown element <expresion>");
	expect_error("<rule id=\"r\"><rule id-ref=\"gone\"/></rule>",
		     "rule (no id): id-ref \"gone\" names no rule");
	expect_error("<rule id=\"r\"><rule id=\"n\"><op_expression id=\"o\" "
		     "interval=\"1s\"/></rule></rule>",
		     "rule n: op_expression o: no operation name");
	expect_error("<rule id=\"r\"><op_expression id=\"o\" name=\"monitor\" "
		     "interval=\"often\"/></rule>",
		     "rule r: op_expression o: interval \"often\" is not an interval");
	expect_error("<rule id=\"r\"><rule id-ref=\"r\"/></rule>",
		     "rule (no id): rules nested more than 64 deep (an id-ref loop?)");
}

static void not_a_rule(void **state)
{
	xmlDoc *doc = rt_parse("<expression id=\"e\"/>");
	char *error = NULL;

	(void)state;
	assert_int_equal(pe_rule_check(xmlDocGetRootElement(doc), &error), -EINVAL);
	assert_string_equal(error, "not a <rule> element");
	free(error);
	assert_int_equal(pe_rule_check(NULL, NULL), -EINVAL);
	assert_int_equal(pe_rule_check(xmlDocGetRootElement(doc), NULL), -EINVAL);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_rules),    cmocka_unit_test(expression_problems),
		cmocka_unit_test(date_problems), cmocka_unit_test(structure_problems),
		cmocka_unit_test(not_a_rule),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
