/*
 * cib_delete: by name and id, by attributes, what is not there, by
 * xpath (first or every match), never the whole CIB.
 */
#include "ops_testutil.h"

static void by_id(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(
		ops_run(state, CIB_OP_DELETE, NULL, NULL, "<primitive id=\"a\"/>", 0, &res), 0);
	assert_null(pcmk_xml_find_id(ops_root(state), "primitive", "a"));
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "b"));
	assert_true(res.config_changed);
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void attributes_must_match(void **state)
{
	struct cib_op_result res = { 0 };
	xmlDoc *before = *state;

	assert_int_equal(ops_run(state, CIB_OP_DELETE, NULL, NULL,
				 "<primitive id=\"a\" class=\"lsb\"/>", 0, &res),
			 0);
	assert_ptr_equal(*state, before); /* nothing matched, nothing changed */
	assert_null(res.patch);
	cib_op_result_clear(&res);
	/* no id: the first element with those attributes */
	assert_int_equal(ops_run(state, CIB_OP_DELETE, "resources", NULL,
				 "<primitive class=\"OCF\"/>", 0, &res),
			 0);
	assert_null(pcmk_xml_find_id(ops_root(state), "primitive", "a"));
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "b"));
	cib_op_result_clear(&res);
}

static void absent_is_success(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(
		ops_run(state, CIB_OP_DELETE, NULL, NULL, "<primitive id=\"zz\"/>", 0, &res), 0);
	assert_null(res.patch);
	cib_op_result_clear(&res);
	assert_int_equal(
		ops_run(state, CIB_OP_DELETE, "acls", NULL, "<acl_role id=\"x\"/>", 0, &res), 0);
	cib_op_result_clear(&res);
	/* only within the section given */
	assert_int_equal(ops_run(state, CIB_OP_DELETE, "constraints", NULL, "<primitive id=\"a\"/>",
				 0, &res),
			 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "a"));
	cib_op_result_clear(&res);
}

static void section_wrapper_deletes_each(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(
		ops_run(state, CIB_OP_DELETE, "resources", NULL,
			"<resources><primitive id=\"a\"/><primitive id=\"b\"/></resources>", 0,
			&res),
		0);
	assert_int_equal(ops_count(state, "//primitive"), 0);
	cib_op_result_clear(&res);
}

static void by_xpath(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_DELETE, NULL, "//primitive", NULL, 0, &res), 0);
	assert_int_equal(ops_count(state, "//primitive"), 1); /* only the first */
	cib_op_result_clear(&res);
	assert_int_equal(ops_run(state, CIB_OP_DELETE, NULL, "//nothing", NULL, 0, &res), 0);
	assert_null(res.patch);
	cib_op_result_clear(&res);
}

static void by_xpath_all(void **state)
{
	struct cib_op_result res = { 0 };

	/* matches inside matches, and repeats, are deleted once */
	assert_int_equal(ops_run(state, CIB_OP_DELETE, NULL,
				 "//primitive | //nvpair | //primitive/@class", NULL,
				 CIB_OPT_MULTIPLE, &res),
			 0);
	assert_int_equal(ops_count(state, "//primitive"), 0);
	cib_op_result_clear(&res);
}

static void never_the_whole_cib(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_DELETE, NULL, "/cib", NULL, 0, -EINVAL, &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_DELETE, NULL, NULL, NULL, 0, -EINVAL, &res);
	cib_op_result_clear(&res);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(by_id),
		T(attributes_must_match),
		T(absent_is_success),
		T(section_wrapper_deletes_each),
		T(by_xpath),
		T(by_xpath_all),
		T(never_the_whole_cib),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
