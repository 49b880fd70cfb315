/*
 * pe_nvpair_sets_unpack(): set order (score, always-first, document
 * order), overwrite, rules on sets, id-refs and "#default".
 */
#include "rules_testutil.h"

static GHashTable *unpack(const char *xml, const char *set_name, const char *first, bool overwrite,
			  GHashTable *node)
{
	xmlDoc *doc = rt_parse(xml);
	GHashTable *values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	struct pe_rule_input in = { .node_attrs = node, .now = rt_time("2005-02-04") };

	pe_nvpair_sets_unpack(rt_find(doc, "top"), set_name, &in, values, first, overwrite);
	xmlFreeDoc(doc);
	return values;
}

static void want_value(GHashTable *values, const char *name, const char *want)
{
	const char *got = g_hash_table_lookup(values, name);

	if (want == NULL) {
		if (got != NULL) {
			fail_msg("%s = \"%s\", want none", name, got);
		}
		return;
	}
	if ((got == NULL) || (strcmp(got, want) != 0)) {
		fail_msg("%s = \"%s\", want \"%s\"", name, got ? got : "(none)", want);
	}
}

#define SETS                                                                                       \
	"<primitive id=\"top\">"                                                                   \
	"<instance_attributes id=\"low\" score=\"1\"><nvpair id=\"n1\" name=\"a\" value=\"low\"/>" \
	"<nvpair id=\"n2\" name=\"only-low\" value=\"x\"/></instance_attributes>"                  \
	"<meta_attributes id=\"meta\"><nvpair id=\"n3\" name=\"a\" "                               \
	"value=\"meta\"/></meta_attributes>"                                                       \
	"<instance_attributes id=\"high\" score=\"10\"><nvpair id=\"n4\" name=\"a\" "              \
	"value=\"high\"/>"                                                                         \
	"</instance_attributes>"                                                                   \
	"</primitive>"

static void highest_score_first(void **state)
{
	GHashTable *v = unpack(SETS, "instance_attributes", NULL, false, NULL);

	(void)state;
	want_value(v, "a", "high");
	want_value(v, "only-low", "x");
	assert_int_equal(g_hash_table_size(v), 2);
	g_hash_table_destroy(v);
	/* always-first beats the score */
	v = unpack(SETS, "instance_attributes", "LOW", false, NULL);
	want_value(v, "a", "low");
	g_hash_table_destroy(v);
	/* any set name */
	v = unpack(SETS, NULL, NULL, false, NULL);
	want_value(v, "a", "high");
	g_hash_table_destroy(v);
	v = unpack(SETS, "meta_attributes", NULL, false, NULL);
	want_value(v, "a", "meta");
	want_value(v, "only-low", NULL);
	g_hash_table_destroy(v);
}

static void overwrite_lets_later_sets_win(void **state)
{
	GHashTable *v = unpack(SETS, "instance_attributes", NULL, true, NULL);

	(void)state;
	want_value(v, "a", "low");
	g_hash_table_destroy(v);
}

static void equal_scores_last_in_document_first(void **state)
{
	GHashTable *v = unpack("<primitive id=\"top\">"
			       "<instance_attributes id=\"one\"><nvpair id=\"n1\" name=\"a\" "
			       "value=\"1\"/></instance_attributes>"
			       "<instance_attributes id=\"two\"><nvpair id=\"n2\" name=\"a\" "
			       "value=\"2\"/></instance_attributes>"
			       "</primitive>",
			       "instance_attributes", NULL, false, NULL);

	(void)state;
	want_value(v, "a", "2");
	g_hash_table_destroy(v);
}

static void rules_on_sets(void **state)
{
	GHashTable *node = rt_attrs("#uname", "node1", NULL);
	const char *xml = "<primitive id=\"top\">"
			  "<instance_attributes id=\"for-node1\" score=\"2\"><rule id=\"r\">"
			  "<expression id=\"e\" attribute=\"#uname\" operation=\"eq\" "
			  "value=\"node1\"/></rule>"
			  "<nvpair id=\"n1\" name=\"a\" value=\"special\"/></instance_attributes>"
			  "<instance_attributes id=\"default\" score=\"1\"><nvpair id=\"n2\" "
			  "name=\"a\" value=\"plain\"/>"
			  "</instance_attributes></primitive>";
	GHashTable *v = unpack(xml, "instance_attributes", NULL, false, node);

	(void)state;
	want_value(v, "a", "special");
	g_hash_table_destroy(v);
	v = unpack(xml, "instance_attributes", NULL, false, NULL);
	want_value(v, "a", "plain");
	g_hash_table_destroy(v);
	g_hash_table_destroy(node);
}

static void id_refs_and_defaults(void **state)
{
	const char *xml =
		"<cib><configuration>"
		"<primitive id=\"other\"><instance_attributes id=\"shared\">"
		"<nvpair id=\"s1\" name=\"b\" value=\"shared\"/></instance_attributes></primitive>"
		"<primitive id=\"top\">"
		"<instance_attributes id-ref=\"shared\"/>"
		"<instance_attributes id-ref=\"gone\"/>"
		"<instance_attributes id=\"own\" score=\"5\">"
		"<nvpair id-ref=\"s1\"/>"
		"<nvpair id=\"c\" name=\"c\" value=\"#default\"/>"
		"<nvpair id=\"nameless\" value=\"x\"/>"
		"</instance_attributes>"
		"<instance_attributes id=\"old\" score=\"1\"><attributes>"
		"<nvpair id=\"o1\" name=\"c\" value=\"from-old\"/><nvpair id=\"o2\" name=\"d\" "
		"value=\"4\"/>"
		"</attributes></instance_attributes>"
		"</primitive></configuration></cib>";
	GHashTable *v = unpack(xml, "instance_attributes", NULL, false, NULL);

	(void)state;
	want_value(v, "b", "shared");
	want_value(v, "c", "from-old");
	want_value(v, "d", "4");
	assert_int_equal(g_hash_table_size(v), 3);
	g_hash_table_destroy(v);
	/* "#default" takes back what an earlier set gave */
	v = unpack(xml, "instance_attributes", "old", false, NULL);
	want_value(v, "c", NULL);
	want_value(v, "d", "4");
	g_hash_table_destroy(v);
}

static void null_arguments(void **state)
{
	GHashTable *v = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	struct pe_rule_input in = { 0 };

	(void)state;
	pe_nvpair_sets_unpack(NULL, NULL, &in, v, NULL, false);
	assert_int_equal(g_hash_table_size(v), 0);
	g_hash_table_destroy(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(highest_score_first),
		cmocka_unit_test(overwrite_lets_later_sets_win),
		cmocka_unit_test(equal_scores_last_in_document_first),
		cmocka_unit_test(rules_on_sets),
		cmocka_unit_test(id_refs_and_defaults),
		cmocka_unit_test(null_arguments),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
