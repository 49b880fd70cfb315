/* transition_graph_adopt(): the graph works on the very XML it was given
 * and frees it, also when the XML is refused. */
#include "test_xml.h"

#define HEAD "<transition_graph cluster-delay=\"60s\" transition_id=\"3\">"

static void test_adopts(void **state)
{
	xmlNode *xml = test_parse(HEAD "<synapse id=\"0\"><action_set>"
				       "<rsc_op id=\"4\" operation=\"start\" on_node=\"n1\">"
				       "<primitive id=\"r\" class=\"lsb\" type=\"t\"/>"
				       "<attributes CRM_meta_timeout=\"20000\"/></rsc_op>"
				       "</action_set></synapse></transition_graph>");
	xmlNode *primitive = xml->children->children->children->children;
	struct transition_graph *g = NULL;
	char *error = NULL;

	(void)state;
	assert_int_equal(transition_graph_adopt(xml, &g, &error), 0);
	assert_null(error);
	assert_int_equal(g->n_actions, 1);
	/* no copy: the action points into the element handed over */
	assert_ptr_equal(transition_graph_action(g, 4)->primitive, primitive);
	transition_graph_free(g);
}

static void expect_refused(xmlNode *xml, const char *words)
{
	struct transition_graph *g = NULL;
	char *error = NULL;

	/* under valgrind, a refused element that is not freed is a leak */
	assert_int_equal(transition_graph_adopt(xml, &g, &error), -EINVAL);
	assert_null(g);
	assert_non_null(error);
	if (strstr(error, words) == NULL) {
		fail_msg("'%s' does not say '%s'", error, words);
	}
	free(error);
}

static void test_refused_and_freed(void **state)
{
	(void)state;
	expect_refused(test_parse("<graph/>"), "not a <transition_graph>");
	expect_refused(
		test_parse(HEAD "<synapse id=\"4\"><action_set/></synapse></transition_graph>"),
		"synapse 4 has no action");
	assert_int_equal(transition_graph_adopt(test_parse(HEAD "</transition_graph>"), NULL, NULL),
			 -EINVAL);
	assert_int_equal(transition_graph_adopt(NULL, NULL, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adopts),
		cmocka_unit_test(test_refused_and_freed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
