/*
 * cib_modify: merging into the element with the same name and id,
 * increments, --allow-create, a missing section, xpath, and the cases
 * that change nothing.
 */
#include "ops_testutil.h"

static const char *attr_of(void **state, const char *id, const char *name)
{
	return pcmk_xml_attr(pcmk_xml_find_id(ops_root(state), NULL, id), name);
}

static void merges_attributes_and_children(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *ia;

	assert_int_equal(
		ops_run(state, CIB_OP_MODIFY, "resources", NULL,
			"<primitive id=\"a\" type=\"Stateful\"><instance_attributes id=\"a-ia\">"
			"<nvpair id=\"a-ia-y\" name=\"y\" value=\"2\"/></instance_attributes>"
			"<meta_attributes id=\"a-m\"/></primitive>",
			0, &res),
		0);
	assert_string_equal(attr_of(state, "a", "type"), "Stateful");
	assert_string_equal(attr_of(state, "a", "class"), "ocf"); /* kept */
	ia = pcmk_xml_find_id(ops_root(state), "instance_attributes", "a-ia");
	assert_string_equal(pcmk_xml_attr(pcmk_xml_first_child(ia, NULL), "id"), "a-ia-x");
	assert_string_equal(
		pcmk_xml_attr(pcmk_xml_next(pcmk_xml_first_child(ia, NULL), false), "id"),
		"a-ia-y");
	assert_non_null(pcmk_xml_find_id(ops_root(state), "meta_attributes", "a-m"));
	assert_true(res.config_changed);
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void found_anywhere_without_section(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<nvpair id=\"a-ia-x\" value=\"7\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "7");
	cib_op_result_clear(&res);
}

static void increments(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<nvpair id=\"a-ia-x\" value=\"value++\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "2");
	cib_op_result_clear(&res);
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<nvpair id=\"a-ia-x\" value=\"value+=5\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "7");
	cib_op_result_clear(&res);
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<nvpair id=\"a-ia-x\" value=\"value+=INFINITY\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "1000000");
	cib_op_result_clear(&res);
	/* not "value++" of this attribute: stored as it is */
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<nvpair id=\"a-ia-x\" value=\"other++\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "other++");
	cib_op_result_clear(&res);
	/* nothing to add to: counts from 0 */
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<primitive id=\"b\" description=\"description+=3\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "b", "description"), "3");
	cib_op_result_clear(&res);
}

static void missing_element(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(
		state, CIB_OP_MODIFY, "resources", NULL,
		"<primitive id=\"zz\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>", 0,
		-ENXIO, &res);
	assert_non_null(strstr(res.error, "zz"));
	cib_op_result_clear(&res);
	/* an element without id matches only one without id */
	ops_expect_failure(state, CIB_OP_MODIFY, NULL, NULL, "<nvpair value=\"1\"/>", 0, -ENXIO,
			   &res);
	cib_op_result_clear(&res);
}

static void allow_create(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, "resources", NULL,
				 "<primitive id=\"zz\" class=\"ocf\" provider=\"heartbeat\" "
				 "type=\"Dummy\"/>",
				 CIB_OPT_CAN_CREATE, &res),
			 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "zz"));
	cib_op_result_clear(&res);
}

static void missing_section_added(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, "rsc_defaults", NULL,
				 "<rsc_defaults><meta_attributes id=\"rd\"><nvpair id=\"rd-s\" "
				 "name=\"resource-stickiness\" value=\"1\"/></meta_attributes>"
				 "</rsc_defaults>",
				 0, &res),
			 0);
	assert_int_equal(ops_count(state, "/cib/configuration/rsc_defaults/meta_attributes"), 1);
	cib_op_result_clear(&res);
}

static void cib_attributes_are_not_configuration(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(
		ops_run(state, CIB_OP_MODIFY, NULL, NULL, "<cib have-quorum=\"1\"/>", 0, &res), 0);
	assert_string_equal(pcmk_xml_attr(ops_root(state), "have-quorum"), "1");
	assert_false(res.config_changed);
	ops_assert_version(state, 0, 5, 3);
	cib_op_result_clear(&res);
}

static void no_change_no_version(void **state)
{
	struct cib_op_result res = { 0 };
	xmlDoc *before = *state;

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, "resources", NULL,
				 "<primitive id=\"a\" type=\"Dummy\"/>", 0, &res),
			 0);
	assert_null(res.patch);
	assert_false(res.config_changed);
	assert_ptr_equal(*state, before);
	ops_assert_version(state, 0, 5, 2);
	cib_op_result_clear(&res);
}

static void older_epoch_refused(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_MODIFY, NULL, NULL, "<cib epoch=\"2\"/>", 0,
			   -PCMK_E_OLD_DATA, &res);
	cib_op_result_clear(&res);
	/* a higher admin_epoch makes any epoch acceptable */
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<cib admin_epoch=\"3\" epoch=\"1\"/>", 0, &res),
			 0);
	ops_assert_version(state, 3, 1, 3);
	cib_op_result_clear(&res);
}

static void newer_feature_set_refused(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_MODIFY, NULL, NULL, "<cib crm_feature_set=\"3.99.0\"/>", 0,
			   -EPROTONOSUPPORT, &res);
	cib_op_result_clear(&res);
}

static void by_xpath(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, "//primitive[@id='a']",
				 "<nvpair id=\"a-ia-x\" value=\"9\"/>", 0, &res),
			 0);
	assert_string_equal(attr_of(state, "a-ia-x", "value"), "9");
	cib_op_result_clear(&res);
	/* the data must be at or below the match */
	ops_expect_failure(state, CIB_OP_MODIFY, NULL, "//resources",
			   "<primitive id=\"p9\" class=\"ocf\"/>", 0, -ENXIO, &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_MODIFY, NULL, "//nothing", "<primitive id=\"a\"/>", 0,
			   -ENXIO, &res);
	cib_op_result_clear(&res);
	/* every match */
	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, "//primitive",
				 "<primitive description=\"all\"/>", CIB_OPT_MULTIPLE, &res),
			 -ENXIO); /* pacemaker matches by id: none without id */
	cib_op_result_clear(&res);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(merges_attributes_and_children),
		T(found_anywhere_without_section),
		T(increments),
		T(missing_element),
		T(allow_create),
		T(missing_section_added),
		T(cib_attributes_are_not_configuration),
		T(no_change_no_version),
		T(older_epoch_refused),
		T(newer_feature_set_refused),
		T(by_xpath),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
