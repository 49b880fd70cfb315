/* sim_lrm_index_*() and sim_lrm_resource() through an index: the same
 * answers as a walk of the node's history, kept current as entries are
 * added and as fencing removes a node's history. */
#include "test_xml.h"
#include "../sim_private.h"

#define CIB                                                               \
	"<cib><configuration><nodes/></configuration><status>"            \
	"<node_state id=\"1\" uname=\"n1\"><lrm id=\"1\"><lrm_resources>" \
	"<lrm_resource id=\"a\" class=\"lsb\" type=\"first\"/>"           \
	"<lrm_resource id=\"b\" class=\"lsb\" type=\"b\"/>"               \
	"<lrm_resource id=\"a\" class=\"lsb\" type=\"second\"/>"          \
	"</lrm_resources></lrm></node_state>"                             \
	"<node_state id=\"2\" uname=\"n2\"><lrm id=\"2\"><lrm_resources>" \
	"<lrm_resource id=\"b\" class=\"lsb\" type=\"on-n2\"/>"           \
	"</lrm_resources></lrm></node_state></status></cib>"

static const char *type_of(const xmlNode *rsc)
{
	return rsc != NULL ? pcmk_xml_attr(rsc, "type") : "(none)";
}

static void test_find_as_a_walk_does(void **state)
{
	xmlNode *cib = test_parse(CIB);
	xmlNode *n1 = sim_node_state(cib, "n1", NULL), *n2 = sim_node_state(cib, "n2", NULL);
	struct sim_lrm_index *index = sim_lrm_index_new();
	const char *ids[] = { "a", "b", "c" };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		assert_ptr_equal(sim_lrm_index_find(index, n1, ids[i]),
				 sim_lrm_index_find(NULL, n1, ids[i]));
	}
	/* the first of two entries with one id, as a walk finds it */
	assert_string_equal(type_of(sim_lrm_index_find(index, n1, "a")), "first");
	assert_string_equal(type_of(sim_lrm_index_find(index, n2, "b")), "on-n2");
	assert_null(sim_lrm_index_find(index, n2, "a"));
	sim_lrm_index_free(index);
	sim_lrm_index_free(NULL);
	pcmk_xml_free(cib);
}

static void test_new_entries_found(void **state)
{
	xmlNode *cib = test_parse(CIB);
	xmlNode *n1 = sim_node_state(cib, "n1", NULL);
	struct sim_lrm_index *index = sim_lrm_index_new();
	const char *why = NULL;
	xmlNode *made = NULL;

	(void)state;
	assert_null(sim_lrm_index_find(index, n1, "new"));
	made = sim_lrm_resource(index, n1, "new:0", "new", "ocf", "heartbeat", "Dummy", &why);
	assert_non_null(made);
	assert_ptr_equal(sim_lrm_index_find(index, n1, "new"), made);
	/* found again, not made twice */
	assert_ptr_equal(
		sim_lrm_resource(index, n1, "new", "new", "ocf", "heartbeat", "Dummy", &why), made);
	assert_ptr_equal(
		sim_lrm_resource(NULL, n1, "new", "new", "ocf", "heartbeat", "Dummy", &why), made);
	/* an instance name is looked up before the configured name */
	assert_string_equal(type_of(sim_lrm_resource(index, n1, "b", "a", "lsb", NULL, "x", &why)),
			    "b");
	sim_lrm_index_free(index);
	pcmk_xml_free(cib);
}

/* A node's history made while no table of it exists is seen once one is. */
static void test_entries_before_first_lookup(void **state)
{
	xmlNode *cib = test_parse(CIB);
	xmlNode *n2 = sim_node_state(cib, "n2", NULL);
	struct sim_lrm_index *index = sim_lrm_index_new();
	const char *why = NULL;
	xmlNode *made = sim_lrm_resource(NULL, n2, "z", "z", "lsb", NULL, "z", &why);

	(void)state;
	sim_lrm_index_add(index, n2, made);
	assert_ptr_equal(sim_lrm_index_find(index, n2, "z"), made);
	sim_lrm_index_free(index);
	pcmk_xml_free(cib);
}

static void test_forget_after_fencing(void **state)
{
	xmlNode *cib = test_parse(CIB);
	xmlNode *n1 = sim_node_state(cib, "n1", NULL);
	struct sim_lrm_index *index = sim_lrm_index_new();
	const char *why = NULL;
	xmlNode *again = NULL;

	(void)state;
	assert_non_null(sim_lrm_index_find(index, n1, "b"));
	sim_lrm_index_forget(index, n1);
	sim_remove_children(n1, "lrm");
	assert_null(sim_lrm_index_find(index, n1, "b"));
	again = sim_lrm_resource(index, n1, "b", "b", "lsb", NULL, "b", &why);
	assert_non_null(again);
	assert_ptr_equal(sim_lrm_index_find(index, n1, "b"), again);
	assert_ptr_equal(sim_lrm_index_find(NULL, n1, "b"), again);
	sim_lrm_index_forget(NULL, n1);
	sim_lrm_index_free(index);
	pcmk_xml_free(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find_as_a_walk_does),
		cmocka_unit_test(test_new_entries_found),
		cmocka_unit_test(test_entries_before_first_lookup),
		cmocka_unit_test(test_forget_after_fencing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
