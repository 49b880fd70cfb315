/*
 * cib_create: adds under the section; an id already there is refused
 * with pacemaker's <failed> report and the CIB left as it was.
 */
#include "ops_testutil.h"

#define NEW_RSC "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"

static void adds_last_in_section(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *c;

	assert_int_equal(ops_run(state, CIB_OP_CREATE, "resources", NULL, NEW_RSC, 0, &res), 0);
	c = pcmk_xml_find_id(ops_root(state), "primitive", "c");
	assert_non_null(c);
	assert_true(pcmk_xml_is(c->parent, "resources"));
	assert_null(pcmk_xml_next(c, false));
	assert_true(res.config_changed);
	assert_non_null(res.patch);
	assert_null(res.output);
	assert_null(res.error);
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void existing_id_refused_with_report(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *entry, *copy;

	ops_expect_failure(
		state, CIB_OP_CREATE, "resources", NULL,
		"<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", 0,
		-EEXIST, &res);
	assert_true(pcmk_xml_is(res.output, "failed"));
	entry = pcmk_xml_first_child(res.output, "failed_update");
	assert_string_equal(pcmk_xml_attr(entry, "id"), "a");
	assert_string_equal(pcmk_xml_attr(entry, "object_type"), "primitive");
	assert_string_equal(pcmk_xml_attr(entry, "operation"), "cib_create");
	assert_string_equal(pcmk_xml_attr(entry, "reason"), pcmk_strerror(-EEXIST));
	copy = pcmk_xml_first_child(entry, "primitive");
	assert_string_equal(pcmk_xml_attr(copy, "type"), "Dummy");
	assert_non_null(strstr(res.error, "a"));
	cib_op_result_clear(&res);
}

static void section_wrapper_all_or_nothing(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(
		state, CIB_OP_CREATE, "resources", NULL,
		"<resources>" NEW_RSC
		"<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
		"</resources>",
		0, -EEXIST, &res);
	assert_null(pcmk_xml_find_id(ops_root(state), "primitive", "c"));
	cib_op_result_clear(&res);

	assert_int_equal(ops_run(state, CIB_OP_CREATE, "resources", NULL,
				 "<resources>" NEW_RSC "</resources>", 0, &res),
			 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "c"));
	cib_op_result_clear(&res);
}

static void whole_cib_given_with_section(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_CREATE, "resources", NULL,
				 "<cib><configuration><resources>" NEW_RSC
				 "</resources></configuration></cib>",
				 0, &res),
			 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "c"));
	cib_op_result_clear(&res);
}

static void without_section_is_a_modify(void **state)
{
	struct cib_op_result res = { 0 };

	/* pacemaker creates without a section by merging: a new id is
	 * not found, an existing one is merged */
	ops_expect_failure(state, CIB_OP_CREATE, NULL, NULL, NEW_RSC, 0, -ENXIO, &res);
	cib_op_result_clear(&res);
	assert_int_equal(ops_run(state, CIB_OP_CREATE, NULL, NULL,
				 "<primitive id=\"b\" description=\"merged\"/>", 0, &res),
			 0);
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_find_id(ops_root(state), "primitive", "b"), "description"),
		"merged");
	cib_op_result_clear(&res);
}

static void schema_invalid_refused(void **state)
{
	struct cib_op_result res = { 0 };

	/* no class: the schema requires one */
	ops_expect_failure(state, CIB_OP_CREATE, "resources", NULL,
			   "<primitive id=\"c\" type=\"Dummy\"/>", 0, -PCMK_E_SCHEMA, &res);
	cib_op_result_clear(&res);
	/* an unknown section means <cib> itself, where <x> is not allowed */
	ops_expect_failure(state, CIB_OP_CREATE, "bogus", NULL, "<x id=\"1\"/>", 0, -PCMK_E_SCHEMA,
			   &res);
	cib_op_result_clear(&res);
}

static void no_data(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_CREATE, "resources", NULL, NULL, 0, -EINVAL, &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_CREATE, "resources", NULL, "<cib/>", 0, -EINVAL, &res);
	cib_op_result_clear(&res);
}

static void status_create_counts_num_updates(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_CREATE, "status", NULL,
				 "<node_state id=\"2\" uname=\"n2\"/>", 0, &res),
			 0);
	assert_false(res.config_changed);
	ops_assert_version(state, 0, 5, 3);
	/* no configuration change: no stamp */
	assert_null(pcmk_xml_attr(ops_root(state), "cib-last-written"));
	cib_op_result_clear(&res);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(adds_last_in_section),
		T(existing_id_refused_with_report),
		T(section_wrapper_all_or_nothing),
		T(whole_cib_given_with_section),
		T(without_section_is_a_modify),
		T(schema_invalid_refused),
		T(no_data),
		T(status_create_counts_num_updates),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
