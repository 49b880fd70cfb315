/*
 * libcpg's public functions without a daemon: argument checks in
 * corosync's order, bad and stale handles, what works on an instance
 * without a connection, and the splitting of long messages into fragments.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cpg_internal.h"

static const cpg_handle_t bad_handles[] = { 0, 1, 0xdeadbeefcafef00dULL, UINT64_MAX };

static struct cpg_name group(const char *name)
{
	struct cpg_name g = { .length = (uint32_t)strlen(name) };

	memcpy(g.value, name, g.length);
	return g;
}

/* A handle whose instance has no connection: requests fail with
 * CS_ERR_LIBRARY, everything local works. */
static cpg_handle_t offline_handle(void *context)
{
	cpg_handle_t handle;
	struct cpg_inst *inst = cpg__inst_new(NULL, context);

	assert_non_null(inst);
	assert_int_equal(cs_hdb_create(&cpg__handles, inst, &handle), 0);
	return handle;
}

static void bad_handles_are_refused_everywhere(void **state)
{
	struct cpg_name g = group("g");
	struct cpg_address members[CPG_MEMBERS_MAX];
	struct iovec iov = { "x", 1 };
	cpg_iteration_handle_t ith;
	struct cpg_iteration_description_t desc;
	cpg_flow_control_state_t fc;
	unsigned int nodeid;
	uint32_t size;
	void *ptr;
	int fd, n;

	for (size_t i = 0; i < sizeof(bad_handles) / sizeof(bad_handles[0]); i++) {
		cpg_handle_t h = bad_handles[i];
		assert_int_equal(cpg_finalize(h), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_fd_get(h, &fd), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_max_atomic_msgsize_get(h, &size), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_context_get(h, &ptr), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_context_set(h, NULL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_dispatch(h, CS_DISPATCH_ALL), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_join(h, &g), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_leave(h, &g), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_mcast_joined(h, CPG_TYPE_AGREED, &iov, 1), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_membership_get(h, &g, members, &n), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_local_get(h, &nodeid), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_flow_control_state_get(h, &fc), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_zcb_alloc(h, 10, &ptr), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_zcb_free(h, &ptr), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, &ptr, 1),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_iteration_initialize(h, CPG_ITERATION_ALL, NULL, &ith),
				 CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_iteration_next(h, &desc), CS_ERR_BAD_HANDLE);
		assert_int_equal(cpg_iteration_finalize(h), CS_ERR_BAD_HANDLE);
	}
}

/* Like corosync, names are checked before the handle. */
static void long_names_are_refused_first(void **state)
{
	struct cpg_name g = { .length = CPG_MAX_NAME_LENGTH + 1 };
	struct cpg_address members[CPG_MEMBERS_MAX];
	cpg_iteration_handle_t ith;
	int n;

	assert_int_equal(cpg_join(0, &g), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cpg_leave(0, &g), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cpg_membership_get(0, &g, members, &n), CS_ERR_NAME_TOO_LONG);
	assert_int_equal(cpg_iteration_initialize(0, CPG_ITERATION_ONE_GROUP, &g, &ith),
			 CS_ERR_NAME_TOO_LONG);
}

static void bad_arguments_are_refused(void **state)
{
	cpg_model_v1_data_t v1 = { .model = CPG_MODEL_V1, .flags = 0x2 };
	struct cpg_name g = group("g");
	struct cpg_address members[CPG_MEMBERS_MAX];
	cpg_iteration_handle_t ith;
	cpg_handle_t h;
	int n;

	assert_int_equal(cpg_model_initialize(&h, (cpg_model_t)2, NULL, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_model_initialize(&h, CPG_MODEL_V1, (cpg_model_data_t *)&v1, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_model_initialize(NULL, CPG_MODEL_V1, NULL, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_initialize(NULL, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_join(0, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_membership_get(0, &g, NULL, &n), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_membership_get(0, &g, members, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_mcast_joined(0, CPG_TYPE_AGREED, NULL, 1), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_dispatch(0, (cs_dispatch_flags_t)0), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_dispatch(0, (cs_dispatch_flags_t)5), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(0, CPG_ITERATION_ALL, &g, &ith),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(0, CPG_ITERATION_NAME_ONLY, &g, &ith),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(0, CPG_ITERATION_ONE_GROUP, NULL, &ith),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(0, (cpg_iteration_type_t)4, NULL, &ith),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(0, CPG_ITERATION_ALL, NULL, NULL),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_next(0, NULL), CS_ERR_INVALID_PARAM);
}

static void local_queries_work_without_daemon(void **state)
{
	int marker;
	void *ctx = NULL;
	uint32_t size = 0;
	cpg_flow_control_state_t fc = CPG_FLOW_CONTROL_ENABLED;
	cpg_handle_t h = offline_handle(&marker);

	assert_int_equal(cpg_context_get(h, &ctx), CS_OK);
	assert_ptr_equal(ctx, &marker);
	assert_int_equal(cpg_context_set(h, NULL), CS_OK);
	assert_int_equal(cpg_context_get(h, &ctx), CS_OK);
	assert_null(ctx);
	assert_int_equal(cpg_max_atomic_msgsize_get(h, &size), CS_OK);
	assert_int_equal(size, 1048576 - 1024);
	assert_int_equal(cpg_flow_control_state_get(h, &fc), CS_OK);
	assert_int_equal(fc, CPG_FLOW_CONTROL_DISABLED);
	assert_int_equal(cpg_context_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_max_atomic_msgsize_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_flow_control_state_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_finalize(h), CS_ERR_LIBRARY);
}

/* Without a connection every request is CS_ERR_LIBRARY, as when the daemon
 * has gone away. */
static void requests_without_connection_fail(void **state)
{
	struct cpg_name g = group("g");
	struct cpg_address members[CPG_MEMBERS_MAX];
	struct iovec iov = { "x", 1 };
	cpg_iteration_handle_t ith;
	unsigned int nodeid;
	int fd, n = 99;
	cpg_handle_t h = offline_handle(NULL);

	assert_int_equal(cpg_fd_get(h, &fd), CS_ERR_LIBRARY);
	assert_int_equal(cpg_fd_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_join(h, &g), CS_ERR_LIBRARY);
	assert_int_equal(cpg_leave(h, &g), CS_ERR_LIBRARY);
	assert_int_equal(cpg_mcast_joined(h, CPG_TYPE_AGREED, &iov, 1), CS_ERR_LIBRARY);
	assert_int_equal(cpg_membership_get(h, &g, members, &n), CS_ERR_LIBRARY);
	assert_int_equal(n, 0);
	assert_int_equal(cpg_local_get(h, &nodeid), CS_ERR_LIBRARY);
	assert_int_equal(cpg_local_get(h, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_iteration_initialize(h, CPG_ITERATION_ALL, NULL, &ith),
			 CS_ERR_LIBRARY);
	assert_int_equal(cpg_dispatch(h, CS_DISPATCH_ALL), CS_ERR_LIBRARY);
	assert_int_equal(cpg_dispatch(h, CS_DISPATCH_ONE_NONBLOCKING), CS_ERR_LIBRARY);
	assert_int_equal(cpg_finalize(h), CS_ERR_LIBRARY);
}

static void finalized_handle_is_stale(void **state)
{
	void *ctx;
	cpg_handle_t h = offline_handle(NULL);

	assert_int_equal(cpg_finalize(h), CS_ERR_LIBRARY);
	assert_int_equal(cpg_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
	assert_int_equal(cpg_finalize(h), CS_ERR_BAD_HANDLE);

	/* A new handle reuses the slot; the old one stays refused. */
	cpg_handle_t again = offline_handle(NULL);
	assert_int_not_equal(again, h);
	assert_int_equal(cpg_context_get(h, &ctx), CS_ERR_BAD_HANDLE);
	assert_int_equal(cpg_context_get(again, &ctx), CS_OK);
	assert_int_equal(cpg_finalize(again), CS_ERR_LIBRARY);
}

static void zero_copy_buffers(void **state)
{
	char not_ours[16];
	void *a, *b;
	cpg_handle_t h = offline_handle(NULL);

	assert_int_equal(cpg_zcb_alloc(h, 100, NULL), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_zcb_alloc(h, 100, &a), CS_OK);
	assert_int_equal(cpg_zcb_alloc(h, 1 << 20, &b), CS_OK);
	assert_int_equal((uintptr_t)a % _Alignof(max_align_t), 0);
	memset(a, 1, 100);
	memset(b, 2, 1 << 20);
	assert_int_equal(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, a, 101), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, not_ours, 1),
			 CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, b, (1 << 20) + 1),
			 CS_ERR_TOO_BIG);
	assert_int_equal(cpg_zcb_mcast_joined(h, CPG_TYPE_AGREED, a, 100), CS_ERR_LIBRARY);
	assert_int_equal(cpg_zcb_free(h, a), CS_OK);
	assert_int_equal(cpg_zcb_free(h, a), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_zcb_free(h, not_ours), CS_ERR_INVALID_PARAM);
	assert_int_equal(cpg_zcb_free(h, NULL), CS_ERR_INVALID_PARAM);
	/* b is left for cpg_finalize() to free (valgrind checks). */
	assert_int_equal(cpg_finalize(h), CS_ERR_LIBRARY);
}

static void fragments_follow(const struct iovec *iov, unsigned int iovcnt, size_t max,
			     const size_t *want, size_t nwant)
{
	struct cpg__frag_cursor cur = { .iov = iov, .iovcnt = iovcnt };
	struct iovec out[4];
	size_t len, i = 0;
	unsigned int n;

	while ((n = cpg__frag_next(&cur, max, out, 4, &len)) > 0) {
		size_t sum = 0;
		for (unsigned int k = 0; k < n; k++) {
			assert_true(out[k].iov_len > 0);
			sum += out[k].iov_len;
		}
		assert_int_equal(sum, len);
		assert_true(i < nwant);
		assert_int_equal(len, want[i]);
		i++;
	}
	assert_int_equal(i, nwant);
}

static void long_messages_split_into_fragments(void **state)
{
	static char buf[100];
	struct iovec one = { buf, 100 };
	struct iovec many[] = { { buf, 30 }, { buf, 0 }, { buf, 50 }, { buf, 20 } };
	struct iovec tiny[6] = { { buf, 1 }, { buf, 1 }, { buf, 1 },
				 { buf, 1 }, { buf, 1 }, { buf, 1 } };

	fragments_follow(&one, 1, 40, (const size_t[]){ 40, 40, 20 }, 3);
	fragments_follow(&one, 1, 100, (const size_t[]){ 100 }, 1);
	fragments_follow(many, 4, 40, (const size_t[]){ 40, 40, 20 }, 3);
	fragments_follow(many, 4, 1000, (const size_t[]){ 100 }, 1);
	/* At most 4 pieces per fragment: many tiny iovecs give short ones. */
	fragments_follow(tiny, 6, 1000, (const size_t[]){ 4, 2 }, 2);
	fragments_follow(NULL, 0, 1000, NULL, 0);
}

static void fragments_keep_the_bytes_in_order(void **state)
{
	char src[10] = "0123456789", dst[10];
	struct iovec iov[] = { { src, 3 }, { src + 3, 4 }, { src + 7, 3 } };
	struct cpg__frag_cursor cur = { .iov = iov, .iovcnt = 3 };
	struct iovec out[8];
	size_t len, at = 0;
	unsigned int n;

	while ((n = cpg__frag_next(&cur, 4, out, 8, &len)) > 0) {
		for (unsigned int k = 0; k < n; k++) {
			memcpy(dst + at, out[k].iov_base, out[k].iov_len);
			at += out[k].iov_len;
		}
	}
	assert_int_equal(at, 10);
	assert_memory_equal(dst, src, 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bad_handles_are_refused_everywhere),
		cmocka_unit_test(long_names_are_refused_first),
		cmocka_unit_test(bad_arguments_are_refused),
		cmocka_unit_test(local_queries_work_without_daemon),
		cmocka_unit_test(requests_without_connection_fail),
		cmocka_unit_test(finalized_handle_is_stale),
		cmocka_unit_test(zero_copy_buffers),
		cmocka_unit_test(long_messages_split_into_fragments),
		cmocka_unit_test(fragments_keep_the_bytes_in_order),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (cs_hdb_count(&cpg__handles) != 0) {
		fprintf(stderr, "handles left after the tests\n");
		failed++;
	}
	return failed;
}
