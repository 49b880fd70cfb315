/*
 * The children's state machine, driven with a table of small shell
 * scripts in a temporary daemon directory: start order, a missing binary,
 * waiting for a child's IPC, respawn after a kill, the respawn limit, a
 * fatal exit, fail-fast, reverse-order stop, SIGKILL after the stop
 * timeout, and reaping orphans.  Each script appends "start NAME" and
 * "stop NAME" lines to a shared event log.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/log.h>
#include <crm/common/results.h>
#include "../pcmkd_children.h"

static char dir[] = "/tmp/pcmkd_children_test.XXXXXX";
static char *events;

/* Runs until SIGTERM, logging its start and stop. */
static const char normal_script[] = "#!/bin/sh\n"
				    "n=${0##*/}\n"
				    "trap 'echo stop $n >> \"$PCMKD_TEST_EVENTS\"; exit 0' TERM\n"
				    "echo start $n >> \"$PCMKD_TEST_EVENTS\"\n"
				    "while :; do sleep 0.05; done\n";
/* Ignores SIGTERM. */
static const char stubborn_script[] = "#!/bin/sh\n"
				      "trap '' TERM\n"
				      "echo start ${0##*/} >> \"$PCMKD_TEST_EVENTS\"\n"
				      "while :; do sleep 0.05; done\n";
/* Fails after a moment with the status in its name (crash1, fatal100). */
static const char failing_script[] = "#!/bin/sh\n"
				     "n=${0##*/}\n"
				     "echo start $n >> \"$PCMKD_TEST_EVENTS\"\n"
				     "sleep 0.3\n"
				     "exit ${n##*[a-z]}\n";
/* Leaves a background process behind when killed. */
static const char parent_script[] = "#!/bin/sh\n"
				    "sleep 1 &\n"
				    "echo orphan $! >> \"$PCMKD_TEST_EVENTS\"\n"
				    "echo start ${0##*/} >> \"$PCMKD_TEST_EVENTS\"\n"
				    "while :; do sleep 0.05; done\n";
/* Serves IPC through the example echo server. */
static const char server_script[] = "#!/bin/sh\n"
				    "echo start ${0##*/} >> \"$PCMKD_TEST_EVENTS\"\n"
				    "exec \"$PCMKD_TEST_ECHOD\" \"$PCMKD_TEST_IPC\"\n";

static void write_script(const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);

	assert_true(g_file_set_contents(path, text, -1, NULL));
	assert_int_equal(chmod(path, 0755), 0);
	g_free(path);
}

static int setup_dir(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL) {
		return -1;
	}
	events = g_build_filename(dir, "events", NULL);
	setenv("PCMKD_TEST_EVENTS", events, 1);
	write_script("a", normal_script);
	write_script("b", normal_script);
	write_script("c", normal_script);
	write_script("stubborn", stubborn_script);
	write_script("crash1", failing_script);
	write_script("fatal100", failing_script);
	write_script("parent", parent_script);
	write_script("server", server_script);
	return 0;
}

static int teardown_dir(void **state)
{
	char *cmd = g_strdup_printf("rm -rf '%s'", dir);

	(void)state;
	if (system(cmd) != 0) {
		fprintf(stderr, "# could not remove %s\n", dir);
	}
	g_free(cmd);
	g_free(events);
	return 0;
}

static int clear_events(void **state)
{
	(void)state;
	unlink(events);
	return 0;
}

/* ---- running the machine ---- */

struct run {
	struct pcmkd_children *c;
	bool stopped;
	int exit_code;
};

static void on_stopped(int exit_code, void *data)
{
	struct run *r = data;

	r->stopped = true;
	r->exit_code = exit_code;
}

static struct pcmkd_children_config config(const struct pcmkd_child_def *table, size_t n,
					   struct run *r)
{
	return (struct pcmkd_children_config){
		.table = table,
		.n_children = n,
		.daemon_dir = dir,
		.respawn_max = 5,
		.respawn_window_ms = 60000,
		.stop_timeout_ms = 5000,
		.ready_timeout_ms = 300,
		.stopped = on_stopped,
		.data = r,
	};
}

static gboolean tick(gpointer data)
{
	(void)data;
	return G_SOURCE_CONTINUE;
}

/* Run the main loop until @cond holds; false after @timeout_ms. */
static bool run_until(bool (*cond)(struct run *), struct run *r, int timeout_ms)
{
	gint64 end = g_get_monotonic_time() + (gint64)timeout_ms * 1000;
	guint ticker = g_timeout_add(10, tick, NULL);
	bool ok;

	while (!(ok = cond(r)) && g_get_monotonic_time() < end) {
		g_main_context_iteration(NULL, TRUE);
	}
	g_source_remove(ticker);
	return ok;
}

static char *read_events(void)
{
	char *text = NULL;

	if (!g_file_get_contents(events, &text, NULL, NULL)) {
		return g_strdup("");
	}
	return text;
}

/* How many event lines contain @word. */
static unsigned count_events(const char *word)
{
	char *text = read_events();
	unsigned n = 0;

	for (const char *p = text; (p = strstr(p, word)) != NULL; p++) {
		n++;
	}
	g_free(text);
	return n;
}

static bool is_running(struct run *r)
{
	return pcmkd_children_state(r->c) == PCMKD_STATE_RUNNING;
}

static bool is_stopped(struct run *r)
{
	return r->stopped;
}

static unsigned wanted_starts;
static bool enough_starts(struct run *r)
{
	(void)r;
	return count_events("start ") >= wanted_starts;
}

static void wait_starts(struct run *r, unsigned n)
{
	wanted_starts = n;
	assert_true(run_until(enough_starts, r, 10000));
}

static struct pcmkd_child_status status_of(struct run *r, size_t i)
{
	struct pcmkd_child_status st;

	pcmkd_children_status(r->c, i, &st);
	return st;
}

static void assert_events(const char *expected)
{
	char *text = read_events();

	assert_string_equal(text, expected);
	g_free(text);
}

static void start(struct run *r, const struct pcmkd_children_config *cfg)
{
	assert_int_equal(pcmkd_children_new(cfg, &r->c), 0);
	assert_int_equal(pcmkd_children_start(r->c), 0);
	assert_int_equal(pcmkd_children_start(r->c), -EALREADY);
}

static void stop_and_free(struct run *r, int expected_code)
{
	pcmkd_children_shutdown(r->c, expected_code);
	assert_true(run_until(is_stopped, r, 10000));
	assert_int_equal(r->exit_code, expected_code);
	assert_int_equal(pcmkd_children_state(r->c), PCMKD_STATE_STOPPED);
	for (size_t i = 0; i < pcmkd_children_count(r->c); i++) {
		assert_int_equal(status_of(r, i).pid, 0);
	}
	pcmkd_children_free(r->c);
}

/* ---- the tests ---- */

static void starts_in_order_skips_missing_stops_in_reverse(void **state)
{
	/* the IPC names never answer: each start waits the ready timeout */
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "ghost", NULL, false },
		{ "b", "pcmkd-test-none-b", false },
		{ "c", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	start(&r, &cfg);
	assert_int_equal(pcmkd_children_state(r.c), PCMKD_STATE_STARTING);
	assert_int_equal(status_of(&r, 0).state, PCMKD_CHILD_STARTING);
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_ABSENT);
	assert_int_equal(status_of(&r, 2).state, PCMKD_CHILD_STOPPED);
	assert_true(run_until(is_running, &r, 5000));
	wait_starts(&r, 3);
	assert_events("start a\nstart b\nstart c\n");
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_ABSENT);
	assert_int_equal(status_of(&r, 1).pid, 0);
	stop_and_free(&r, PCMK_EX_OK);
	assert_events("start a\nstart b\nstart c\nstop c\nstop b\nstop a\n");
}

static bool server_ready(struct run *r)
{
	return status_of(r, 0).state == PCMKD_CHILD_RUNNING;
}

static void waits_for_ipc_before_next(void **state)
{
	char ipc[64];

	(void)state;
	if (access(ECHOD_PATH, X_OK) != 0) {
		skip();
	}
	snprintf(ipc, sizeof(ipc), "pcmkd-test-%d", (int)getpid());
	setenv("PCMKD_TEST_ECHOD", ECHOD_PATH, 1);
	setenv("PCMKD_TEST_IPC", ipc, 1);

	const struct pcmkd_child_def table[] = {
		{ "server", ipc, false },
		{ "b", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	cfg.ready_timeout_ms = 20000;
	start(&r, &cfg);
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_STOPPED);
	/* b starts once the server answers, long before the timeout */
	assert_true(run_until(server_ready, &r, 10000));
	assert_true(run_until(is_running, &r, 1000));
	wait_starts(&r, 2);
	assert_events("start server\nstart b\n");
	stop_and_free(&r, PCMK_EX_OK);
}

static pid_t old_pid;
static bool b_respawned(struct run *r)
{
	struct pcmkd_child_status st = status_of(r, 1);

	return st.pid > 0 && st.pid != old_pid && st.state == PCMKD_CHILD_RUNNING;
}

static void respawns_a_killed_child(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "b", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	start(&r, &cfg);
	wait_starts(&r, 2);
	old_pid = status_of(&r, 1).pid;
	assert_true(old_pid > 0);
	assert_int_equal(kill(old_pid, SIGKILL), 0);
	assert_true(run_until(b_respawned, &r, 5000));
	assert_int_equal(status_of(&r, 1).respawns, 1);
	assert_int_equal(status_of(&r, 0).respawns, 0);
	wait_starts(&r, 3);
	assert_int_equal(pcmkd_children_state(r.c), PCMKD_STATE_RUNNING);
	stop_and_free(&r, PCMK_EX_OK);
	assert_events("start a\nstart b\nstart b\nstop b\nstop a\n");
}

static void respawn_limit_stops_the_node(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "crash1", NULL, false },
		{ "c", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	cfg.respawn_max = 2;
	start(&r, &cfg);
	assert_true(run_until(is_stopped, &r, 10000));
	assert_int_equal(r.exit_code, PCMK_EX_FATAL);
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_FAILED);
	assert_int_equal(status_of(&r, 1).respawns, 2);
	assert_int_equal(count_events("start crash1"), 3);
	assert_int_equal(status_of(&r, 0).state, PCMKD_CHILD_STOPPED);
	assert_int_equal(status_of(&r, 2).state, PCMKD_CHILD_STOPPED);
	char *text = read_events();
	assert_true(g_str_has_suffix(text, "stop c\nstop a\n"));
	g_free(text);
	pcmkd_children_free(r.c);
}

static void respawns_outside_the_window_are_forgiven(void **state)
{
	const struct pcmkd_child_def table[] = { { "crash1", NULL, false } };
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	/* one respawn allowed per 100 ms; the script runs 300 ms */
	cfg.respawn_max = 1;
	cfg.respawn_window_ms = 100;
	start(&r, &cfg);
	wait_starts(&r, 4);
	assert_false(r.stopped);
	assert_true(status_of(&r, 0).respawns >= 3);
	stop_and_free(&r, PCMK_EX_OK);
}

static void fatal_exit_stops_the_node(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "fatal100", NULL, false },
		{ "c", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	start(&r, &cfg);
	assert_true(run_until(is_stopped, &r, 10000));
	assert_int_equal(r.exit_code, PCMK_EX_FATAL);
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_FAILED);
	assert_int_equal(status_of(&r, 1).respawns, 0);
	char *text = read_events();
	assert_true(g_str_has_suffix(text, "stop c\nstop a\n"));
	assert_int_equal(count_events("start fatal100"), 1);
	g_free(text);
	pcmkd_children_free(r.c);
}

static void fail_fast_does_not_respawn(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "b", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	cfg.fail_fast = true;
	start(&r, &cfg);
	wait_starts(&r, 2);
	assert_int_equal(kill(status_of(&r, 1).pid, SIGKILL), 0);
	assert_true(run_until(is_stopped, &r, 10000));
	assert_int_equal(r.exit_code, PCMK_EX_FATAL);
	assert_int_equal(status_of(&r, 1).state, PCMKD_CHILD_FAILED);
	assert_events("start a\nstart b\nstop a\n");
	pcmkd_children_free(r.c);
}

static void sigkill_after_the_stop_timeout(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "stubborn", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	cfg.stop_timeout_ms = 400;
	start(&r, &cfg);
	wait_starts(&r, 2);
	gint64 begin = g_get_monotonic_time();
	stop_and_free(&r, PCMK_EX_OK);
	assert_true(g_get_monotonic_time() - begin >= 400 * 1000);
	assert_events("start a\nstart stubborn\nstop a\n");
}

static void shutdown_while_starting_and_twice(void **state)
{
	const struct pcmkd_child_def table[] = {
		{ "a", "pcmkd-test-none-a", false },
		{ "b", NULL, false },
	};
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	cfg.ready_timeout_ms = 60000;
	start(&r, &cfg);
	wait_starts(&r, 1);
	pcmkd_children_shutdown(r.c, 3);
	pcmkd_children_shutdown(r.c, 4); /* the first code counts */
	assert_int_equal(pcmkd_children_state(r.c), PCMKD_STATE_SHUTTING_DOWN);
	stop_and_free(&r, 3);
	assert_events("start a\nstop a\n");
}

static void nothing_installed(void **state)
{
	const struct pcmkd_child_def table[] = { { "ghost1", NULL, false },
						 { "ghost2", "x", true } };
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);

	(void)state;
	cfg.user = "no-such-user-pcmkd";
	start(&r, &cfg);
	assert_int_equal(pcmkd_children_state(r.c), PCMKD_STATE_RUNNING);
	stop_and_free(&r, PCMK_EX_OK);
}

static bool orphan_reaped(struct run *r)
{
	(void)r;
	return kill(old_pid, 0) < 0 && errno == ESRCH;
}

static void reaps_orphans(void **state)
{
	const struct pcmkd_child_def table[] = { { "parent", NULL, false } };
	struct run r = { 0 };
	struct pcmkd_children_config cfg = config(table, G_N_ELEMENTS(table), &r);
	char *text;

	(void)state;
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		skip();
	}
	start(&r, &cfg);
	wait_starts(&r, 1);
	text = read_events();
	assert_int_equal(sscanf(text, "orphan %d", &old_pid), 1);
	g_free(text);
	assert_int_equal(kill(status_of(&r, 0).pid, SIGKILL), 0);
	/* the orphan's sleep ends within a second; a zombie would stay */
	assert_true(run_until(orphan_reaped, &r, 5000));
	stop_and_free(&r, PCMK_EX_OK);
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

static void state_words(void **state)
{
	(void)state;
	assert_string_equal(pcmkd_state_str(PCMKD_STATE_SHUTTING_DOWN), "shutting down");
	assert_string_equal(pcmkd_state_str(PCMKD_STATE_RUNNING), "running");
	assert_string_equal(pcmkd_state_str((enum pcmkd_state)99), "unknown");
	assert_string_equal(pcmkd_child_state_str(PCMKD_CHILD_ABSENT), "absent");
	assert_string_equal(pcmkd_child_state_str(PCMKD_CHILD_FAILED), "failed");
	assert_string_equal(pcmkd_child_state_str((enum pcmkd_child_state)99), "unknown");
}

static void the_real_table(void **state)
{
	static const char *const order[] = {
		"cib", "stonithd", "lrmd", "attrd", "pengine", "crmd"
	};

	(void)state;
	assert_int_equal(pcmkd_child_table_len, G_N_ELEMENTS(order));
	for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
		assert_string_equal(pcmkd_child_table[i].name, order[i]);
	}
	assert_true(pcmkd_child_table[0].cluster_user);
	assert_false(pcmkd_child_table[2].cluster_user);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(starts_in_order_skips_missing_stops_in_reverse,
				       clear_events),
		cmocka_unit_test_setup(waits_for_ipc_before_next, clear_events),
		cmocka_unit_test_setup(respawns_a_killed_child, clear_events),
		cmocka_unit_test_setup(respawn_limit_stops_the_node, clear_events),
		cmocka_unit_test_setup(respawns_outside_the_window_are_forgiven, clear_events),
		cmocka_unit_test_setup(fatal_exit_stops_the_node, clear_events),
		cmocka_unit_test_setup(fail_fast_does_not_respawn, clear_events),
		cmocka_unit_test_setup(sigkill_after_the_stop_timeout, clear_events),
		cmocka_unit_test_setup(shutdown_while_starting_and_twice, clear_events),
		cmocka_unit_test_setup(nothing_installed, clear_events),
		cmocka_unit_test_setup(reaps_orphans, clear_events),
		cmocka_unit_test(state_words),
		cmocka_unit_test(the_real_table),
	};

	pcmk_log_init_tool("children_test", getenv("PCMKD_TEST_VERBOSE") ? LOG_DEBUG : LOG_EMERG);
	/* decided here, not by skip() inside a test: automake's TAP driver
	 * counts a cmocka "not ok # SKIP" as failed */
	if (access(ECHOD_PATH, X_OK) != 0) {
		cmocka_set_skip_filter("waits_for_ipc_before_next");
	}
	int rc = cmocka_run_group_tests(tests, setup_dir, teardown_dir);
	pcmk_log_fini();
	return rc;
}
