/*
 * pe_rule_eval(): and/or, empty and nested rules, id-ref rules, unknown
 * children, rsc_expression and op_expression; pe_rules_any() and
 * pe_rule_score().
 */
#include "rules_testutil.h"

#include <crm/common/scores.h>

#define YES "<expression id=\"y\" attribute=\"a\" operation=\"defined\"/>"
#define NO "<expression id=\"n\" attribute=\"zz\" operation=\"defined\"/>"

static GHashTable *node;

static int setup(void **state)
{
	(void)state;
	node = rt_attrs("a", "1", "weight", "250", "bad", "abc", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	g_hash_table_destroy(node);
	return 0;
}

static bool rule(const char *xml)
{
	struct pe_rule_input in = { .node_attrs = node };

	return rt_eval_at(xml, "2005-02-04", in);
}

static void and_or(void **state)
{
	(void)state;
	assert_true(rule("<rule id=\"r\">" YES YES "</rule>"));
	assert_false(rule("<rule id=\"r\">" YES NO "</rule>"));
	assert_false(rule("<rule id=\"r\" boolean-op=\"and\">" NO YES "</rule>"));
	assert_true(rule("<rule id=\"r\" boolean-op=\"or\">" NO YES "</rule>"));
	assert_true(rule("<rule id=\"r\" boolean-op=\"OR\">" YES NO "</rule>"));
	assert_false(rule("<rule id=\"r\" boolean-op=\"or\">" NO NO "</rule>"));
	/* any other boolean-op is "and" */
	assert_false(rule("<rule id=\"r\" boolean-op=\"xor\">" YES NO "</rule>"));
}

static void empty_rules(void **state)
{
	(void)state;
	assert_true(rule("<rule id=\"r\"/>"));
	assert_false(rule("<rule id=\"r\" boolean-op=\"or\"/>"));
	assert_true(rule("<rule id=\"r\">\n  <!-- nothing -->\n</rule>"));
}

static void nested(void **state)
{
	(void)state;
	assert_true(rule("<rule id=\"r\" boolean-op=\"or\">" NO "<rule id=\"r2\">" YES YES
			 "</rule></rule>"));
	assert_false(rule("<rule id=\"r\">" YES "<rule id=\"r2\" boolean-op=\"or\">" NO NO
			  "</rule></rule>"));
}

static void unknown_children_are_false(void **state)
{
	(void)state;
	assert_false(rule("<rule id=\"r\">" YES "<whatever id=\"w\"/></rule>"));
	assert_true(rule("<rule id=\"r\" boolean-op=\"or\"><whatever id=\"w\"/>" YES "</rule>"));
}

static void id_refs(void **state)
{
	const char *xml = "<constraints>"
			  "<rsc_location id=\"l1\"><rule id=\"shared\" score=\"50\">" YES
			  "</rule></rsc_location>"
			  "<rsc_location id=\"l2\"><rule id-ref=\"shared\"/></rsc_location>"
			  "<rsc_location id=\"l3\"><rule id-ref=\"missing\"/></rsc_location>"
			  "<rsc_location id=\"l4\"><rule id=\"loop\"><rule "
			  "id-ref=\"loop\"/></rule></rsc_location>"
			  "</constraints>";
	xmlDoc *doc = rt_parse(xml);
	struct pe_rule_input in = { .node_attrs = node, .now = rt_time("2005-02-04") };

	(void)state;
	assert_true(pe_rule_eval(pcmk_xml_first_child(rt_find(doc, "l2"), "rule"), &in));
	assert_int_equal(pe_rule_score(pcmk_xml_first_child(rt_find(doc, "l2"), "rule"), node), 50);
	assert_false(pe_rule_eval(pcmk_xml_first_child(rt_find(doc, "l3"), "rule"), &in));
	assert_int_equal(pe_rule_score(pcmk_xml_first_child(rt_find(doc, "l3"), "rule"), node), 0);
	/* a rule that refers to itself ends, false */
	assert_false(pe_rule_eval(rt_find(doc, "loop"), &in));
	assert_false(pe_rule_eval(NULL, &in));
	assert_false(pe_rule_eval(rt_find(doc, "shared"), NULL));
	xmlFreeDoc(doc);
}

static void rules_any(void **state)
{
	xmlDoc *doc = rt_parse("<sets>"
			       "<instance_attributes id=\"none\"/>"
			       "<instance_attributes id=\"one\"><rule id=\"r1\">" NO "</rule>"
			       "<rule id=\"r2\">" YES "</rule></instance_attributes>"
			       "<instance_attributes id=\"zero\"><rule id=\"r3\">" NO
			       "</rule></instance_attributes>"
			       "</sets>");
	struct pe_rule_input in = { .node_attrs = node };

	(void)state;
	assert_true(pe_rules_any(rt_find(doc, "none"), &in));
	assert_true(pe_rules_any(rt_find(doc, "one"), &in));
	assert_false(pe_rules_any(rt_find(doc, "zero"), &in));
	xmlFreeDoc(doc);
}

static int score_of(const char *attrs, GHashTable *attrs_table)
{
	char *xml = g_strdup_printf("<rule id=\"r\" %s/>", attrs);
	xmlDoc *doc = rt_parse(xml);
	int score = pe_rule_score(xmlDocGetRootElement(doc), attrs_table);

	xmlFreeDoc(doc);
	g_free(xml);
	return score;
}

static void scores(void **state)
{
	(void)state;
	assert_int_equal(score_of("score=\"INFINITY\"", node), PCMK_SCORE_INFINITY);
	assert_int_equal(score_of("score=\"-INFINITY\"", node), -PCMK_SCORE_INFINITY);
	assert_int_equal(score_of("score=\"100\"", node), 100);
	assert_int_equal(score_of("score=\"100\" score-attribute=\"weight\"", node), 100);
	assert_int_equal(score_of("score-attribute=\"weight\"", node), 250);
	assert_int_equal(score_of("score-attribute=\"bad\"", node), 0);
	assert_int_equal(score_of("score-attribute=\"missing\"", node), -PCMK_SCORE_INFINITY);
	assert_int_equal(score_of("score-attribute=\"weight\"", NULL), -PCMK_SCORE_INFINITY);
	assert_int_equal(score_of("", node), 0);
	assert_int_equal(pe_rule_score(NULL, node), 0);
}

static bool rsc_rule(const char *expr, const char *class, const char *provider, const char *type)
{
	char *xml = g_strdup_printf("<rule id=\"r\">%s</rule>", expr);
	struct pe_rule_input in = { .rsc_class = class,
				    .rsc_provider = provider,
				    .rsc_type = type };
	bool result = rt_eval_at(xml, "2005-02-04", in);

	g_free(xml);
	return result;
}

static void rsc_expressions(void **state)
{
	const char *full =
		"<rsc_expression id=\"e\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>";
	const char *no_provider = "<rsc_expression id=\"e\" class=\"ocf\" type=\"IPaddr2\"/>";
	const char *lsb = "<rsc_expression id=\"e\" class=\"lsb\"/>";

	(void)state;
	assert_true(rsc_rule(full, "ocf", "heartbeat", "IPaddr2"));
	assert_false(rsc_rule(full, "ocf", "pacemaker", "IPaddr2"));
	assert_false(rsc_rule(full, "ocf", "heartbeat", "Dummy"));
	assert_false(rsc_rule(full, "OCF", "heartbeat", "IPaddr2"));
	/* pacemaker 2.1.5 wants the provider given exactly, absent included */
	assert_false(rsc_rule(no_provider, "ocf", "heartbeat", "IPaddr2"));
	assert_true(rsc_rule(lsb, "lsb", NULL, "httpd"));
	assert_false(rsc_rule(lsb, "ocf", NULL, "httpd"));
	assert_false(rsc_rule(lsb, NULL, NULL, NULL));
}

static bool op_rule(const char *expr, const char *name, unsigned int interval_ms)
{
	char *xml = g_strdup_printf("<rule id=\"r\">%s</rule>", expr);
	struct pe_rule_input in = { .op_name = name, .op_interval_ms = interval_ms };
	bool result = rt_eval_at(xml, "2005-02-04", in);

	g_free(xml);
	return result;
}

static void op_expressions(void **state)
{
	const char *monitor = "<op_expression id=\"e\" name=\"monitor\"/>";
	const char *monitor10 = "<op_expression id=\"e\" name=\"monitor\" interval=\"10s\"/>";

	(void)state;
	assert_true(op_rule(monitor, "monitor", 0));
	assert_true(op_rule(monitor, "monitor", 10000));
	assert_false(op_rule(monitor, "start", 0));
	assert_false(op_rule(monitor, NULL, 0));
	assert_true(op_rule(monitor10, "monitor", 10000));
	assert_false(op_rule(monitor10, "monitor", 20000));
	assert_true(op_rule("<op_expression id=\"e\" name=\"monitor\" interval=\"PT10S\"/>",
			    "monitor", 10000));
	assert_false(op_rule("<op_expression id=\"e\" name=\"monitor\" interval=\"often\"/>",
			     "monitor", 0));
	assert_true(op_rule("<rsc_expression id=\"a\" class=\"ocf\" provider=\"pacemaker\"/>"
			    "<op_expression id=\"e\" name=\"start\"/>",
			    "start", 0) == false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(and_or),         cmocka_unit_test(empty_rules),
		cmocka_unit_test(nested),         cmocka_unit_test(unknown_children_are_false),
		cmocka_unit_test(id_refs),        cmocka_unit_test(rules_any),
		cmocka_unit_test(scores),         cmocka_unit_test(rsc_expressions),
		cmocka_unit_test(op_expressions),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, setup, teardown);
}
