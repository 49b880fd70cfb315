/*
 * The shared dispatch layer without a daemon: events reach the handler of
 * their id only when their sizes add up, and dispatch refuses unknown
 * flags and reports a missing connection.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <corosync/ipc_common.h>

#include "cs_dispatch.h"

static int calls;
static size_t last_size;
static uint64_t last_handle;

static int count(void *inst, uint64_t handle, void *event, size_t size)
{
	calls++;
	last_size = size;
	last_handle = handle;
	return *(int *)inst;
}

static const struct cs_event_handler table[] = {
	[1] = { 40, count },
	[3] = { 24, count },
};

/* An event of @size bytes (header size @hsize) with id @id. */
static void *event(int32_t id, int32_t hsize, size_t size)
{
	static uint64_t buf[16];

	memset(buf, 0, sizeof(buf));
	struct qb_ipc_response_header *hdr = (void *)buf;
	hdr->id = id;
	hdr->size = hsize;
	assert_true(size <= sizeof(buf));
	return buf;
}

static int setup(void **state)
{
	calls = 0;
	last_size = 0;
	return 0;
}

static void events_reach_their_handler(void **state)
{
	int rc = 0;

	assert_int_equal(cs_event_run(table, 4, &rc, 77, event(1, 48, 64), 64), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(last_size, 48); /* the header's size, not what arrived */
	assert_int_equal(last_handle, 77);
	assert_int_equal(cs_event_run(table, 4, &rc, 77, event(3, 24, 24), 24), 0);
	assert_int_equal(calls, 2);
	rc = -ENOMEM;
	assert_int_equal(cs_event_run(table, 4, &rc, 77, event(3, 24, 24), 24), -ENOMEM);
}

static void unknown_ids_are_refused(void **state)
{
	int rc = 0;

	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(0, 48, 48), 48), -EPROTO);
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(2, 48, 48), 48), -EPROTO);
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(4, 48, 48), 48), -EPROTO);
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(-1, 48, 48), 48), -EPROTO);
	assert_int_equal(calls, 0);
}

static void sizes_must_add_up(void **state)
{
	int rc = 0;

	/* Shorter than the event's least size. */
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(1, 32, 32), 32), -EBADMSG);
	/* A header claiming more than arrived. */
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(1, 64, 48), 48), -EBADMSG);
	/* Less than a header. */
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(1, 16, 16), 16), -EBADMSG);
	assert_int_equal(cs_event_run(table, 4, &rc, 1, event(3, 8, 24), 24), -EBADMSG);
	assert_int_equal(calls, 0);
}

static int by_table(void *inst, uint64_t handle, void *ev, size_t len)
{
	return cs_event_run(table, 4, inst, handle, ev, len);
}

static void dispatch_checks_flags_and_connection(void **state)
{
	int finalizing = 0, rc = 0;
	struct cs_dispatch_ctx ctx = { .ipc = NULL,
				       .handle_event = by_table,
				       .inst = &rc,
				       .handle = 5,
				       .finalizing = &finalizing };

	assert_int_equal(cs_dispatch(&ctx, 0), -EINVAL);
	assert_int_equal(cs_dispatch(&ctx, CS_DISPATCH_ONE_NONBLOCKING + 1), -EINVAL);
	assert_int_equal(cs_dispatch(&ctx, CS_DISPATCH_ALL), -ENOTCONN);
	assert_int_equal(cs_dispatch(&ctx, CS_DISPATCH_ONE_NONBLOCKING), -ENOTCONN);
	assert_int_equal(calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(events_reach_their_handler, setup),
		cmocka_unit_test_setup(unknown_ids_are_refused, setup),
		cmocka_unit_test_setup(sizes_must_add_up, setup),
		cmocka_unit_test_setup(dispatch_checks_flags_and_connection, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
