/*
 * libvotequorum without a daemon: bad handles, the checks of quorum device
 * names, the GETINFO conversion and the decoding of the notifications.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "votequorum_internal.h"

static const votequorum_handle_t bad_handles[] = { 0, 1, 0xdeadbeefcafef00dULL, UINT64_MAX };

static struct {
	int quorum, nodelist, expected;
	votequorum_handle_t handle;
	uint64_t context;
	uint32_t quorate, n;
	votequorum_node_t nodes[4];
	uint32_t ids[4];
	votequorum_ring_id_t ring;
	uint32_t expected_votes;
} seen;

static void q_fn(votequorum_handle_t h, uint64_t ctx, uint32_t quorate, uint32_t n,
		 votequorum_node_t nodes[])
{
	seen.quorum++;
	seen.handle = h;
	seen.context = ctx;
	seen.quorate = quorate;
	seen.n = n;
	memcpy(seen.nodes, nodes, n * sizeof(*nodes));
}

static void n_fn(votequorum_handle_t h, uint64_t ctx, votequorum_ring_id_t ring, uint32_t n,
		 uint32_t ids[])
{
	seen.nodelist++;
	seen.context = ctx;
	seen.ring = ring;
	seen.n = n;
	memcpy(seen.ids, ids, n * sizeof(*ids));
}

static void e_fn(votequorum_handle_t h, uint64_t ctx, uint32_t expected)
{
	seen.expected++;
	seen.context = ctx;
	seen.expected_votes = expected;
}

static const votequorum_callbacks_t callbacks = { q_fn, e_fn, n_fn };

static int setup(void **state)
{
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static void bad_handles_are_refused(void **state)
{
	struct votequorum_info info;
	votequorum_ring_id_t ring = { 1, 1 };
	void *ctx;
	int fd;

	for (size_t i = 0; i < sizeof(bad_handles) / sizeof(bad_handles[0]); i++) {
		votequorum_handle_t h = bad_handles[i];
		assert_int_equal(votequorum_finalize(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_fd_get(h, &fd), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_getinfo(h, 1, &info), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_setexpected(h, 1), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_setvotes(h, 1, 1), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_trackstart(h, 0, CS_TRACK_CURRENT), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_trackstop(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_context_set(h, NULL), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_qdevice_register(h, "d"), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_qdevice_unregister(h, "d"), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_qdevice_update(h, "d", "e"), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_qdevice_poll(h, "d", 1, ring), CS_ERR_BAD_HANDLE);
		assert_int_equal(votequorum_qdevice_master_wins(h, "d", 1), CS_ERR_BAD_HANDLE);
	}
}

static void device_names_are_checked_first(void **state)
{
	char longest[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
	char too_long[VOTEQUORUM_QDEVICE_MAX_NAME_LEN + 1];
	votequorum_ring_id_t ring = { 1, 1 };

	memset(longest, 'd', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	memset(too_long, 'd', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = '\0';
	assert_int_equal(votequorum_qdevice_register(0, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_register(0, ""), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_register(0, too_long), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_register(0, longest), CS_ERR_BAD_HANDLE);
	assert_int_equal(votequorum_qdevice_unregister(0, ""), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_update(0, "a", ""), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_update(0, NULL, "a"), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_poll(0, too_long, 1, ring), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_qdevice_master_wins(0, NULL, 1), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_getinfo(0, 1, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_dispatch(0, 0), CS_ERR_INVALID_PARAM);
	assert_int_equal(votequorum_initialize(NULL, NULL), CS_ERR_INVALID_PARAM);
}

static void offline_instance(void **state)
{
	votequorum_handle_t h;
	struct votequorum_inst *inst = votequorum__inst_new(&callbacks);
	struct votequorum_info info;
	void *ctx = &ctx;

	assert_non_null(inst);
	assert_int_equal(cs_hdb_create(&votequorum__handles, inst, &h), 0);
	assert_int_equal(votequorum_context_get(h, &ctx), CS_OK);
	assert_null(ctx);
	assert_int_equal(votequorum_context_set(h, &info), CS_OK);
	votequorum_context_get(h, &ctx);
	assert_ptr_equal(ctx, &info);
	memset(&info, 0x5a, sizeof(info));
	assert_int_equal(votequorum_getinfo(h, 1, &info), CS_ERR_LIBRARY);
	assert_int_equal(info.node_id, 0x5a5a5a5a); /* untouched */
	assert_int_equal(votequorum_setexpected(h, 2), CS_ERR_LIBRARY);
	assert_int_equal(votequorum_qdevice_register(h, "dev"), CS_ERR_LIBRARY);
	assert_int_equal(votequorum_finalize(h), CS_OK);
	assert_int_equal(votequorum_finalize(h), CS_ERR_BAD_HANDLE);
}

static void getinfo_reply_conversion(void **state)
{
	struct res_lib_votequorum_getinfo res;
	struct votequorum_info info;

	memset(&res, 0, sizeof(res));
	res.nodeid = 3;
	res.state = VOTEQUORUM_NODESTATE_MEMBER;
	res.votes = 2;
	res.expected_votes = 5;
	res.highest_expected = 6;
	res.total_votes = 4;
	res.quorum = 3;
	res.flags = VOTEQUORUM_INFO_QUORATE | VOTEQUORUM_INFO_QDEVICE_REGISTERED;
	res.qdevice_votes = 1;
	/* A name filling the field without a NUL is cut short by one byte. */
	memset(res.qdevice_name, 'q', sizeof(res.qdevice_name));
	votequorum__info_from_wire(&info, &res);
	assert_int_equal(info.node_id, 3);
	assert_int_equal(info.node_state, VOTEQUORUM_NODESTATE_MEMBER);
	assert_int_equal(info.node_votes, 2);
	assert_int_equal(info.node_expected_votes, 5);
	assert_int_equal(info.highest_expected, 6);
	assert_int_equal(info.total_votes, 4);
	assert_int_equal(info.quorum, 3);
	assert_int_equal(info.flags, 66);
	assert_int_equal(info.qdevice_votes, 1);
	assert_int_equal(strlen(info.qdevice_name), VOTEQUORUM_QDEVICE_MAX_NAME_LEN - 1);
}

static void notifications_carry_the_context(void **state)
{
	uint64_t buf[32] = { 0 };
	struct votequorum_inst *inst = votequorum__inst_new(&callbacks);
	struct res_lib_votequorum_quorum_notification *q = (void *)buf;

	q->header.id = MESSAGE_RES_VOTEQUORUM_QUORUM_NOTIFICATION;
	q->header.size = sizeof(*q) + 2 * sizeof(struct votequorum_node);
	q->quorate = 1;
	q->context = 0xfeedULL;
	q->node_list_entries = 2;
	q->node_list[0] = (struct votequorum_node){ 1, VOTEQUORUM_NODESTATE_MEMBER };
	q->node_list[1] = (struct votequorum_node){ 2, VOTEQUORUM_NODESTATE_DEAD };
	assert_int_equal(votequorum__event_handle(inst, 8, buf, (size_t)q->header.size), 0);
	assert_int_equal(seen.quorum, 1);
	assert_int_equal(seen.handle, 8);
	assert_int_equal(seen.context, 0xfeed);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.nodes[1].nodeid, 2);
	assert_int_equal(seen.nodes[1].state, VOTEQUORUM_NODESTATE_DEAD);
	q->node_list_entries = 3;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, (size_t)q->header.size), -EBADMSG);

	memset(buf, 0, sizeof(buf));
	struct res_lib_votequorum_nodelist_notification *n = (void *)buf;
	n->header.id = MESSAGE_RES_VOTEQUORUM_NODELIST_NOTIFICATION;
	n->header.size = sizeof(*n) + 3 * 4;
	n->context = 7;
	n->ring_id.nodeid = 2;
	n->ring_id.seq = 0x10;
	n->node_list_entries = 3;
	n->node_list[2] = 9;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, (size_t)n->header.size), 0);
	assert_int_equal(seen.nodelist, 1);
	assert_int_equal(seen.ring.nodeid, 2);
	assert_int_equal(seen.ring.seq, 0x10);
	assert_int_equal(seen.ids[2], 9);
	n->node_list_entries = 4;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, (size_t)n->header.size), -EBADMSG);

	memset(buf, 0, sizeof(buf));
	struct res_lib_votequorum_expectedvotes_notification *e = (void *)buf;
	e->header.id = MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION;
	e->header.size = sizeof(*e);
	e->context = 5;
	e->expected_votes = 3;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, sizeof(*e)), 0);
	assert_int_equal(seen.expected, 1);
	assert_int_equal(seen.expected_votes, 3);
	assert_int_equal(seen.context, 5);
	e->header.size = sizeof(*e) - 8;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, sizeof(*e)), -EBADMSG);
	e->header.size = sizeof(*e);
	e->header.id = MESSAGE_RES_VOTEQUORUM_GETINFO;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, sizeof(*e)), -EPROTO);
	votequorum__inst_free(inst);

	/* Without callbacks, events are dropped. */
	inst = votequorum__inst_new(NULL);
	e->header.id = MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION;
	assert_int_equal(votequorum__event_handle(inst, 8, buf, sizeof(*e)), 0);
	assert_int_equal(seen.expected, 1);
	votequorum__inst_free(inst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(bad_handles_are_refused, setup),
		cmocka_unit_test_setup(device_names_are_checked_first, setup),
		cmocka_unit_test_setup(offline_instance, setup),
		cmocka_unit_test_setup(getinfo_reply_conversion, setup),
		cmocka_unit_test_setup(notifications_carry_the_context, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
