/*
 * The stonith standard: fence agents through the stdin protocol, and
 * cluster-glue plugins through the stonith command.
 */
#include "svc_test.h"

static struct svc_action *new_fence(const char *type, const char *action)
{
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("fence1", "stonith", NULL, type, action, 0, 5000, &a), 0);
	return a;
}

static void test_stdin_protocol(void **state)
{
	char *dir = svc_test_tmpdir();
	char *rec = g_build_filename(dir, "stdin", NULL);
	struct svc_action *a = new_fence("fence_tester", "off");
	char *text = NULL, *want;

	assert_int_equal(svc_action_add_param(a, "recordfile", rec), 0);
	assert_int_equal(svc_action_add_param(a, "port", "node2"), 0);
	assert_int_equal(svc_action_add_param(a, "ipaddr", "192.0.2.1"), 0);
	/* for the cluster, not the device */
	assert_int_equal(svc_action_add_param(a, "CRM_meta_timeout", "20000"), 0);
	assert_int_equal(svc_action_add_param(a, "pcmk_host_list", "node2"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	assert_string_equal(a->stdout_data, "fence_tester off\n");
	assert_true(g_file_get_contents(rec, &text, NULL, NULL));
	want = g_strdup_printf("action=off\nipaddr=192.0.2.1\nport=node2\nrecordfile=%s\n", rec);
	assert_string_equal(text, want);
	g_free(want);
	g_free(text);
	svc_action_free(a);
	g_free(rec);
	svc_test_rmdir(dir);
}

static void test_results(void **state)
{
	struct svc_action *a = new_fence("fence_tester", "status");

	assert_int_equal(svc_action_add_param(a, "state", "off"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_NOT_RUNNING);
	svc_action_free(a);

	a = new_fence("fence_tester", "monitor");
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	svc_action_free(a);

	a = new_fence("fence_tester", "reboot");
	assert_int_equal(svc_action_add_param(a, "rc", "1"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->exit_code, 1);
	assert_int_equal(a->rc, PCMK_OCF_UNKNOWN_ERROR);
	svc_action_free(a);
}

static void test_plugin(void **state)
{
	char *dir = svc_test_tmpdir();
	char *rec = g_build_filename(dir, "args", NULL);
	struct svc_action *a = new_fence("external/ssh", "reboot");
	char *text = NULL;

	setenv("STONITH_RECORD", rec, 1);
	assert_int_equal(svc_action_add_param(a, "hostlist", "node1 node2"), 0);
	assert_int_equal(svc_action_add_param(a, "port", "node2"), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	assert_true(g_file_get_contents(rec, &text, NULL, NULL));
	assert_string_equal(text, "args=-t external/ssh -E -T reset node2 hostlist=node1 node2\n");
	g_free(text);
	svc_action_free(a);

	a = new_fence("null", "monitor");
	setenv("STONITH_RC", "2", 1);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_UNKNOWN_ERROR);
	assert_true(g_file_get_contents(rec, &text, NULL, NULL));
	assert_string_equal(text, "args=-t null -E -S hostlist=\n");
	g_free(text);
	unsetenv("STONITH_RC");
	unsetenv("STONITH_RECORD");
	svc_action_free(a);
	g_free(rec);
	svc_test_rmdir(dir);
}

/* Actions the stonith command has no option for, or a reset without a
 * target, end as "not supported" without running anything. */
static void test_plugin_unsupported(void **state)
{
	struct svc_action *a = new_fence("null", "frobnicate");

	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_NOT_SUPPORTED);
	assert_int_equal(a->rc, PCMK_OCF_UNIMPLEMENT_FEATURE);
	assert_non_null(strstr(a->exit_reason, "frobnicate"));
	svc_action_free(a);

	a = new_fence("null", "off");
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_NOT_SUPPORTED);
	svc_action_free(a);
}

static void test_bad_names(void **state)
{
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("f", "stonith", NULL, "fence_nosuch", "off", 0, 0, &a),
			 -ENOENT);
	assert_int_equal(svc_action_new("f", "stonith", NULL, "../../bin/sh", "off", 0, 0, &a),
			 -EINVAL);
	assert_int_equal(svc_action_new("f", "stonith", NULL, "not_a_fence_agent", "off", 0, 0, &a),
			 0);
	/* not fence_*: taken for a plugin type, run by the stonith command */
	assert_true(g_str_has_suffix(a->path, "/bin/stonith"));
	svc_action_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stdin_protocol), cmocka_unit_test(test_results),
		cmocka_unit_test(test_plugin),         cmocka_unit_test(test_plugin_unsupported),
		cmocka_unit_test(test_bad_names),
	};

	svc_test_use_agents();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
