/*
 * Timeouts: the agent and everything it started are gone when the result
 * arrives (DESIGN.md: an agent never outlives its timeout), SIGTERM first
 * and SIGKILL for what ignores it.
 */
#include "svc_test.h"

static pid_t read_pid(const char *path)
{
	char *text = NULL;
	pid_t pid;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	pid = (pid_t)atoi(text);
	g_free(text);
	assert_true(pid > 1);
	return pid;
}

/* Give the subreaper (or init) a moment to reap what was killed. */
static bool gone_soon(pid_t pid)
{
	for (int i = 0; i < 50 && svc_test_alive(pid); i++) {
		g_usleep(20000);
	}
	return !svc_test_alive(pid);
}

static void run_timeout(bool agent_ignores_term, double max_s)
{
	char *dir = svc_test_tmpdir();
	char *pidfile = g_build_filename(dir, "child", NULL);
	struct svc_action *a = NULL;
	double t0 = svc_test_now(), elapsed;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "start", 0, 500, &a), 0);
	assert_int_equal(svc_action_add_param(a, "sleep", "30"), 0);
	assert_int_equal(svc_action_add_param(a, "child", pidfile), 0);
	if (agent_ignores_term) {
		assert_int_equal(svc_action_add_param(a, "ignore_term", "1"), 0);
	}
	assert_int_equal(svc_action_run_sync(a), 0);
	elapsed = svc_test_now() - t0;
	assert_int_equal(a->status, PCMK_EXEC_TIMEOUT);
	assert_int_equal(a->rc, PCMK_OCF_UNKNOWN_ERROR);
	assert_true(elapsed >= 0.45);
	assert_true(elapsed < max_s);
	assert_non_null(strstr(a->exit_reason, "did not complete within 500 ms"));
	/* the child ignores SIGTERM: only the group SIGKILL ends it */
	assert_true(gone_soon(read_pid(pidfile)));
	svc_action_free(a);
	g_free(pidfile);
	svc_test_rmdir(dir);
}

static void test_timeout_kills_group(void **state)
{
	run_timeout(false, 0.5 + 1.5);
}

static void test_timeout_escalates(void **state)
{
	run_timeout(true, 0.5 + SVC_KILL_GRACE_MS / 1000.0 + 1.5);
}

/* A normal exit leaves what the agent started alone (a daemon). */
static void test_no_kill_on_success(void **state)
{
	char *dir = svc_test_tmpdir();
	char *pidfile = g_build_filename(dir, "child", NULL);
	struct svc_action *a = NULL;
	pid_t child;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "start", 0, 5000, &a), 0);
	assert_int_equal(svc_action_add_param(a, "child", pidfile), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	child = read_pid(pidfile);
	assert_true(svc_test_alive(child));
	kill(child, SIGKILL);
	assert_true(gone_soon(child));
	svc_action_free(a);
	g_free(pidfile);
	svc_test_rmdir(dir);
}

/* A child that keeps the output pipes open does not hold up the result. */
static void test_pipe_holder(void **state)
{
	char *dir = svc_test_tmpdir();
	char *pidfile = g_build_filename(dir, "holder", NULL);
	struct svc_action *a = NULL;
	double t0 = svc_test_now();
	pid_t holder;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "start", 0, 10000, &a),
			 0);
	assert_int_equal(svc_action_add_param(a, "holder", pidfile), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_true(svc_test_now() - t0 < 5.0);
	assert_int_equal(a->status, PCMK_EXEC_DONE);
	assert_string_equal(a->stdout_data, "tester start done\n");
	holder = read_pid(pidfile);
	kill(holder, SIGKILL);
	assert_true(gone_soon(holder));
	svc_action_free(a);
	g_free(pidfile);
	svc_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timeout_kills_group),
		cmocka_unit_test(test_timeout_escalates),
		cmocka_unit_test(test_no_kill_on_success),
		cmocka_unit_test(test_pipe_holder),
	};

	svc_test_use_agents();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
