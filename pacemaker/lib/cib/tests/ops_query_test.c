/*
 * cib_query: sections, without children, by xpath (one match, several,
 * addresses), and the "no such" answers; a query never changes the CIB.
 */
#include "ops_testutil.h"

static void section_copy(void **state)
{
	struct cib_op_result res = { 0 };
	char *text;

	assert_int_equal(ops_run(state, CIB_OP_QUERY, "resources", NULL, NULL, 0, &res), 0);
	assert_true(pcmk_xml_is(res.output, "resources"));
	assert_ptr_equal(xmlDocGetRootElement(res.output->doc), res.output);
	assert_ptr_not_equal(res.output->doc, *state);
	assert_non_null(pcmk_xml_find_id(res.output, "nvpair", "a-ia-x"));
	assert_null(res.patch);
	cib_op_result_clear(&res);
	assert_null(res.output);

	assert_int_equal(ops_run(state, CIB_OP_QUERY, NULL, NULL, NULL, 0, &res), 0);
	text = pcmk_xml_to_string(res.output, false);
	assert_string_equal(text, ops_base_cib);
	free(text);
	cib_op_result_clear(&res);
}

static void whole_cib_names_and_unknown_sections(void **state)
{
	const char *names[] = { "all", "ALL", "cib", "bogus", "Resources" };
	struct cib_op_result res = { 0 };

	/* pacemaker answers a section it does not know with the whole CIB */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(ops_run(state, CIB_OP_QUERY, names[i], NULL, NULL, 0, &res), 0);
		assert_true(pcmk_xml_is(res.output, "cib"));
		cib_op_result_clear(&res);
	}
}

static void missing_known_section(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_QUERY, "acls", NULL, NULL, 0, &res), -ENXIO);
	assert_null(res.output);
	assert_non_null(strstr(res.error, "acls"));
	cib_op_result_clear(&res);
}

static void no_children(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_QUERY, "all", NULL, NULL, CIB_OPT_NO_CHILDREN, &res),
			 0);
	assert_true(pcmk_xml_is(res.output, "cib"));
	assert_null(pcmk_xml_first_child(res.output, NULL));
	assert_string_equal(pcmk_xml_attr(res.output, "epoch"), "5");
	cib_op_result_clear(&res);
}

static void xpath_one_match_is_the_element(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_QUERY, NULL, "//nvpair", NULL, 0, &res), 0);
	assert_true(pcmk_xml_is(res.output, "nvpair"));
	assert_string_equal(pcmk_xml_attr(res.output, "value"), "1");
	cib_op_result_clear(&res);
}

static void xpath_several_matches_wrapped(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *first;

	assert_int_equal(
		ops_run(state, CIB_OP_QUERY, NULL, "//primitive", NULL, CIB_OPT_NO_CHILDREN, &res),
		0);
	assert_true(pcmk_xml_is(res.output, "xpath-query"));
	first = pcmk_xml_first_child(res.output, "primitive");
	assert_string_equal(pcmk_xml_attr(first, "id"), "a");
	assert_null(pcmk_xml_first_child(first, NULL));
	assert_string_equal(pcmk_xml_attr(pcmk_xml_next(first, true), "id"), "b");
	cib_op_result_clear(&res);
}

static void xpath_addresses(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *p;

	assert_int_equal(
		ops_run(state, CIB_OP_QUERY, NULL, "//nvpair", NULL, CIB_OPT_XPATH_ADDRESS, &res),
		0);
	assert_true(pcmk_xml_is(res.output, "xpath-query"));
	p = pcmk_xml_first_child(res.output, "xpath-query-path");
	assert_string_equal(pcmk_xml_attr(p, "id"),
			    "/cib/configuration/resources/primitive[@id='a']"
			    "/instance_attributes[@id='a-ia']/nvpair[@id='a-ia-x']");
	cib_op_result_clear(&res);
}

static void xpath_no_match_and_bad_expressions(void **state)
{
	const char *paths[] = { "//nothing", "count(//primitive)", "///" };
	struct cib_op_result res = { 0 };

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(ops_run(state, CIB_OP_QUERY, NULL, paths[i], NULL, 0, &res),
				 -ENXIO);
		assert_null(res.output);
		assert_non_null(strstr(res.error, paths[i]));
		cib_op_result_clear(&res);
	}
}

static void xpath_option_without_xpath(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_QUERY, NULL, NULL, NULL, CIB_OPT_XPATH, &res),
			 -EINVAL);
	assert_non_null(res.error);
	cib_op_result_clear(&res);
}

/* The view is the element a copying query would copy, in place. */
static void query_view_borrows_the_section(void **state)
{
	xmlDoc *cib = *state;
	struct cib_op_request req = { .op = CIB_OP_QUERY, .section = "resources" };
	struct cib_op_result res = { 0 };
	const xmlNode *view = cib_op_query_view(cib, &req);

	assert_true(pcmk_xml_is(view, "resources"));
	assert_ptr_equal(view->doc, cib);
	assert_int_equal(ops_run(state, CIB_OP_QUERY, "resources", NULL, NULL, 0, &res), 0);
	char *copied = pcmk_xml_to_string(res.output, false);
	char *viewed = pcmk_xml_to_string(view, false);

	assert_string_equal(copied, viewed);
	free(copied);
	free(viewed);
	cib_op_result_clear(&res);
	req.section = "bogus"; /* the whole CIB, as the copying query */
	assert_ptr_equal(cib_op_query_view(cib, &req), xmlDocGetRootElement(cib));
	req.section = "acls"; /* missing: the copying query says why */
	assert_null(cib_op_query_view(cib, &req));
	req.section = NULL;
	req.options = CIB_OPT_NO_CHILDREN;
	assert_null(cib_op_query_view(cib, &req));
	req.options = 0;
	req.op = CIB_OP_MODIFY;
	assert_null(cib_op_query_view(cib, &req));
	assert_null(cib_op_query_view(NULL, &req));
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(section_copy),
		T(whole_cib_names_and_unknown_sections),
		T(missing_known_section),
		T(no_children),
		T(xpath_one_match_is_the_element),
		T(xpath_several_matches_wrapped),
		T(xpath_addresses),
		T(xpath_no_match_and_bad_expressions),
		T(xpath_option_without_xpath),
		T(query_view_borrows_the_section),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
