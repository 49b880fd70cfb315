/*
 * What every write goes through: versions, the stamp, validation, the
 * patch, and the table of operations; plus cib_new_empty() and the
 * section paths.
 */
#include "ops_testutil.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void config_change_bumps_epoch(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<primitive id=\"b\" type=\"Stateful\"/>", 0, &res),
			 0);
	ops_assert_version(state, 0, 6, 0);
	assert_true(res.config_changed);
	assert_non_null(res.patch);
	cib_op_result_clear(&res);
}

static void status_change_bumps_num_updates(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, "status", NULL,
				 "<node_state id=\"1\" in_ccm=\"true\"/>", 0, &res),
			 0);
	ops_assert_version(state, 0, 5, 3);
	assert_false(res.config_changed);
	assert_non_null(res.patch);
	cib_op_result_clear(&res);
}

static void stamp_on_config_change(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *root;

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<primitive id=\"b\" type=\"Stateful\"/>", 0, &res),
			 0);
	root = ops_root(state);
	assert_string_equal(pcmk_xml_attr(root, "cib-last-written"), "Thu Dec  4 21:20:00 2025");
	assert_string_equal(pcmk_xml_attr(root, "update-origin"), "node1");
	assert_string_equal(pcmk_xml_attr(root, "update-client"), "cibadmin");
	assert_string_equal(pcmk_xml_attr(root, "update-user"), "root");
	cib_op_result_clear(&res);
}

static void no_stamp_when_asked(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<primitive id=\"b\" type=\"Stateful\"/>", CIB_OPT_NO_MTIME, &res),
			 0);
	assert_null(pcmk_xml_attr(ops_root(state), "cib-last-written"));
	assert_null(pcmk_xml_attr(ops_root(state), "update-origin"));
	ops_assert_version(state, 0, 6, 0);
	cib_op_result_clear(&res);
}

static void keep_version(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<primitive id=\"b\" type=\"Stateful\"/>", CIB_OPT_KEEP_VERSION,
				 &res),
			 0);
	ops_assert_version(state, 0, 5, 2);
	assert_true(res.config_changed);
	cib_op_result_clear(&res);
}

static void invalid_result_leaves_cib(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_MODIFY, NULL, NULL, "<primitive id=\"b\" class=\"nope\"/>",
			   0, -PCMK_E_SCHEMA, &res);
	assert_non_null(strstr(res.error, "pacemaker-3.9"));
	cib_op_result_clear(&res);
}

static void bad_requests(void **state)
{
	struct cib_op_request req = { .op = CIB_OP_COUNT };
	struct cib_op_result res = { 0 };
	xmlDoc *null_doc = NULL;
	xmlDoc *not_cib = ops_parse("<configuration/>");

	assert_int_equal(cib_op_perform((xmlDoc **)state, &req, &res), -EINVAL);
	assert_non_null(res.error);
	cib_op_result_clear(&res);
	req.op = CIB_OP_QUERY;
	assert_int_equal(cib_op_perform(&null_doc, &req, &res), -EINVAL);
	cib_op_result_clear(&res);
	assert_int_equal(cib_op_perform(NULL, &req, &res), -EINVAL);
	cib_op_result_clear(&res);
	assert_int_equal(cib_op_perform((xmlDoc **)state, NULL, &res), -EINVAL);
	cib_op_result_clear(&res);
	assert_int_equal(cib_op_perform((xmlDoc **)state, &req, NULL), -EINVAL);
	assert_int_equal(cib_op_perform(&not_cib, &req, &res), -EINVAL);
	assert_non_null(strstr(res.error, "<cib>"));
	cib_op_result_clear(&res);
	cib_op_result_clear(NULL);
	xmlFreeDoc(not_cib);
}

static void names(void **state)
{
	const char *wire[] = { "cib_query",      "cib_create", "cib_modify", "cib_replace",
			       "cib_delete",     "cib_erase",  "cib_bump",   "cib_upgrade",
			       "cib_apply_diff", "cib_sync" };

	(void)state;
	for (int op = 0; op < CIB_OP_COUNT; op++) {
		assert_string_equal(cib_op_name((enum cib_op)op), wire[op]);
		assert_int_equal(cib_op_from_name(wire[op]), op);
	}
	assert_null(cib_op_name(CIB_OP_COUNT));
	assert_int_equal(cib_op_from_name("cib_nonsense"), -EINVAL);
	assert_int_equal(cib_op_from_name(NULL), -EINVAL);
	assert_false(cib_op_is_write(CIB_OP_QUERY));
	assert_false(cib_op_is_write(CIB_OP_SYNC));
	assert_true(cib_op_is_write(CIB_OP_MODIFY));
	assert_true(cib_op_is_write(CIB_OP_ERASE));
	assert_true(cib_op_is_write(CIB_OP_APPLY_DIFF));
	assert_false(cib_op_is_write(CIB_OP_COUNT));
}

static void section_paths(void **state)
{
	(void)state;
	assert_string_equal(cib_section_path("resources"), "/cib/configuration/resources");
	assert_string_equal(cib_section_path("status"), "/cib/status");
	assert_string_equal(cib_section_path("fencing-topology"),
			    "/cib/configuration/fencing-topology");
	assert_string_equal(cib_section_path(NULL), "/cib");
	assert_string_equal(cib_section_path("all"), "/cib");
	assert_null(cib_section_path("bogus"));
}

/* What `cibadmin --empty` prints, from the real one when installed (with
 * its own schemas, not the ones of our tree). */
static char *real_empty(void)
{
	FILE *p = popen("env -u PCMK_schema_directory /usr/sbin/cibadmin --empty 2>/dev/null", "r");
	char buf[4096];
	size_t n;
	xmlDoc *doc;
	char *text;

	if (p == NULL) {
		return NULL;
	}
	n = fread(buf, 1, sizeof(buf) - 1, p);
	pclose(p);
	buf[n] = '\0';
	if (n == 0 || pcmk_xml_parse(buf, n, &doc, NULL) < 0) {
		return NULL;
	}
	text = pcmk_xml_to_string(xmlDocGetRootElement(doc), false);
	xmlFreeDoc(doc);
	return text;
}

static void empty_cib(void **state)
{
	xmlDoc *doc = cib_new_empty();
	char *text = pcmk_xml_to_string(xmlDocGetRootElement(doc), false);
	char *real;

	(void)state;
	assert_string_equal(text, "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" "
				  "epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\"><configuration>"
				  "<crm_config/><nodes/><resources/><constraints/></configuration>"
				  "<status/></cib>");
	assert_int_equal(pcmk_schema_validate(doc, NULL), 0);
	real = access("/usr/sbin/cibadmin", X_OK) == 0 ? real_empty() : NULL;
	if (real != NULL) {
		assert_string_equal(text, real);
	}
	free(real);
	free(text);
	xmlFreeDoc(doc);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(config_change_bumps_epoch),
		T(status_change_bumps_num_updates),
		T(stamp_on_config_change),
		T(no_stamp_when_asked),
		T(keep_version),
		T(invalid_result_leaves_cib),
		T(bad_requests),
		T(names),
		T(section_paths),
		T(empty_cib),
	};

	setenv("TZ", "UTC", 1);
	tzset();
	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
