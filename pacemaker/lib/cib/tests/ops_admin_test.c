/*
 * The operations on the whole CIB: erase, bump, upgrade, apply-diff,
 * sync.
 */
#include "ops_testutil.h"

#include <crm/cib/patch.h>

static void erase(void **state)
{
	struct cib_op_result res = { 0 };
	xmlNode *root;

	assert_int_equal(
		ops_run(state, CIB_OP_MODIFY, NULL, NULL, "<cib have-quorum=\"1\"/>", 0, &res), 0);
	cib_op_result_clear(&res);
	assert_int_equal(ops_run(state, CIB_OP_ERASE, NULL, NULL, NULL, CIB_OPT_FORCE, &res), 0);
	root = ops_root(state);
	/* admin_epoch + 1 so that the empty CIB wins; epoch moves on too */
	ops_assert_version(state, 1, 6, 0);
	assert_string_equal(pcmk_xml_attr(root, "have-quorum"), "1");
	assert_int_equal(ops_count(state, "//primitive | //node_state"), 0);
	assert_int_equal(ops_count(state, "/cib/configuration/resources"), 1);
	assert_int_equal(ops_count(state, "/cib/status"), 1);
	assert_true(res.config_changed);
	cib_op_result_clear(&res);
}

static void bump(void **state)
{
	struct cib_op_result res = { 0 };

	/* as pacemaker: epoch + 1, and the change itself counts an update */
	assert_int_equal(ops_run(state, CIB_OP_BUMP, NULL, NULL, NULL, 0, &res), 0);
	ops_assert_version(state, 0, 6, 3);
	assert_non_null(res.patch);
	cib_op_result_clear(&res);
}

static void upgrade(void **state)
{
	struct cib_op_result res = { 0 };

	assert_int_equal(ops_run(state, CIB_OP_MODIFY, NULL, NULL,
				 "<cib validate-with=\"pacemaker-2.0\"/>", 0, &res),
			 0);
	cib_op_result_clear(&res);
	ops_assert_version(state, 0, 5, 3);
	assert_int_equal(ops_run(state, CIB_OP_UPGRADE, NULL, NULL, NULL, CIB_OPT_FORCE, &res), 0);
	assert_string_equal(pcmk_xml_attr(ops_root(state), "validate-with"), pcmk_schema_latest());
	/* pacemaker restarts at admin_epoch + 1, epoch 1, num_updates 1 and
	 * counts the change */
	ops_assert_version(state, 1, 1, 2);
	cib_op_result_clear(&res);
	/* already the newest: nothing to do, no error */
	assert_int_equal(ops_run(state, CIB_OP_UPGRADE, NULL, NULL, NULL, CIB_OPT_FORCE, &res), 0);
	assert_null(res.patch);
	ops_assert_version(state, 1, 1, 2);
	cib_op_result_clear(&res);
}

/* The patch from the base CIB to the base CIB with one change. */
static xmlNode *patch_for(void **state, const char *section, const char *data)
{
	xmlDoc *other = ops_parse(ops_base_cib);
	struct cib_op_result res = { 0 };
	xmlNode *patch = NULL;

	assert_int_equal(ops_run((void **)&other, CIB_OP_CREATE, section, NULL, data, 0, &res), 0);
	cib_op_result_clear(&res);
	assert_int_equal(
		cib_patch_create(ops_root(state), xmlDocGetRootElement(other), &patch, NULL), 0);
	xmlFreeDoc(other);
	return patch;
}

static int apply(void **state, const xmlNode *patch, unsigned int options,
		 struct cib_op_result *res)
{
	struct cib_op_request req = { .op = CIB_OP_APPLY_DIFF, .data = patch, .options = options };

	return cib_op_perform((xmlDoc **)state, &req, res);
}

static void apply_diff(void **state)
{
	xmlNode *patch = patch_for(state, "resources",
				   "<primitive id=\"c\" class=\"ocf\" provider=\"heartbeat\" "
				   "type=\"Dummy\"/>");
	struct cib_op_result res = { 0 };

	/* the patch's target (0.6.0), then counted as a configuration change */
	assert_int_equal(apply(state, patch, 0, &res), 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "primitive", "c"));
	ops_assert_version(state, 0, 7, 0);
	cib_op_result_clear(&res);
	/* a second time: the CIB is newer than the patch's source */
	assert_int_equal(apply(state, patch, 0, &res), -PCMK_E_OLD_DATA);
	assert_non_null(res.error);
	ops_assert_version(state, 0, 7, 0);
	cib_op_result_clear(&res);
	pcmk_xml_free(patch);
}

static void apply_diff_counts_after_target(void **state)
{
	xmlNode *patch = patch_for(state, "status", "<node_state id=\"2\" uname=\"n2\"/>");
	struct cib_op_result res = { 0 };

	/* as `cibadmin -P` on a file: the patch's target (0.5.3), counted once
	 * more as a status change */
	assert_int_equal(apply(state, patch, 0, &res), 0);
	assert_non_null(pcmk_xml_find_id(ops_root(state), "node_state", "2"));
	ops_assert_version(state, 0, 5, 4);
	assert_false(res.config_changed);
	cib_op_result_clear(&res);
	pcmk_xml_free(patch);
}

static void apply_diff_needs_a_patch(void **state)
{
	struct cib_op_result res = { 0 };

	ops_expect_failure(state, CIB_OP_APPLY_DIFF, NULL, NULL, NULL, 0, -EINVAL, &res);
	cib_op_result_clear(&res);
}

static void sync_changes_nothing(void **state)
{
	struct cib_op_result res = { 0 };
	xmlDoc *before = *state;

	assert_int_equal(ops_run(state, CIB_OP_SYNC, NULL, NULL, NULL, 0, &res), 0);
	assert_ptr_equal(*state, before);
	assert_null(res.patch);
	cib_op_result_clear(&res);
}

#define T(f) cmocka_unit_test_setup_teardown(f, ops_setup, ops_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(erase),
		T(bump),
		T(upgrade),
		T(apply_diff),
		T(apply_diff_counts_after_target),
		T(apply_diff_needs_a_patch),
		T(sync_changes_nothing),
	};

	return ops_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
