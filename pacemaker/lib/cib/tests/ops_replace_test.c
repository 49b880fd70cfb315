/*
 * cib_replace: a section, an element in place, the whole CIB (never an
 * older one), and by xpath.
 */
#include "ops_testutil.h"

#define EMPTY_CONFIG \
	"<configuration><crm_config/><nodes/><resources/><constraints/></configuration><status/>"

static void section(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(
		ops_run(state, CIB_OP_REPLACE, "resources", NULL,
			"<resources><primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" "
			"type=\"Dummy\"/></resources>",
			0, &res),
		0);
	assert_int_equal(ops_count(state, "//primitive"), 1);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "c"));
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void element_in_place(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *first;

	assert_int_equal(ops_run(state, CIB_OP_REPLACE, "resources", NULL,
				 "<primitive id=\"a\" class=\"ocf\" provider=\"pacemaker\" "
				 "type=\"Stateful\"/>",
				 0, &res),
			 0);
	first = pcmk_xml_first_child(ops_find(state, "//resources"), "primitive");
	assert_string_equal(pcmk_xml_attr(first, "id"), "a"); /* still first */
	assert_string_equal(pcmk_xml_attr(first, "type"), "Stateful");
	assert_null(pcmk_xml_first_child(first, NULL)); /* children gone too */
	cib_op_result_clear(&res);
}

static void missing_element_or_wrong_section(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_REPLACE, "resources", NULL,
			   "<primitive id=\"nope\" class=\"ocf\" type=\"Dummy\"/>", 0, -ENXIO,
			   &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_REPLACE, "constraints", NULL, "<resources/>", 0, -ENXIO,
			   &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_REPLACE, "resources", NULL, NULL, 0, -EINVAL, &res);
	cib_op_result_clear(&res);
}

static void whole_cib_older_refused(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_REPLACE, NULL, NULL,
			   "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"4\" "
			   "num_updates=\"9\">" EMPTY_CONFIG "</cib>",
			   0, -PCMK_E_OLD_DATA, &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_REPLACE, NULL, NULL,
			   "<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"5\" "
			   "num_updates=\"1\">" EMPTY_CONFIG "</cib>",
			   0, -PCMK_E_OLD_DATA, &res);
	cib_op_result_clear(&res);
}

static void whole_cib_newer(void **state)
{
	struct cib_op_result res = { 0 };

	/* equal version accepted; the configuration changed: epoch + 1 */
	assert_int_equal(
		ops_run(state, CIB_OP_REPLACE, NULL, NULL,
			"<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"5\" "
			"num_updates=\"2\">" EMPTY_CONFIG "</cib>",
			0, &res),
		0);
	ops_assert_version(state, 0, 6, 0);
	assert_int_equal(ops_count(state, "//primitive"), 0);
	assert_null(pcmk_xml_attr(ops_root(state), "crm_feature_set"));
	cib_op_result_clear(&res);
	/* same configuration, higher version: only num_updates moves on */
	assert_int_equal(
		ops_run(state, CIB_OP_REPLACE, "cib", NULL,
			"<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"20\" "
			"num_updates=\"5\">" EMPTY_CONFIG "</cib>",
			0, &res),
		0);
	ops_assert_version(state, 0, 20, 6);
	cib_op_result_clear(&res);
}

static void section_of_whole_cib(void **state)
{
	struct cib_op_result res = { 0 };

	/* a <cib> given with a section stands for that section of it; its
	 * version does not matter */
	assert_int_equal(ops_run(state, CIB_OP_REPLACE, "resources", NULL,
				 "<cib epoch=\"1\"><configuration><resources><primitive id=\"q\" "
				 "class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/></resources>"
				 "</configuration></cib>",
				 0, &res),
			 0);
	assert_int_equal(ops_count(state, "//primitive"), 1);
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void by_xpath(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *last;

	assert_int_equal(ops_run(state, CIB_OP_REPLACE, NULL, "//primitive[@id='a']",
				 "<primitive id=\"a2\" class=\"ocf\" provider=\"heartbeat\" "
				 "type=\"Dummy\"/>",
				 0, &res),
			 0);
	assert_null(pcmk_xml_find_id(ops_root(state), "primitive", "a"));
	/* as pacemaker, the replacement goes last */
	last = xmlGetLastChild(ops_find(state, "//resources"));
	assert_string_equal(pcmk_xml_attr(last, "id"), "a2");
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_REPLACE, NULL, "//primitive[@id='zz']",
			   "<primitive id=\"a2\"/>", 0, -ENXIO, &res);
	cib_op_result_clear(&res);
	ops_expect_failure(state, CIB_OP_REPLACE, NULL, "/cib", "<cib/>", 0, -EINVAL, &res);
	cib_op_result_clear(&res);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(section),
		T(element_in_place),
		T(missing_element_or_wrong_section),
		T(whole_cib_older_refused),
		T(whole_cib_newer),
		T(section_of_whole_cib),
		T(by_xpath),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
