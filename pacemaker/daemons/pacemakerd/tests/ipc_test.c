/*
 * pacemakerd's IPC: the status document, and a server process answering
 * <ping/>, refusing unknown requests and stopping on <shutdown/> (the
 * path of `pacemakerd --shutdown`).
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "../pcmkd_children.h"
#include "../pcmkd_ipc.h"

static const struct pcmkd_child_def ghosts[] = {
	{ "ghost1", NULL, false },
	{ "ghost2", "ghost2-ipc", true },
};

static struct pcmkd_children *new_children(void (*stopped)(int, void *), void *data)
{
	struct pcmkd_children *c = NULL;
	const struct pcmkd_children_config cfg = {
		.table = ghosts,
		.n_children = G_N_ELEMENTS(ghosts),
		.daemon_dir = "/nonexistent-pcmkd-test",
		.respawn_max = 1,
		.respawn_window_ms = 1000,
		.stop_timeout_ms = 1000,
		.ready_timeout_ms = 1000,
		.stopped = stopped,
		.data = data,
	};

	assert_int_equal(pcmkd_children_new(&cfg, &c), 0);
	return c;
}

static void status_document(void **state)
{
	struct pcmkd_children *c = new_children(NULL, NULL);
	xmlNode *xml = pcmkd_ipc_status_xml(c);
	char *text = pcmk_xml_to_string(xml, false);
	char *expected =
		g_strdup_printf("<pacemakerd state=\"init\" pid=\"%d\" version=\"%s\">"
				"<child name=\"ghost1\" state=\"absent\" pid=\"0\" respawns=\"0\"/>"
				"<child name=\"ghost2\" state=\"absent\" pid=\"0\" respawns=\"0\"/>"
				"</pacemakerd>",
				(int)getpid(), PACKAGE_VERSION);

	(void)state;
	assert_non_null(strstr(text, expected));
	g_free(expected);
	free(text);
	pcmk_xml_free(xml);
	pcmkd_children_free(c);
}

/* ---- a server in a child process ---- */

static void server_stopped(int exit_code, void *data)
{
	(void)exit_code;
	g_main_loop_quit(data);
}

static void server_shutdown(void *data)
{
	pcmkd_children_shutdown(data, 0);
}

static int serve(int ready_fd)
{
	GMainLoop *loop = g_main_loop_new(NULL, FALSE);
	struct pcmkd_children *c = new_children(server_stopped, loop);
	struct pcmkd_ipc *ipc = NULL;
	int rc = pcmkd_ipc_start(c, 0, server_shutdown, c, &ipc);

	if (rc == 0) {
		pcmkd_children_start(c);
	}
	if (write(ready_fd, &rc, sizeof(rc)) != sizeof(rc) || rc < 0) {
		return 1;
	}
	g_main_loop_run(loop);
	pcmkd_ipc_stop(ipc);
	pcmkd_children_free(c);
	g_main_loop_unref(loop);
	pcmk_log_fini();
	return 0;
}

static pid_t start_server(void)
{
	int fds[2], rc = -1;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		_exit(serve(fds[1]));
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &rc, sizeof(rc)), sizeof(rc));
	close(fds[0]);
	assert_int_equal(rc, 0);
	return pid;
}

/* Send <@name/> and return the reply's root (the caller frees the doc). */
static xmlNode *call(struct pcmk_ipc_conn *conn, const char *name, xmlDoc **doc)
{
	xmlNode *msg = pcmk_xml_new_root(name);

	assert_int_equal(pcmk_ipc_call(conn, msg, 5000, doc), 0);
	pcmk_xml_free(msg);
	return xmlDocGetRootElement(*doc);
}

/* A process of another user asks for a shutdown: 0 when the server
 * refused it (the server logs why; the connection itself is allowed). */
static int refused_for_nobody(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(65534) < 0 || setuid(65534) < 0) {
			_exit(2);
		}
		_exit(pcmkd_ipc_request_shutdown(100) == -EACCES ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void ping_and_shutdown(void **state)
{
	int rc, status = 0;
	xmlDoc *doc = NULL;
	struct pcmk_ipc_conn *conn;
	xmlNode *reply;

	(void)state;
	if (pcmkd_ipc_running()) {
		skip(); /* a real pacemakerd owns the name here */
	}
	assert_int_equal(pcmkd_ipc_request_shutdown(100), -ECONNREFUSED);
	pid_t pid = start_server();

	assert_true(pcmkd_ipc_running());
	conn = pcmk_ipc_connect(PCMKD_IPC_NAME, &rc);
	assert_non_null(conn);
	reply = call(conn, "ping", &doc);
	assert_true(pcmk_xml_is(reply, "pacemakerd"));
	assert_string_equal(pcmk_xml_attr(reply, "state"), "running");
	assert_non_null(pcmk_xml_first_child(reply, "child"));
	xmlFreeDoc(doc);
	reply = call(conn, "frobnicate", &doc);
	assert_true(pcmk_xml_is(reply, "error"));
	assert_string_equal(pcmk_xml_attr(reply, "reason"), "unknown request");
	xmlFreeDoc(doc);
	pcmk_ipc_close(conn);

	assert_int_equal(refused_for_nobody(), 0);
	assert_true(pcmkd_ipc_running());

	assert_int_equal(pcmkd_ipc_request_shutdown(10000), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_false(pcmkd_ipc_running());
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_document),
		cmocka_unit_test(ping_and_shutdown),
	};

	pcmk_log_init_tool("ipc_test", getenv("PCMKD_TEST_VERBOSE") ? LOG_DEBUG : LOG_EMERG);
	/* a real pacemakerd owns the name here: decided before running, since
	 * automake's TAP driver counts a cmocka "not ok # SKIP" as failed */
	if (pcmkd_ipc_running()) {
		cmocka_set_skip_filter("ping_and_shutdown");
	}
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	pcmk_log_fini();
	return rc;
}
