/*
 * libcfg without a daemon: bad handles, argument checks, the shutdown
 * question reaching the callback, and the conversion of the address and
 * ring status replies.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "cfg_internal.h"

static const corosync_cfg_handle_t bad_handles[] = { 0, 1, 0xdeadbeefcafef00dULL, UINT64_MAX };

static int shutdown_calls;
static corosync_cfg_handle_t shutdown_handle;
static corosync_cfg_shutdown_flags_t shutdown_flags;

static void on_shutdown(corosync_cfg_handle_t h, corosync_cfg_shutdown_flags_t flags)
{
	shutdown_calls++;
	shutdown_handle = h;
	shutdown_flags = flags;
}

static corosync_cfg_handle_t offline_handle(const corosync_cfg_callbacks_t *cb)
{
	corosync_cfg_handle_t handle;
	struct cfg_inst *inst = cfg__inst_new(cb);

	assert_non_null(inst);
	assert_int_equal(cs_hdb_create(&cfg__handles, inst, &handle), 0);
	return handle;
}

static void bad_handles_are_refused_everywhere(void **state)
{
	unsigned int nodeid;
	int fd, n;
	corosync_cfg_node_address_t addrs[2];
	struct corosync_cfg_node_status_v1 st;
	char **names, **status;
	unsigned int count;

	for (size_t i = 0; i < sizeof(bad_handles) / sizeof(bad_handles[0]); i++) {
		corosync_cfg_handle_t h = bad_handles[i];
		assert_int_equal(corosync_cfg_finalize(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_fd_get(h, &fd), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_local_get(h, &nodeid), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_get_node_addrs(h, 1, 2, &n, addrs),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_node_status_get(h, 1, CFG_NODE_STATUS_V1, &st),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_ring_status_get(h, &names, &status, &count),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_kill_node(h, 1, "x"), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_trackstart(h, 0), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_trackstop(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_try_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_REQUEST),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_NO),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_reload_config(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(corosync_cfg_reopen_log_files(h), CS_ERR_BAD_HANDLE);
	}
}

static void arguments_are_checked(void **state)
{
	char reason[CS_MAX_NAME_LENGTH + 1];
	struct corosync_cfg_node_status_v1 st;
	char **names, **status;
	unsigned int count;
	int n;

	memset(reason, 'r', sizeof(reason) - 1);
	reason[sizeof(reason) - 1] = '\0';
	assert_int_equal(corosync_cfg_kill_node(0, 1, reason), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(corosync_cfg_kill_node(0, 1, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_node_status_get(0, 1, 2, &st), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_node_status_get(0, 1, CFG_NODE_STATUS_V1, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_get_node_addrs(0, 1, 1, NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_get_node_addrs(0, 1, 1, &n, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_ring_status_get(0, NULL, &status, &count),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_ring_status_get(0, &names, NULL, &count),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_local_get(0, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_initialize(NULL, NULL), CS_ERR_INVALID_PARAM);
}

static void offline_instance(void **state)
{
	corosync_cfg_handle_t h = offline_handle(NULL);
	unsigned int nodeid;
	int fd;

	assert_int_equal(corosync_cfg_fd_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_fd_get(h, &fd), CS_ERR_LIBRARY);
	assert_int_equal(corosync_cfg_local_get(h, &nodeid), CS_ERR_LIBRARY);
	assert_int_equal(corosync_cfg_replyto_shutdown(h, COROSYNC_CFG_SHUTDOWN_FLAG_YES),
			 CS_ERR_LIBRARY);
	assert_int_equal(corosync_cfg_dispatch(h, 0), CS_ERR_INVALID_PARAM);
	assert_int_equal(corosync_cfg_finalize(h), CS_OK);
	assert_int_equal(corosync_cfg_finalize(h), CS_ERR_BAD_HANDLE);
}

static void shutdown_question_reaches_the_callback(void **state)
{
	corosync_cfg_callbacks_t cb = { .corosync_cfg_shutdown_callback = on_shutdown };
	struct res_lib_cfg_testshutdown ev = {
		.header = { .id = MESSAGE_RES_CFG_TESTSHUTDOWN, .size = sizeof(ev) },
		.flags = COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS,
	};
	struct cfg_inst *with = cfg__inst_new(&cb), *without = cfg__inst_new(NULL);

	assert_int_equal(cfg__event_handle(with, 42, &ev, sizeof(ev)), 0);
	assert_int_equal(shutdown_calls, 1);
	assert_int_equal(shutdown_handle, 42);
	assert_int_equal(shutdown_flags, COROSYNC_CFG_SHUTDOWN_FLAG_REGARDLESS);
	assert_int_equal(cfg__event_handle(without, 42, &ev, sizeof(ev)), 0);
	assert_int_equal(shutdown_calls, 1);
	ev.header.size = sizeof(ev.header);
	assert_int_equal(cfg__event_handle(with, 42, &ev, sizeof(ev)), -EBADMSG);
	ev.header.size = sizeof(ev);
	ev.header.id = MESSAGE_RES_CFG_KILLNODE;
	assert_int_equal(cfg__event_handle(with, 42, &ev, sizeof(ev)), -EPROTO);
	assert_int_equal(shutdown_calls, 1);
	cfg__inst_free(with);
	cfg__inst_free(without);
	cfg__inst_free(NULL);
}

/* A GET_NODE_ADDRS reply of @n addresses of @family, in @buf. */
static size_t addrs_reply(uint64_t *buf, uint32_t family, uint32_t n, const char *const *text)
{
	struct res_lib_cfg_get_node_addrs *res = (void *)buf;

	memset(buf, 0, 512);
	res->header.size = (int32_t)(sizeof(*res) + n * TOTEMIP_ADDRLEN);
	res->header.error = CS_OK;
	res->family = family;
	res->num_addrs = n;
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(inet_pton((int)family, text[i], res->addrs[i]), 1);
	}
	return (size_t)res->header.size;
}

static void addresses_become_sockaddrs(void **state)
{
	static const char *const v4[] = { "10.0.0.1", "192.168.1.2", "127.0.0.1" };
	static const char *const v6[] = { "fe80::1" };
	uint64_t buf[64];
	corosync_cfg_node_address_t addrs[4];
	int n = 0;
	char text[INET6_ADDRSTRLEN];

	memset(addrs, 0xee, sizeof(addrs));
	size_t len = addrs_reply(buf, AF_INET, 3, v4);
	assert_int_equal(cfg__addrs_from_wire((void *)buf, len, 4, &n, addrs), 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++) {
		struct sockaddr_in *sin = (struct sockaddr_in *)addrs[i].address;
		assert_int_equal(addrs[i].address_length, sizeof(struct sockaddr_in));
		assert_int_equal(sin->sin_family, AF_INET);
		assert_int_equal(sin->sin_port, 0);
		inet_ntop(AF_INET, &sin->sin_addr, text, sizeof(text));
		assert_string_equal(text, v4[i]);
	}
	/* Room for fewer: only those are written, the count is the daemon's. */
	memset(addrs, 0xee, sizeof(addrs));
	assert_int_equal(cfg__addrs_from_wire((void *)buf, len, 1, &n, addrs), 0);
	assert_int_equal(n, 3);
	assert_int_equal(((unsigned char *)&addrs[1])[0], 0xee);

	len = addrs_reply(buf, AF_INET6, 1, v6);
	assert_int_equal(cfg__addrs_from_wire((void *)buf, len, 4, &n, addrs), 0);
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)addrs[0].address;
	assert_int_equal(addrs[0].address_length, sizeof(struct sockaddr_in6));
	assert_int_equal(sin6->sin6_family, AF_INET6);
	inet_ntop(AF_INET6, &sin6->sin6_addr, text, sizeof(text));
	assert_string_equal(text, "fe80::1");

	/* More addresses claimed than the reply holds. */
	len = addrs_reply(buf, AF_INET, 3, v4);
	assert_int_equal(cfg__addrs_from_wire((void *)buf, len - 1, 4, &n, addrs), -EBADMSG);
	assert_int_equal(cfg__addrs_from_wire((void *)buf, 20, 4, &n, addrs), -EBADMSG);
}

static void ring_status_is_copied_bounded(void **state)
{
	struct res_lib_cfg_ringstatusget *res = calloc(1, sizeof(*res));
	char **names = NULL, **status = NULL;
	unsigned int count = 0;

	assert_non_null(res);
	res->interface_count = 2;
	strcpy(res->interface_name[0], "0 127.0.0.1");
	strcpy(res->interface_status[0], "OK");
	/* No NUL anywhere in the second entry. */
	memset(res->interface_name[1], 'n', CFG_INTERFACE_NAME_MAX_LEN);
	memset(res->interface_status[1], 's', CFG_INTERFACE_STATUS_MAX_LEN);
	assert_int_equal(cfg__ring_status_copy(res, &names, &status, &count), 0);
	assert_int_equal(count, 2);
	assert_string_equal(names[0], "0 127.0.0.1");
	assert_string_equal(status[0], "OK");
	assert_int_equal(strlen(names[1]), CFG_INTERFACE_NAME_MAX_LEN);
	assert_int_equal(strlen(status[1]), CFG_INTERFACE_STATUS_MAX_LEN);
	for (unsigned int i = 0; i < count; i++) {
		free(names[i]);
		free(status[i]);
	}
	free(names);
	free(status);
	res->interface_count = CFG_MAX_INTERFACES + 1;
	assert_int_equal(cfg__ring_status_copy(res, &names, &status, &count), -EBADMSG);
	res->interface_count = 0;
	assert_int_equal(cfg__ring_status_copy(res, &names, &status, &count), 0);
	assert_int_equal(count, 0);
	free(names);
	free(status);
	free(res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_handles_are_refused_everywhere),
		cmocka_unit_test(arguments_are_checked),
		cmocka_unit_test(offline_instance),
		cmocka_unit_test(shutdown_question_reaches_the_callback),
		cmocka_unit_test(addresses_become_sockaddrs),
		cmocka_unit_test(ring_status_is_copied_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
