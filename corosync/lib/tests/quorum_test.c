/*
 * libquorum without a daemon: bad handles and models, what an instance
 * without a connection does, and the decoding of the V0 and V1
 * notifications (lists, ring ids, sizes that do not add up).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quorum_internal.h"

static const quorum_handle_t bad_handles[] = { 0, 1, 0xdeadbeefcafef00dULL, UINT64_MAX };

static struct {
	int v0, v1q, v1n;
	quorum_handle_t handle;
	uint32_t quorate;
	uint64_t seq;
	struct quorum_ring_id ring;
	uint32_t n_members, n_joined, n_left;
	uint32_t members[8], joined[8], left[8];
} seen;

static void v0_fn(quorum_handle_t h, uint32_t quorate, uint64_t ring_seq, uint32_t n,
		  uint32_t *list)
{
	seen.v0++;
	seen.handle = h;
	seen.quorate = quorate;
	seen.seq = ring_seq;
	seen.n_members = n;
	memcpy(seen.members, list, n * sizeof(*list));
}

static void v1q_fn(quorum_handle_t h, uint32_t quorate, struct quorum_ring_id ring, uint32_t n,
		   const uint32_t *list)
{
	seen.v1q++;
	seen.quorate = quorate;
	seen.ring = ring;
	seen.n_members = n;
	memcpy(seen.members, list, n * sizeof(*list));
}

static void v1n_fn(quorum_handle_t h, struct quorum_ring_id ring, uint32_t m, const uint32_t *ml,
		   uint32_t j, const uint32_t *jl, uint32_t l, const uint32_t *ll)
{
	seen.v1n++;
	seen.ring = ring;
	seen.n_members = m;
	seen.n_joined = j;
	seen.n_left = l;
	memcpy(seen.members, ml, m * sizeof(*ml));
	memcpy(seen.joined, jl, j * sizeof(*jl));
	memcpy(seen.left, ll, l * sizeof(*ll));
}

static int setup(void **state)
{
	memset(&seen, 0, sizeof(seen));
	return 0;
}

static struct quorum_inst *inst_v0(void)
{
	quorum_model_v0_data_t d = { QUORUM_MODEL_V0, v0_fn };
	int err = 0;
	struct quorum_inst *inst = quorum__inst_new(QUORUM_MODEL_V0, (void *)&d, NULL, &err);

	assert_non_null(inst);
	return inst;
}

static struct quorum_inst *inst_v1(void)
{
	quorum_model_v1_data_t d = { QUORUM_MODEL_V1, v1q_fn, v1n_fn };
	int err = 0;
	struct quorum_inst *inst = quorum__inst_new(QUORUM_MODEL_V1, (void *)&d, NULL, &err);

	assert_non_null(inst);
	return inst;
}

static void bad_handles_are_refused(void **state)
{
	int fd, quorate;
	const void *ctx;

	for (size_t i = 0; i < sizeof(bad_handles) / sizeof(bad_handles[0]); i++) {
		quorum_handle_t h = bad_handles[i];
		assert_int_equal(quorum_finalize(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_fd_get(h, &fd), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_getquorate(h, &quorate), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_trackstart(h, CS_TRACK_CURRENT), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_trackstop(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
		assert_int_equal(quorum_context_set(h, NULL), CS_ERR_BAD_HANDLE);
	}
}

static void arguments_and_models(void **state)
{
	quorum_handle_t h;
	uint32_t type;
	int err = 0;

	assert_int_equal(quorum_model_initialize(&h, (quorum_model_t)2, NULL, &type, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_model_initialize(NULL, QUORUM_MODEL_V0, NULL, &type, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_initialize(&h, NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_dispatch(1, 0), CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_dispatch(1, 5), CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_getquorate(1, NULL), CS_ERR_INVALID_PARAM);
	assert_null(quorum__inst_new((quorum_model_t)-1, NULL, NULL, &err));
	assert_int_equal(err, -EINVAL);
	/* No model data: no callbacks. */
	struct quorum_inst *inst = quorum__inst_new(QUORUM_MODEL_V1, NULL, NULL, &err);
	assert_non_null(inst);
	assert_null(inst->v1_quorum_fn);
	assert_null(inst->v1_nodelist_fn);
	quorum__inst_free(inst);
}

static void offline_instance(void **state)
{
	struct quorum_inst *inst = inst_v0();
	quorum_handle_t h;
	const void *ctx = &ctx;
	int quorate, fd;

	assert_int_equal(cs_hdb_create(&quorum__handles, inst, &h), 0);
	assert_int_equal(quorum_context_get(h, &ctx), CS_OK);
	assert_null(ctx);
	assert_int_equal(quorum_context_set(h, &fd), CS_OK);
	quorum_context_get(h, &ctx);
	assert_ptr_equal(ctx, &fd);
	assert_int_equal(quorum_context_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_getquorate(h, &quorate), CS_ERR_LIBRARY);
	assert_int_equal(quorum_trackstart(h, CS_TRACK_CHANGES), CS_ERR_LIBRARY);
	assert_int_equal(quorum_fd_get(h, &fd), CS_ERR_LIBRARY);
	assert_int_equal(quorum_fd_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(quorum_dispatch(h, CS_DISPATCH_ALL), CS_ERR_LIBRARY);
	assert_int_equal(quorum_finalize(h), CS_OK);
	assert_int_equal(quorum_finalize(h), CS_ERR_BAD_HANDLE);
}

static void v0_notification(void **state)
{
	uint64_t buf[16] = { 0 };
	struct res_lib_quorum_notification *ev = (void *)buf;
	struct quorum_inst *inst = inst_v0();

	ev->header.id = MESSAGE_RES_QUORUM_NOTIFICATION;
	ev->header.size = sizeof(*ev) + 3 * 4;
	ev->quorate = 1;
	ev->ring_seq = 0x1234;
	ev->view_list_entries = 3;
	ev->view_list[0] = 1;
	ev->view_list[1] = 2;
	ev->view_list[2] = 3;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), 0);
	assert_int_equal(seen.v0, 1);
	assert_int_equal(seen.handle, 9);
	assert_int_equal(seen.quorate, 1);
	assert_int_equal(seen.seq, 0x1234);
	assert_int_equal(seen.n_members, 3);
	assert_int_equal(seen.members[2], 3);
	/* The 4 slack bytes may be missing; one entry more may not. */
	ev->header.size = offsetof(struct res_lib_quorum_notification, view_list) + 3 * 4;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), 0);
	ev->view_list_entries = 4;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), -EBADMSG);
	ev->view_list_entries = UINT32_MAX;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), -EBADMSG);
	assert_int_equal(seen.v0, 2);
	quorum__inst_free(inst);
}

static void v1_nodelist_splits_the_lists(void **state)
{
	uint64_t buf[32] = { 0 };
	struct res_lib_quorum_v1_nodelist_notification *ev = (void *)buf;
	struct quorum_inst *inst = inst_v1();
	static const uint32_t ids[] = { 1, 2, 3, 4, 5, 6 };

	ev->header.id = MESSAGE_RES_QUORUM_V1_NODELIST_NOTIFICATION;
	ev->header.size = sizeof(*ev) + sizeof(ids);
	ev->ring_id.nodeid = 7;
	ev->ring_id.seq = 0x99;
	ev->member_list_entries = 3;
	ev->joined_list_entries = 2;
	ev->left_list_entries = 1;
	memcpy(ev->member_list, ids, sizeof(ids));
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), 0);
	assert_int_equal(seen.v1n, 1);
	assert_int_equal(seen.ring.nodeid, 7);
	assert_int_equal(seen.ring.seq, 0x99);
	/* On the wire: members, then joined, then left. */
	assert_int_equal(seen.n_members, 3);
	assert_int_equal(seen.members[0], 1);
	assert_int_equal(seen.n_joined, 2);
	assert_int_equal(seen.joined[0], 4);
	assert_int_equal(seen.joined[1], 5);
	assert_int_equal(seen.n_left, 1);
	assert_int_equal(seen.left[0], 6);
	/* The 4 slack bytes hold one entry; two more do not fit. */
	ev->left_list_entries = 3;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), -EBADMSG);
	ev->left_list_entries = UINT32_MAX;
	ev->joined_list_entries = UINT32_MAX;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), -EBADMSG);
	assert_int_equal(seen.v1n, 1);
	quorum__inst_free(inst);
}

static void v1_quorum_notification(void **state)
{
	uint64_t buf[16] = { 0 };
	struct res_lib_quorum_v1_quorum_notification *ev = (void *)buf;
	struct quorum_inst *inst = inst_v1();

	ev->header.id = MESSAGE_RES_QUORUM_V1_QUORUM_NOTIFICATION;
	ev->header.size = sizeof(*ev) + 4;
	ev->quorate = 0;
	ev->ring_id.nodeid = 3;
	ev->ring_id.seq = 8;
	ev->view_list_entries = 1;
	ev->view_list[0] = 42;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), 0);
	assert_int_equal(seen.v1q, 1);
	assert_int_equal(seen.quorate, 0);
	assert_int_equal(seen.ring.nodeid, 3);
	assert_int_equal(seen.ring.seq, 8);
	assert_int_equal(seen.members[0], 42);
	/* A V1 instance has no V0 callback, and the other way round. */
	struct quorum_inst *v0 = inst_v0();
	assert_int_equal(quorum__event_handle(v0, 9, buf, (size_t)ev->header.size), 0);
	assert_int_equal(seen.v1q, 1);
	struct res_lib_quorum_notification *v0ev = (void *)buf;
	memset(buf, 0, sizeof(buf));
	v0ev->header.id = MESSAGE_RES_QUORUM_NOTIFICATION;
	v0ev->header.size = sizeof(*v0ev);
	assert_int_equal(quorum__event_handle(inst, 9, buf, sizeof(*v0ev)), 0);
	assert_int_equal(seen.v0, 0);
	ev->header.id = MESSAGE_RES_QUORUM_GETTYPE;
	assert_int_equal(quorum__event_handle(inst, 9, buf, (size_t)ev->header.size), -EPROTO);
	quorum__inst_free(v0);
	quorum__inst_free(inst);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(bad_handles_are_refused, setup),
		cmocka_unit_test_setup(arguments_and_models, setup),
		cmocka_unit_test_setup(offline_instance, setup),
		cmocka_unit_test_setup(v0_notification, setup),
		cmocka_unit_test_setup(v1_nodelist_splits_the_lists, setup),
		cmocka_unit_test_setup(v1_quorum_notification, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
