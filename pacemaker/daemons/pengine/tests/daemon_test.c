/*
 * The pengine daemon as a process: started on a private IPC name and
 * input directory, it answers a CIB with a graph, bad requests with
 * error replies (and keeps answering), saves inputs in rotating series,
 * logs each transition and exits 0 on SIGTERM.  Under make
 * check-memcheck the daemon runs under valgrind too, so its exit code
 * also says whether it leaked.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <glib.h>
#include <qb/qbipcc.h>

#include <crm/common/ipc.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "../pengine.h"
#include "pengine_testutil.h"

#define CALL_TIMEOUT_MS 60000

struct daemon {
	pid_t pid;
	char *dir;
	char *ipc_name;
	char *logfile;
	struct pcmk_ipc_conn *conn;
};

static void exec_daemon(const struct daemon *d)
{
	const char *valgrind = getenv("CHECK_UNDER_VALGRIND");

	setenv("PCMK_logfile", d->logfile, 1);
	setenv("PCMK_logfacility", "none", 1);
	if (valgrind != NULL) {
		execlp("valgrind", "valgrind", "-q", "--leak-check=full", "--show-possibly-lost=no",
		       "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=99",
		       "--suppressions=" VALGRIND_SUPP, PENGINE_PATH, "-d", d->dir, "-n",
		       d->ipc_name, (char *)NULL);
	} else {
		execl(PENGINE_PATH, PENGINE_PATH, "-d", d->dir, "-n", d->ipc_name, (char *)NULL);
	}
	_exit(127);
}

/* Connect, retrying while the daemon starts (valgrind is slow). */
static struct pcmk_ipc_conn *connect_daemon(const struct daemon *d)
{
	for (int i = 0; i < 600; i++) {
		int rc = 0;
		struct pcmk_ipc_conn *conn = pcmk_ipc_connect(d->ipc_name, &rc);

		if (conn != NULL) {
			return conn;
		}
		usleep(50 * 1000);
	}
	fail_msg("the pengine daemon did not start serving %s", d->ipc_name);
	return NULL;
}

static void spawn(struct daemon *d)
{
	d->pid = fork();
	assert_true(d->pid >= 0);
	if (d->pid == 0) {
		exec_daemon(d);
	}
	d->conn = connect_daemon(d);
}

static int start(void **state)
{
	struct daemon *d = calloc(1, sizeof(*d));

	d->dir = testutil_tmpdir();
	d->ipc_name = g_strdup_printf("pengine-test-%d", (int)getpid());
	d->logfile = g_build_filename(d->dir, "pengine.log", NULL);
	spawn(d);
	*state = d;
	return 0;
}

static int stop_daemon(struct daemon *d)
{
	int status = 0;

	pcmk_ipc_close(d->conn);
	d->conn = NULL;
	if (d->pid > 0) {
		kill(d->pid, SIGTERM);
		waitpid(d->pid, &status, 0);
		d->pid = 0;
	}
	return status;
}

static int stop(void **state)
{
	struct daemon *d = *state;

	stop_daemon(d);
	g_free(d->logfile);
	g_free(d->ipc_name);
	testutil_rmdir(d->dir);
	free(d);
	return 0;
}

static int calc(struct daemon *d, xmlNode *cib, int id, struct pengine_result *r)
{
	return pengine_client_calc(d->conn, cib, id, CALL_TIMEOUT_MS, r);
}

/* A clean CIB: a graph with the request's id, saved as pe-input-0. */
static void valid_cib_gives_a_graph(void **state)
{
	struct daemon *d = *state;
	struct pengine_result r = { 0 };
	xmlNode *cib = testutil_cib("", "", 1);
	char *want = g_strdup_printf("%s/pe-input-0.bz2", d->dir);
	char *log;

	assert_int_equal(calc(d, cib, 12, &r), 0);
	assert_true(pcmk_xml_is(r.graph, "transition_graph"));
	assert_string_equal(pcmk_xml_attr(r.graph, "transition_id"), "12");
	assert_non_null(pcmk_xml_first_child(r.graph, "synapse"));
	assert_int_equal(r.transition_id, 12);
	assert_string_equal(r.input, want);
	assert_true(testutil_exists(d->dir, "pe-input-0.bz2"));
	log = testutil_slurp(d->dir, "pengine.log");
	assert_non_null(log);
	assert_non_null(strstr(log, "Calculated transition 12, saving inputs in "));
	assert_non_null(strstr(log, want));
	g_free(log);
	g_free(want);
	pengine_result_clear(&r);
	pcmk_xml_free(cib);
}

/* The daemon is still there: a second, different CIB is scheduled. */
static void still_answers(struct daemon *d, int epoch)
{
	struct pengine_result r = { 0 };
	xmlNode *cib = testutil_cib("", "", epoch);

	assert_int_equal(calc(d, cib, epoch, &r), 0);
	assert_non_null(r.graph);
	pengine_result_clear(&r);
	pcmk_xml_free(cib);
}

/* Bytes that are not even a message: that client is dropped, no one else. */
static void garbage_drops_only_the_sender(void **state)
{
	struct daemon *d = *state;
	qb_ipcc_connection_t *raw = qb_ipcc_connect(d->ipc_name, PCMK_IPC_BUFFER_DEFAULT);
	char buf[256];

	assert_non_null(raw);
	qb_ipcc_send(raw, "short", 5);
	assert_true(qb_ipcc_recv(raw, buf, sizeof(buf), 5000) < 0);
	qb_ipcc_disconnect(raw);
	still_answers(d, 2);
}

static xmlDoc *raw_call(struct daemon *d, const char *text)
{
	xmlNode *msg = testutil_parse(text);
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_call(d->conn, msg, CALL_TIMEOUT_MS, &reply), 0);
	pcmk_xml_free(msg);
	return reply;
}

/* Well-formed XML that is no request, or a request without a CIB. */
static void bad_requests_get_error_replies(void **state)
{
	static const char *const bad[] = {
		"<junk/>",
		"<pe_request transition_id=\"1\"/>",
		"<pe_request transition_id=\"one\"><cib/></pe_request>",
	};
	struct daemon *d = *state;

	for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
		xmlDoc *reply = raw_call(d, bad[i]);
		struct pengine_result r = { 0 };

		assert_int_equal(pengine_reply_parse(xmlDocGetRootElement(reply), &r), -EINVAL);
		assert_non_null(r.error);
		assert_null(r.graph);
		pengine_result_clear(&r);
		xmlFreeDoc(reply);
	}
	still_answers(d, 3);
}

/* Not a CIB, and a CIB its schema rejects: errors, saved as pe-error. */
static void unusable_cibs_get_error_replies(void **state)
{
	struct daemon *d = *state;
	struct pengine_result r = { 0 };
	xmlNode *junk = testutil_parse("<resources><primitive id=\"x\"/></resources>");
	xmlNode *cib = testutil_cib("", "", 4);
	xmlNode *nodes = pcmk_xml_first_child(pcmk_xml_first_child(cib, "configuration"), "nodes");

	assert_int_equal(calc(d, junk, 20, &r), -EINVAL);
	assert_non_null(strstr(r.error, "not a CIB"));
	assert_non_null(strstr(r.input, "/pe-error-0.bz2"));
	assert_int_equal(r.transition_id, 20);
	pengine_result_clear(&r);

	pcmk_xml_set_attr(pcmk_xml_add_child(nodes, "node"), "uname", "no-id");
	assert_int_equal(calc(d, cib, 21, &r), -PCMK_E_SCHEMA);
	assert_non_null(strstr(r.error, "schema"));
	assert_non_null(strstr(r.input, "/pe-error-1.bz2"));
	pengine_result_clear(&r);
	still_answers(d, 5);
	pcmk_xml_free(junk);
	pcmk_xml_free(cib);
}

/* A constraint on a missing resource (in a CIB that asks for no schema
 * validation): a graph all the same, with the error reported, logged and
 * the input kept as pe-error. */
static void config_errors_are_reported(void **state)
{
	struct daemon *d = *state;
	struct pengine_result r = { 0 };
	xmlNode *cib = testutil_cib(
		"", "<rsc_location id=\"loc-ghost\" rsc=\"ghost\" node=\"node1\" score=\"10\"/>",
		6);
	char *log;

	pcmk_xml_set_attr(cib, "validate-with", "none");
	assert_int_equal(calc(d, cib, 30, &r), 0);
	assert_non_null(r.graph);
	assert_true(r.config_errors >= 1);
	assert_non_null(strstr(r.input, "/pe-error-0.bz2"));
	log = testutil_slurp(d->dir, "pengine.log");
	assert_non_null(strstr(log, "Calculated transition 30 (with errors), saving inputs in "));
	g_free(log);
	pengine_result_clear(&r);
	pcmk_xml_free(cib);
}

/* pe-input-series-max=2: numbers 0, 1, 0, 1; each file replaced holds the
 * newer input.  The numbering survives a restart of the daemon. */
static void series_rotate_and_survive_restarts(void **state)
{
	struct daemon *d = *state;
	static const char *const opt =
		"<nvpair id=\"opt-max\" name=\"pe-input-series-max\" value=\"2\"/>";

	for (int i = 0; i < 5; i++) {
		struct pengine_result r = { 0 };
		xmlNode *cib = testutil_cib(opt, "", 100 + i);
		char *name = g_strdup_printf("/pe-input-%d.bz2", i % 2);
		xmlNode *saved;
		long long epoch = 0;

		if (i == 3) {
			assert_int_equal(stop_daemon(d), 0);
			spawn(d);
		}
		assert_int_equal(calc(d, cib, i, &r), 0);
		assert_non_null(strstr(r.input, name));
		saved = testutil_read_bz2(r.input);
		assert_int_equal(pcmk_xml_attr_int(saved, "epoch", &epoch), 0);
		assert_int_equal(epoch, 100 + i);
		assert_non_null(pcmk_xml_attr(saved, "execution-date"));
		pcmk_xml_free(saved);
		g_free(name);
		pengine_result_clear(&r);
		pcmk_xml_free(cib);
	}
	assert_false(testutil_exists(d->dir, "pe-input-2.bz2"));
}

/* The same input twice is saved once. */
static void repeated_input_saved_once(void **state)
{
	struct daemon *d = *state;
	struct pengine_result r1 = { 0 }, r2 = { 0 };
	xmlNode *cib = testutil_cib("", "", 7);

	assert_int_equal(calc(d, cib, 40, &r1), 0);
	assert_int_equal(calc(d, cib, 41, &r2), 0);
	assert_string_equal(r1.input, r2.input);
	assert_false(testutil_exists(d->dir, "pe-input-1.bz2"));
	pengine_result_clear(&r1);
	pengine_result_clear(&r2);
	pcmk_xml_free(cib);
}

static void sigterm_exits_zero(void **state)
{
	struct daemon *d = *state;
	int status = stop_daemon(d);
	char *log = testutil_slurp(d->dir, "pengine.log");

	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(log, "pengine stopped"));
	g_free(log);
}

/* Exit code of the daemon run with the one argument @arg (none when
 * NULL) and PCMK_pengine_dir=@dir_env (when not NULL). */
static int run_with(const char *arg, const char *dir_env)
{
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (dir_env != NULL) {
			setenv("PCMK_pengine_dir", dir_env, 1);
		}
		setenv("PCMK_logfacility", "none", 1);
		setenv("PCMK_logfile", "/dev/null", 1);
		execl(PENGINE_PATH, PENGINE_PATH, arg, (char *)NULL); /* arg may end the list */
		_exit(127);
	}
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void options(void **state)
{
	(void)state;
	assert_int_equal(run_with("--help", NULL), PCMK_EX_OK);
	assert_int_equal(run_with("--no-such-option", NULL), PCMK_EX_USAGE);
	assert_int_equal(run_with("extra-argument", NULL), PCMK_EX_USAGE);
	/* a directory that cannot be made stops the daemon at once */
	assert_int_equal(run_with(NULL, "/proc/pengine-test"), PCMK_EX_FATAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(valid_cib_gives_a_graph, start, stop),
		cmocka_unit_test_setup_teardown(garbage_drops_only_the_sender, start, stop),
		cmocka_unit_test_setup_teardown(bad_requests_get_error_replies, start, stop),
		cmocka_unit_test_setup_teardown(unusable_cibs_get_error_replies, start, stop),
		cmocka_unit_test_setup_teardown(config_errors_are_reported, start, stop),
		cmocka_unit_test_setup_teardown(series_rotate_and_survive_restarts, start, stop),
		cmocka_unit_test_setup_teardown(repeated_input_saved_once, start, stop),
		cmocka_unit_test_setup_teardown(sigterm_exits_zero, start, stop),
		cmocka_unit_test(options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
