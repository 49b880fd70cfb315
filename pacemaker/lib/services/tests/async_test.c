/*
 * Asynchronous runs on a GMainLoop: many at once, one callback each from
 * the loop, cancelling, freeing in the callback and while running.
 */
#include "svc_test.h"

struct svc_tally {
	GMainLoop *loop;
	int pending;
	int calls;
	bool free_in_cb;
};

static void on_done(struct svc_action *a, void *data)
{
	struct svc_tally *t = data;

	t->calls++;
	assert_int_not_equal(a->status, PCMK_EXEC_PENDING);
	if (--t->pending == 0) {
		g_main_loop_quit(t->loop);
	}
	if (t->free_in_cb) {
		svc_action_free(a);
	}
}

static struct svc_action *start_tester(const char *sleep_s, const char *rc, struct svc_tally *t)
{
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "monitor", 0, 10000, &a),
			 0);
	assert_int_equal(svc_action_add_param(a, "sleep", sleep_s), 0);
	assert_int_equal(svc_action_add_param(a, "rc", rc), 0);
	assert_int_equal(svc_action_run_async(a, on_done, t), 0);
	assert_true(a->pid > 0);
	assert_int_equal(a->status, PCMK_EXEC_PENDING);
	t->pending++;
	return a;
}

/* Twelve agents of 0.5 s each finish together, not one after another. */
static void test_concurrent(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE) };
	struct svc_action *a[12];
	double t0 = svc_test_now();

	for (size_t i = 0; i < G_N_ELEMENTS(a); i++) {
		a[i] = start_tester("0.5", i % 2 ? "7" : "0", &t);
	}
	assert_int_equal(t.calls, 0); /* never from within run_async */
	g_main_loop_run(t.loop);
	assert_int_equal(t.calls, (int)G_N_ELEMENTS(a));
	assert_true(svc_test_now() - t0 < 4.0);
	for (size_t i = 0; i < G_N_ELEMENTS(a); i++) {
		assert_int_equal(a[i]->status, PCMK_EXEC_DONE);
		assert_int_equal(a[i]->rc, i % 2 ? PCMK_OCF_NOT_RUNNING : PCMK_OCF_OK);
		assert_string_equal(a[i]->stdout_data, "tester monitor done\n");
		assert_int_equal(svc_action_run_async(a[i], on_done, &t), -EBUSY);
		svc_action_free(a[i]);
	}
	g_main_loop_unref(t.loop);
}

static void test_free_in_callback(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE), .free_in_cb = true };

	start_tester("0", "0", &t);
	start_tester("0.2", "1", &t);
	g_main_loop_run(t.loop);
	assert_int_equal(t.calls, 2);
	g_main_loop_unref(t.loop);
}

static gboolean cancel_soon(gpointer data)
{
	assert_int_equal(svc_action_cancel(data), 0);
	return G_SOURCE_REMOVE;
}

static void test_cancel(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE) };
	struct svc_action *a = start_tester("30", "0", &t);
	double t0 = svc_test_now();

	g_timeout_add(100, cancel_soon, a);
	g_main_loop_run(t.loop);
	assert_int_equal(t.calls, 1);
	assert_int_equal(a->status, PCMK_EXEC_CANCELLED);
	assert_int_equal(a->exit_signal, SIGTERM);
	assert_true(svc_test_now() - t0 < 3.0);
	assert_int_equal(svc_action_cancel(a), -ESRCH);
	svc_action_free(a);
	assert_int_equal(svc_action_cancel(NULL), -EINVAL);
	g_main_loop_unref(t.loop);
}

/* Freeing a running action kills and reaps it; its callback never runs. */
static void test_free_running(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE) };
	struct svc_action *a = start_tester("30", "0", &t);
	pid_t pid = a->pid;

	svc_action_free(a);
	assert_false(svc_test_alive(pid));
	assert_int_equal(kill(pid, 0), -1); /* reaped, not a zombie */
	while (g_main_context_iteration(NULL, FALSE)) {
	}
	assert_int_equal(t.calls, 0);
	g_main_loop_unref(t.loop);
}

/* A start failure is reported from the loop too. */
static void test_async_exec_failure(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE) };
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "badinterp", "start", 0, 0, &a), 0);
	assert_int_equal(svc_action_run_async(a, on_done, &t), 0);
	t.pending++;
	assert_int_equal(t.calls, 0);
	g_main_loop_run(t.loop);
	assert_int_equal(a->status, PCMK_EXEC_NOT_INSTALLED);
	assert_int_equal(svc_action_run_async(NULL, on_done, &t), -EINVAL);
	svc_action_free(a);
	g_main_loop_unref(t.loop);
}

/* A synchronous run inside a callback of the default loop. */
static gboolean nested_sync(gpointer data)
{
	struct svc_tally *t = data;
	struct svc_action *a = NULL;

	assert_int_equal(svc_action_new("r", "ocf", "testprov", "tester", "monitor", 0, 0, &a), 0);
	assert_int_equal(svc_action_run_sync(a), 0);
	assert_int_equal(a->rc, PCMK_OCF_OK);
	svc_action_free(a);
	t->calls++;
	if (--t->pending == 0) {
		g_main_loop_quit(t->loop);
	}
	return G_SOURCE_REMOVE;
}

static void test_sync_inside_loop(void **state)
{
	struct svc_tally t = { .loop = g_main_loop_new(NULL, FALSE) };
	struct svc_action *slow = start_tester("0.3", "0", &t);

	t.pending++;
	g_idle_add(nested_sync, &t);
	g_main_loop_run(t.loop);
	assert_int_equal(t.calls, 2);
	assert_int_equal(slow->status, PCMK_EXEC_DONE);
	svc_action_free(slow);
	g_main_loop_unref(t.loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_concurrent),
		cmocka_unit_test(test_free_in_callback),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_free_running),
		cmocka_unit_test(test_async_exec_failure),
		cmocka_unit_test(test_sync_inside_loop),
	};

	svc_test_use_agents();
	/* valgrind cannot carry on in a child whose execve() fails */
	if (getenv("CHECK_UNDER_VALGRIND") != NULL) {
		cmocka_set_skip_filter("*exec_failure");
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
