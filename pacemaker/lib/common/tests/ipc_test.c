/*
 * XML IPC end to end against the example server running in a child
 * process: sync and async calls, deferred replies, notifications, large
 * messages, timeouts, malformed input and server shutdown.
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
#include <sys/wait.h>
#include <cmocka.h>
#include <glib.h>
#include <libxml/parser.h>
#include <qb/qbipcc.h>

#include <crm/common/ipc.h>
#include <crm/common/log.h>
#include <crm/common/xml.h>
#include "../examples/echo_server.h"

static char server_name[64];
static pid_t server_pid;

static xmlNode *parse_node(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	xmlNode *copy = pcmk_xml_copy(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return copy;
}

static struct pcmk_ipc_conn *connect_retrying(void)
{
	for (int i = 0; i < 500; i++) {
		int rc;
		struct pcmk_ipc_conn *conn = pcmk_ipc_connect(server_name, &rc);
		if (conn != NULL) {
			return conn;
		}
		g_usleep(10000);
	}
	fail_msg("server %s did not come up", server_name);
	return NULL;
}

static int start_server(void **state)
{
	snprintf(server_name, sizeof(server_name), "ipc-test-%d", (int)getpid());
	server_pid = fork();
	if (server_pid == 0) {
		pcmk_log_init_tool("ipc_test-server",
				   getenv("IPC_TEST_DEBUG") ? LOG_TRACE : LOG_CRIT);
		int rc = echo_server_run(server_name);
		pcmk_log_fini();
		_exit(rc < 0 ? 1 : 0);
	}
	struct pcmk_ipc_conn *conn = connect_retrying();
	pcmk_ipc_close(conn);
	return 0;
}

static int stop_server(void **state)
{
	int status = 0;

	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, &status, 0);
		server_pid = 0;
	}
	return 0;
}

static void sync_call_round_trip(void **state)
{
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *msg = parse_node("<echo><primitive id=\"web\"/></echo>");
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_call(conn, msg, 5000, &reply), 0);
	xmlNode *root = xmlDocGetRootElement(reply);
	assert_string_equal((const char *)root->name, "echo-reply");
	assert_string_equal((const char *)root->children->name, "primitive");
	xmlFreeDoc(reply);
	pcmk_xml_free(msg);
	pcmk_ipc_close(conn);
}

/* Several megabytes go through a 128 KiB buffer in both directions. */
static void large_message_round_trip(void **state)
{
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *msg = pcmk_xml_new_root("echo");
	xmlDoc *reply = NULL;
	char id[32];

	for (int i = 0; i < 60000; i++) {
		xmlNode *child = xmlNewChild(msg, NULL, (const xmlChar *)"primitive", NULL);
		snprintf(id, sizeof(id), "rsc-%d", i);
		xmlSetProp(child, (const xmlChar *)"id", (const xmlChar *)id);
	}
	assert_int_equal(pcmk_ipc_call(conn, msg, 20000, &reply), 0);
	xmlNode *root = xmlDocGetRootElement(reply);
	assert_int_equal(xmlChildElementCount(root), 60000);
	xmlChar *last = xmlGetProp(xmlLastElementChild(root), (const xmlChar *)"id");
	assert_string_equal((const char *)last, "rsc-59999");
	xmlFree(last);
	xmlFreeDoc(reply);
	pcmk_xml_free(msg);
	pcmk_ipc_close(conn);
}

struct async_result {
	GMainLoop *loop;
	uint32_t reply_id;
	char reply_name[32];
	char notice_text[32];
	int notices;
	bool disconnected;
};

static void on_reply(struct pcmk_ipc_conn *conn, uint32_t id, xmlNode *msg, void *data)
{
	struct async_result *r = data;

	r->reply_id = id;
	snprintf(r->reply_name, sizeof(r->reply_name), "%s", (const char *)msg->name);
	g_main_loop_quit(r->loop);
}

static void on_event(struct pcmk_ipc_conn *conn, xmlNode *msg, void *data)
{
	struct async_result *r = data;
	xmlChar *text = xmlGetProp(msg, (const xmlChar *)"text");

	snprintf(r->notice_text, sizeof(r->notice_text), "%s", (const char *)text);
	xmlFree(text);
	r->notices++;
	g_main_loop_quit(r->loop);
}

static void on_disconnected(struct pcmk_ipc_conn *conn, void *data)
{
	struct async_result *r = data;

	r->disconnected = true;
	g_main_loop_quit(r->loop);
}

static const struct pcmk_ipc_conn_ops async_ops = {
	.event = on_event,
	.reply = on_reply,
	.disconnected = on_disconnected,
};

static gboolean give_up(gpointer data)
{
	g_main_loop_quit(data);
	return G_SOURCE_REMOVE;
}

static void run_loop(struct async_result *r, guint timeout_ms)
{
	GSource *timer = g_timeout_source_new(timeout_ms);

	g_source_set_callback(timer, give_up, r->loop, NULL);
	g_source_attach(timer, NULL);
	g_main_loop_run(r->loop);
	g_source_destroy(timer);
	g_source_unref(timer);
}

static void deferred_async_reply_comes_through_main_loop(void **state)
{
	struct async_result r = { .loop = g_main_loop_new(NULL, FALSE) };
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *msg = parse_node("<later delay-ms=\"100\"/>");
	uint32_t id = 0;

	assert_int_equal(pcmk_ipc_attach(conn, &async_ops, &r), 0);
	assert_int_equal(pcmk_ipc_send(conn, msg, true, &id), 0);
	run_loop(&r, 5000);
	assert_int_equal(r.reply_id, id);
	assert_string_equal(r.reply_name, "later-reply");
	pcmk_xml_free(msg);
	pcmk_ipc_close(conn);
	g_main_loop_unref(r.loop);
}

static void notifications_reach_subscribers_only(void **state)
{
	struct async_result a = { .loop = g_main_loop_new(NULL, FALSE) };
	struct async_result b = { .loop = a.loop };
	struct pcmk_ipc_conn *sub = connect_retrying();
	struct pcmk_ipc_conn *other = connect_retrying();
	xmlNode *subscribe = parse_node("<subscribe/>");
	xmlNode *broadcast = parse_node("<broadcast text=\"node2 joined\"/>");
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_attach(sub, &async_ops, &a), 0);
	assert_int_equal(pcmk_ipc_attach(other, &async_ops, &b), 0);
	assert_int_equal(pcmk_ipc_call(sub, subscribe, 5000, &reply), 0);
	xmlFreeDoc(reply);
	assert_int_equal(pcmk_ipc_call(other, broadcast, 5000, &reply), 0);
	xmlFreeDoc(reply);
	run_loop(&a, 5000);
	assert_int_equal(a.notices, 1);
	assert_string_equal(a.notice_text, "node2 joined");
	assert_int_equal(b.notices, 0);
	pcmk_xml_free(subscribe);
	pcmk_xml_free(broadcast);
	pcmk_ipc_close(sub);
	pcmk_ipc_close(other);
	g_main_loop_unref(a.loop);
}

static void timeout_then_stale_reply_is_skipped(void **state)
{
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *slow = parse_node("<later delay-ms=\"300\"/>");
	xmlNode *echo = parse_node("<echo><fresh/></echo>");
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_call(conn, slow, 50, &reply), -ETIMEDOUT);
	assert_null(reply);
	assert_int_equal(pcmk_ipc_call(conn, echo, 5000, &reply), 0);
	assert_string_equal((const char *)xmlDocGetRootElement(reply)->name, "echo-reply");
	xmlFreeDoc(reply);
	pcmk_xml_free(slow);
	pcmk_xml_free(echo);
	pcmk_ipc_close(conn);
}

static void unknown_request_gets_error_reply(void **state)
{
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *msg = parse_node("<frobnicate/>");
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_call(conn, msg, 5000, &reply), 0);
	assert_string_equal((const char *)xmlDocGetRootElement(reply)->name, "error");
	xmlFreeDoc(reply);
	pcmk_xml_free(msg);
	pcmk_ipc_close(conn);
}

/* A raw libqb client sending garbage is dropped; others are unaffected. */
static void malformed_frames_drop_only_the_sender(void **state)
{
	static const char *const garbage[] = {
		"short",
		"\x01\x00\x00\x00\x00\x00\x00\x00\x40\x00\x00\x00\x00\x00\x00\x00"
		"\x01\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x10\x00\x00\x00"
		"0123456789abcdef0123456789abcdef",
	};
	static const size_t sizes[] = { 5, 64 };

	for (size_t i = 0; i < 2; i++) {
		qb_ipcc_connection_t *raw = qb_ipcc_connect(server_name, PCMK_IPC_BUFFER_DEFAULT);
		char buf[256];

		assert_non_null(raw);
		qb_ipcc_send(raw, garbage[i], sizes[i]);
		/* the server hangs up instead of answering */
		ssize_t rc = qb_ipcc_recv(raw, buf, sizeof(buf), 2000);
		assert_true(rc < 0);
		qb_ipcc_disconnect(raw);
	}
	sync_call_round_trip(state);
}

static void connecting_to_nothing_fails(void **state)
{
	int rc = 0;
	struct pcmk_ipc_conn *conn = pcmk_ipc_connect("no-such-ipc-server", &rc);

	assert_null(conn);
	assert_true(rc < 0);
	pcmk_ipc_close(NULL);
}

static void server_stop_disconnects_clients(void **state)
{
	struct async_result r = { .loop = g_main_loop_new(NULL, FALSE) };
	struct pcmk_ipc_conn *conn = connect_retrying();
	xmlNode *msg = parse_node("<echo/>");
	xmlDoc *reply = NULL;

	assert_int_equal(pcmk_ipc_attach(conn, &async_ops, &r), 0);
	stop_server(state);
	run_loop(&r, 5000);
	assert_true(r.disconnected);
	assert_true(pcmk_ipc_call(conn, msg, 1000, &reply) < 0);
	pcmk_xml_free(msg);
	pcmk_ipc_close(conn);
	g_main_loop_unref(r.loop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sync_call_round_trip),
		cmocka_unit_test(large_message_round_trip),
		cmocka_unit_test(deferred_async_reply_comes_through_main_loop),
		cmocka_unit_test(notifications_reach_subscribers_only),
		cmocka_unit_test(timeout_then_stale_reply_is_skipped),
		cmocka_unit_test(unknown_request_gets_error_reply),
		cmocka_unit_test(malformed_frames_drop_only_the_sender),
		cmocka_unit_test(connecting_to_nothing_fails),
		cmocka_unit_test(server_stop_disconnects_clients),
	};

	pcmk_log_init_tool("ipc_test", LOG_CRIT);
	int failed = cmocka_run_group_tests(tests, start_server, stop_server);
	pcmk_log_fini();
	xmlCleanupParser();
	return failed;
}
