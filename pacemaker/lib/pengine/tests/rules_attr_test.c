/*
 * Node attribute expressions (types, operations, missing attributes,
 * value-source, rsc-pattern submatches) and "#role" expressions.
 */
#include "rules_testutil.h"

static GHashTable *node;

static int setup(void **state)
{
	(void)state;
	node = rt_attrs("#uname", "node1", "name", "Foo", "num", "10", "big", "1e3", "ver", "1.10",
			"fake", "400", "prefer-web", "yes", "word", "abc", NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	g_hash_table_destroy(node);
	return 0;
}

/* One expression in a rule, against the node above. */
static bool expr(const char *attrs, const struct pe_rule_input *base)
{
	char *xml = g_strdup_printf("<rule id=\"r\"><expression id=\"e\" %s/></rule>", attrs);
	struct pe_rule_input in = { 0 };
	bool result;

	if (base != NULL) {
		in = *base;
	} else {
		in.node_attrs = node;
	}
	result = rt_eval_at(xml, "2005-02-04", in);
	g_free(xml);
	return result;
}

#define T(attrs) assert_true(expr(attrs, NULL))
#define F(attrs) assert_false(expr(attrs, NULL))

static void strings(void **state)
{
	(void)state;
	T("attribute=\"name\" operation=\"eq\" value=\"foo\"");
	T("attribute=\"name\" operation=\"EQ\" value=\"FOO\" type=\"STRING\"");
	F("attribute=\"name\" operation=\"ne\" value=\"foo\"");
	T("attribute=\"#uname\" operation=\"eq\" value=\"node1\"");
	/* as strings "10" < "9" */
	F("attribute=\"num\" operation=\"gt\" value=\"9\" type=\"string\"");
	T("attribute=\"word\" operation=\"lt\" value=\"abd\" type=\"string\"");
}

static void numbers(void **state)
{
	(void)state;
	T("attribute=\"num\" operation=\"gt\" value=\"9\"");
	T("attribute=\"num\" operation=\"gt\" value=\"9\" type=\"integer\"");
	T("attribute=\"num\" operation=\"gte\" value=\"10\"");
	F("attribute=\"num\" operation=\"lt\" value=\"10\"");
	T("attribute=\"num\" operation=\"lte\" value=\"10\"");
	/* a '.' makes the default comparison floating point */
	T("attribute=\"num\" operation=\"lt\" value=\"10.5\"");
	T("attribute=\"big\" operation=\"gt\" value=\"999\" type=\"number\"");
	/* with no type eq compares strings */
	F("attribute=\"big\" operation=\"eq\" value=\"1000\"");
	T("attribute=\"big\" operation=\"eq\" value=\"1000\" type=\"number\"");
	/* what is not an integer is compared as a string */
	T("attribute=\"word\" operation=\"lt\" value=\"abd\" type=\"integer\"");
	F("attribute=\"word\" operation=\"gt\" value=\"abd\" type=\"number\"");
}

static void versions(void **state)
{
	(void)state;
	T("attribute=\"ver\" operation=\"gt\" value=\"1.9\" type=\"version\"");
	F("attribute=\"ver\" operation=\"gt\" value=\"1.9\" type=\"number\"");
	T("attribute=\"num\" operation=\"eq\" value=\"10.0.0\" type=\"version\"");
	T("attribute=\"ver\" operation=\"lt\" value=\"1.10.1\" type=\"version\"");
	/* an unknown type compares equal, as pacemaker's does */
	T("attribute=\"num\" operation=\"eq\" value=\"11\" type=\"bogus\"");
}

static void missing_attributes(void **state)
{
	struct pe_rule_input no_node = { 0 };

	(void)state;
	T("attribute=\"name\" operation=\"defined\"");
	F("attribute=\"nope\" operation=\"defined\"");
	T("attribute=\"nope\" operation=\"not_defined\"");
	F("attribute=\"name\" operation=\"not_defined\"");
	F("attribute=\"nope\" operation=\"eq\" value=\"x\"");
	T("attribute=\"nope\" operation=\"ne\" value=\"x\"");
	F("attribute=\"nope\" operation=\"lt\" value=\"x\"");
	F("attribute=\"name\" operation=\"gt\"");
	T("attribute=\"name\" operation=\"ne\"");
	F("attribute=\"name\" operation=\"like\" value=\"Foo\"");
	F("attribute=\"name\" value=\"Foo\"");
	F("operation=\"eq\" value=\"Foo\"");
	/* with no node every node expression is false */
	assert_false(expr("attribute=\"nope\" operation=\"not_defined\"", &no_node));
}

static void value_source(void **state)
{
	GHashTable *params = rt_attrs("fake", "300", NULL);
	GHashTable *meta = rt_attrs("rack", "400", NULL);
	struct pe_rule_input in = { .node_attrs = node, .rsc_params = params, .rsc_meta = meta };

	(void)state;
	assert_true(expr(
		"attribute=\"fake\" operation=\"gt\" value=\"fake\" value-source=\"param\"", &in));
	assert_true(expr("attribute=\"fake\" operation=\"eq\" value=\"rack\" value-source=\"meta\"",
			 &in));
	assert_false(expr(
		"attribute=\"fake\" operation=\"eq\" value=\"none\" value-source=\"param\"", &in));
	assert_true(expr(
		"attribute=\"fake\" operation=\"ne\" value=\"none\" value-source=\"param\"", &in));
	assert_true(expr(
		"attribute=\"fake\" operation=\"eq\" value=\"400\" value-source=\"literal\"", &in));
	/* outside location rules the value is literal */
	T("attribute=\"word\" operation=\"eq\" value=\"abc\" value-source=\"param\"");
	g_hash_table_destroy(params);
	g_hash_table_destroy(meta);
}

static void submatches(void **state)
{
	regex_t re;
	regmatch_t m[3];
	const char *id = "rsc-web";
	struct pe_rule_input in = { .node_attrs = node, .rsc_id = id, .rsc_id_submatches = m };

	(void)state;
	assert_int_equal(regcomp(&re, "^rsc-(.*)$", REG_EXTENDED), 0);
	assert_int_equal(regexec(&re, id, 3, m, 0), 0);
	in.rsc_id_nmatches = (int)re.re_nsub + 1;
	assert_true(expr("attribute=\"prefer-%1\" operation=\"eq\" value=\"yes\"", &in));
	/* %0 is the whole id; %2 did not match and is dropped */
	assert_false(expr("attribute=\"prefer-%0\" operation=\"defined\"", &in));
	assert_true(expr("attribute=\"prefer-web%2\" operation=\"defined\"", &in));
	assert_true(expr("attribute=\"prefer-%1%9\" operation=\"defined\"", &in));
	regfree(&re);
}

static bool role(const char *role_name, const char *attrs)
{
	struct pe_rule_input in = { .node_attrs = node, .role = role_name };
	char *full = g_strdup_printf("attribute=\"#role\" %s", attrs);
	bool result = expr(full, &in);

	g_free(full);
	return result;
}

static void roles(void **state)
{
	(void)state;
	assert_true(role("Started", "operation=\"eq\" value=\"Started\""));
	assert_true(role("started", "operation=\"eq\" value=\"STARTED\""));
	assert_false(role("Started", "operation=\"ne\" value=\"Promoted\""));
	assert_false(role("Started", "operation=\"defined\""));
	assert_true(role("Started", "operation=\"not_defined\""));
	assert_true(role("Promoted", "operation=\"defined\""));
	assert_true(role("Promoted", "operation=\"eq\" value=\"Master\""));
	assert_true(role("Master", "operation=\"ne\" value=\"Unpromoted\""));
	assert_true(role("Slave", "operation=\"eq\" value=\"Unpromoted\""));
	assert_false(role("Promoted", "operation=\"not_defined\""));
	assert_false(role(NULL, "operation=\"not_defined\""));
	assert_false(role("Bogus", "operation=\"not_defined\""));
	assert_false(role("Promoted", "operation=\"gt\" value=\"Started\""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strings),      cmocka_unit_test(numbers),
		cmocka_unit_test(versions),     cmocka_unit_test(missing_attributes),
		cmocka_unit_test(value_source), cmocka_unit_test(submatches),
		cmocka_unit_test(roles),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, setup, teardown);
}
