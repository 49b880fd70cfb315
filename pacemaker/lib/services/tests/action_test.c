/*
 * Synchronous runs: the OCF environment, results, output capture and
 * truncation, exit reasons, LSB scripts, and bad input that must start
 * nothing.
 */
#include "svc_test.h"

static struct svc_action *new_tester(const char *action)
{
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("rsc1", "ocf", "testprov", "tester", action, 0, 5000, &a),
			 0);
	return a;
}

static void run_ok(struct svc_action *a)
{
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
}

static void test_environment(void **state)
{
	char *dir = svc_test_tmpdir();
	char *env = g_build_filename(dir, "env", NULL);
	struct svc_action *a = NULL;
	char *fds;
	static const char *const want[][2] = {
		{ "OCF_ROOT", NULL },
		{ "OCF_RA_VERSION_MAJOR", "1" },
		{ "OCF_RA_VERSION_MINOR", "1" },
		{ "OCF_RESOURCE_INSTANCE", "web-ip" },
		{ "OCF_RESOURCE_TYPE", "tester" },
		{ "OCF_RESOURCE_PROVIDER", "testprov" },
		{ "OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:" },
		{ "OCF_RESKEY_ip", "10.0.0.1 with spaces" },
		{ "OCF_RESKEY_CRM_meta_timeout", "7000" },
		{ "OCF_RESKEY_CRM_meta_interval", "30000" },
		{ "OCF_RESKEY_CRM_meta_name", "monitor" },
		{ "PATH", NULL },
		{ "PWD_IS", "/" },
		{ "ACTION_IS", "monitor" },
	};

	setenv("OCF_RESKEY_stale", "from our own environment", 1);
	/* a descriptor the daemon forgot to mark close-on-exec */
	assert_int_equal(dup2(STDOUT_FILENO, 50), 50);
	assert_int_equal(
		svc_action_new("web-ip", "ocf", "testprov", "tester", "monitor", 30000, 7000, &a),
		0);
	assert_int_equal(svc_action_add_param(a, "ip", "10.0.0.1 with spaces"), 0);
	assert_int_equal(svc_action_add_param(a, "envfile", env), 0);
	assert_int_equal(svc_action_add_param(a, "CRM_meta_name", "monitor"), 0);
	run_ok(a);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		char *v = svc_test_file_var(env, want[i][0]);
		const char *expect = want[i][1];

		if (expect == NULL) {
			expect = getenv(want[i][0]);
		}
		assert_non_null(v);
		assert_string_equal(v, expect);
		g_free(v);
	}
	assert_null(svc_test_file_var(env, "OCF_RESKEY_stale"));
	fds = svc_test_file_var(env, "FDS_IS");
	assert_non_null(strstr(fds, " 0 1 "));
	assert_null(strstr(fds, " 50 "));
	g_free(fds);
	close(50);
	unsetenv("OCF_RESKEY_stale");
	svc_action_free(a);
	g_free(env);
	svc_test_rmdir(dir);
}

/* A caller's CRM_meta_timeout (the CIB's) wins over the action's. */
static void test_meta_from_params(void **state)
{
	char *dir = svc_test_tmpdir();
	char *env = g_build_filename(dir, "env", NULL);
	struct svc_action *a = new_tester("start");
	char *v;

	assert_int_equal(svc_action_add_param(a, "CRM_meta_timeout", "20000"), 0);
	assert_int_equal(svc_action_add_param(a, "envfile", env), 0);
	run_ok(a);
	v = svc_test_file_var(env, "OCF_RESKEY_CRM_meta_timeout");
	assert_string_equal(v, "20000");
	g_free(v);
	/* no interval: none passed */
	assert_null(svc_test_file_var(env, "OCF_RESKEY_CRM_meta_interval"));
	v = svc_test_file_var(env, "OCF_RESOURCE_INSTANCE");
	assert_string_equal(v, "rsc1");
	g_free(v);
	svc_action_free(a);
	g_free(env);
	svc_test_rmdir(dir);
}

static void test_exit_codes(void **state)
{
	static const char *const codes[] = { "0", "1", "2", "5", "7", "8", "190" };

	for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
		struct svc_action *a = new_tester("monitor");

		assert_int_equal(svc_action_add_param(a, "rc", codes[i]), 0);
		run_ok(a);
		assert_int_equal(a->rc, atoi(codes[i]));
		assert_int_equal(a->exit_code, atoi(codes[i]));
		assert_int_equal(a->exit_signal, 0);
		assert_int_equal(a->pid, 0);
		svc_action_free(a);
	}
}

static void test_output_and_reason(void **state)
{
	struct svc_action *a = new_tester("start");

	assert_int_equal(svc_action_add_param(a, "rc", "6"), 0);
	assert_int_equal(svc_action_add_param(a, "reason", "ip is not configured"), 0);
	assert_int_equal(svc_action_add_param(a, "err_text", "an error line"), 0);
	run_ok(a);
	assert_int_equal(a->rc, PCMK_OCF_NOT_CONFIGURED);
	assert_string_equal(a->exit_reason, "ip is not configured");
	assert_string_equal(a->stdout_data, "tester start done\n");
	assert_string_equal(a->stderr_data, "an error line\nocf-exit-reason:an earlier reason\n"
					    "ocf-exit-reason:ip is not configured\n");
	assert_false(a->stdout_truncated);
	svc_action_free(a);

	a = new_tester("start");
	run_ok(a);
	assert_null(a->exit_reason);
	assert_string_equal(a->stderr_data, "");
	svc_action_free(a);
}

static void test_large_output(void **state)
{
	struct svc_action *a = new_tester("monitor");

	/* more than a pipe holds: the agent must not block on a full pipe */
	assert_int_equal(svc_action_add_param(a, "out_bytes", "200000"), 0);
	run_ok(a);
	assert_int_equal(strlen(a->stdout_data), 200000 + strlen("tester monitor done\n"));
	assert_false(a->stdout_truncated);
	svc_action_free(a);
}

static void test_truncation(void **state)
{
	struct svc_action *a = new_tester("monitor");

	assert_int_equal(svc_action_add_param(a, "out_bytes", "100000"), 0);
	assert_int_equal(svc_action_add_param(a, "err_text", "0123456789"), 0);
	assert_int_equal(svc_action_set_output_limit(a, 1000), 0);
	run_ok(a);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	assert_int_equal(strlen(a->stdout_data), 1000);
	assert_true(a->stdout_truncated);
	assert_string_equal(a->stderr_data, "0123456789\n");
	assert_false(a->stderr_truncated);
	assert_int_equal(svc_action_set_output_limit(a, 10), -EBUSY);
	svc_action_free(a);

	a = new_tester("monitor");
	assert_int_equal(svc_action_set_output_limit(a, 0), 0);
	run_ok(a);
	assert_string_equal(a->stdout_data, "");
	assert_true(a->stdout_truncated);
	svc_action_free(a);
}

static void test_lsb(void **state)
{
	static const struct {
		const char *action, *code;
		int rc;
		const char *ran;
	} cases[] = {
		{ "monitor", "0", PCMK_OCF_OK, "status" },
		{ "monitor", "3", PCMK_OCF_NOT_RUNNING, "status" },
		{ "status", "1", PCMK_OCF_NOT_RUNNING, "status" },
		{ "monitor", "4", PCMK_OCF_UNKNOWN_ERROR, "status" },
		{ "stop", "0", PCMK_OCF_OK, "stop" },
		{ "start", "5", PCMK_OCF_NOT_INSTALLED, "start" },
		{ "start", "9", PCMK_OCF_UNKNOWN_ERROR, "start" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct svc_action *a = NULL;
		char *out = g_strdup_printf("lsbtest %s OCF_ROOT=unset FOO=unset\n", cases[i].ran);

		setenv("LSBTEST_CODE", cases[i].code, 1);
		unsetenv("OCF_ROOT");
		assert_int_equal(
			svc_action_new("svc", "lsb", NULL, "lsbtest", cases[i].action, 0, 0, &a),
			0);
		assert_null(a->provider);
		/* LSB scripts take no parameters */
		assert_int_equal(svc_action_add_param(a, "foo", "bar"), 0);
		run_ok(a);
		assert_int_equal(a->rc, cases[i].rc);
		assert_string_equal(a->stdout_data, out);
		svc_action_free(a);
		g_free(out);
		svc_test_use_agents();
	}
	unsetenv("LSBTEST_CODE");
}

static void test_bad_input(void **state)
{
	struct svc_action *a = (struct svc_action *)&a;

	assert_int_equal(svc_action_new("r", "upstart", NULL, "x", "start", 0, 0, &a),
			 -EPROTONOSUPPORT);
	assert_int_equal(svc_action_new("r", "ocf", "testprov", "nosuch", "start", 0, 0, &a),
			 -ENOENT);
	assert_int_equal(svc_action_new("r", "ocf", NULL, "tester", "start", 0, 0, &a), -EINVAL);
	assert_int_equal(
		svc_action_new("r", "ocf", "testprov", "../testprov/tester", "start", 0, 0, &a),
		-EINVAL);
	assert_int_equal(svc_action_new("r", "lsb", NULL, "README", "start", 0, 0, &a), -ENOENT);
	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "", 0, 0, &a), -EINVAL);
	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", NULL, 0, 0, &a), -EINVAL);
	assert_int_equal(svc_action_new("r", "ocf", "testprov", NULL, "start", 0, 0, &a), -EINVAL);
	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "start", 0, 0, NULL),
			 -EINVAL);

	a = new_tester("start");
	assert_int_equal(svc_action_add_param(a, "", "x"), -EINVAL);
	assert_int_equal(svc_action_add_param(a, "a=b", "x"), -EINVAL);
	assert_int_equal(svc_action_add_param(a, "a", "two\nlines"), -EINVAL);
	assert_int_equal(svc_action_add_param(NULL, "a", "b"), -EINVAL);
	run_ok(a);
	assert_int_equal(svc_action_run_sync(a), -EBUSY);
	assert_int_equal(svc_action_add_param(a, "a", "b"), -EBUSY);
	assert_int_equal(svc_action_run_sync(NULL), -EINVAL);
	svc_action_free(a);
	svc_action_free(NULL);
}

/* An agent that cannot be executed: a result, not a crash or a hang. */
static void test_exec_failure(void **state)
{
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "badinterp", "start", 0, 0, &a), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_NOT_INSTALLED);
	assert_int_equal(a->rc, PCMK_OCF_NOT_INSTALLED);
	assert_non_null(strstr(a->exit_reason, "badinterp"));
	assert_non_null(strstr(a->exit_reason, "No such file or directory"));
	svc_action_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_environment),  cmocka_unit_test(test_meta_from_params),
		cmocka_unit_test(test_exit_codes),   cmocka_unit_test(test_output_and_reason),
		cmocka_unit_test(test_large_output), cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_lsb),          cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_exec_failure),
	};

	svc_test_use_agents();
	/* valgrind cannot carry on in a child whose execve() fails */
	if (getenv("CHECK_UNDER_VALGRIND") != NULL) {
		cmocka_set_skip_filter("*exec_failure");
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
