/*
 * totem_pg: packing, fragmentation, groups, the send queue, and messages
 * cut by a configuration change.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../totem_pg.h"

#define FRAME 1382

struct received {
	uint32_t nodeid[64];
	size_t len[64];
	uint8_t *data[64];
	int group[64];
	int n;
};

static void on_msg(struct received *r, int group, uint32_t nodeid, const void *msg, size_t len)
{
	assert_true(r->n < 64);
	r->nodeid[r->n] = nodeid;
	r->len[r->n] = len;
	r->group[r->n] = group;
	r->data[r->n] = malloc(len + 1);
	memcpy(r->data[r->n], msg, len);
	r->n++;
}

static void on_services(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	on_msg(ctx, TOTEM_PG_SERVICES, nodeid, msg, len);
}

static void on_sync(void *ctx, uint32_t nodeid, const void *msg, size_t len)
{
	on_msg(ctx, TOTEM_PG_SYNC, nodeid, msg, len);
}

static void received_free(struct received *r)
{
	for (int i = 0; i < r->n; i++) {
		free(r->data[i]);
	}
	r->n = 0;
}

static struct totem_pg *receiver(struct received *r)
{
	struct totem_pg *pg = totem_pg_create(FRAME, 1 << 24);

	totem_pg_set_deliver(pg, TOTEM_PG_SERVICES, on_services, r);
	totem_pg_set_deliver(pg, TOTEM_PG_SYNC, on_sync, r);
	return pg;
}

/* Move every queued frame from @tx to @rx as node @nodeid. */
static int pump(struct totem_pg *tx, struct totem_pg *rx, uint32_t nodeid)
{
	const void *frame;
	size_t len;
	int frames = 0;

	while ((len = totem_pg_pull(tx, &frame)) > 0) {
		assert_true(len <= FRAME);
		totem_pg_deliver(rx, nodeid, frame, len);
		frames++;
	}
	return frames;
}

static int send_text(struct totem_pg *pg, enum totem_pg_group g, const char *text)
{
	struct iovec iov = { (void *)text, strlen(text) };
	bool kick;

	return totem_pg_mcast(pg, g, &iov, 1, &kick);
}

static void small_messages_share_frames(void **state)
{
	struct received r = { 0 };
	struct totem_pg *tx = totem_pg_create(FRAME, 1 << 20);
	struct totem_pg *rx = receiver(&r);
	char text[32];

	for (int i = 0; i < 40; i++) {
		snprintf(text, sizeof(text), "message %d", i);
		assert_int_equal(send_text(tx, i % 2 ? TOTEM_PG_SYNC : TOTEM_PG_SERVICES, text), 0);
	}
	assert_int_equal(totem_pg_backlog(tx), 1);
	assert_int_equal(pump(tx, rx, 7), 1);
	assert_int_equal(r.n, 40);
	assert_int_equal(r.nodeid[39], 7);
	assert_int_equal(r.group[1], TOTEM_PG_SYNC);
	assert_memory_equal(r.data[39], "message 39", 10);
	received_free(&r);
	totem_pg_free(tx);
	totem_pg_free(rx);
}

static void large_message_is_split_and_joined(void **state)
{
	struct received r = { 0 };
	struct totem_pg *tx = totem_pg_create(FRAME, 1 << 22);
	struct totem_pg *rx = receiver(&r);
	size_t len = 1024 * 1024;
	uint8_t *big = malloc(len);
	struct iovec iov[2] = { { big, len / 2 }, { big + len / 2, len - len / 2 } };
	bool kick;

	for (size_t i = 0; i < len; i++) {
		big[i] = (uint8_t)(i * 7);
	}
	assert_int_equal(send_text(tx, TOTEM_PG_SERVICES, "before"), 0);
	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, iov, 2, &kick), 0);
	assert_false(kick);
	assert_int_equal(send_text(tx, TOTEM_PG_SERVICES, "after"), 0);
	assert_true(pump(tx, rx, 3) > (int)(len / FRAME));
	assert_int_equal(r.n, 3);
	assert_int_equal(r.len[1], len);
	assert_memory_equal(r.data[1], big, len);
	assert_memory_equal(r.data[2], "after", 5);
	free(big);
	received_free(&r);
	totem_pg_free(tx);
	totem_pg_free(rx);
}

/* A change cuts a message: every receiver drops its part, the sender
 * starts it again, and in the new configuration it arrives whole once. */
static void cut_message_is_resent_whole(void **state)
{
	struct received r = { 0 };
	struct totem_pg *tx = totem_pg_create(FRAME, 1 << 22);
	struct totem_pg *rx = receiver(&r);
	size_t len = 20000;
	uint8_t *big = calloc(1, len);
	struct iovec iov = { big, len };
	const void *frame;
	size_t flen;
	bool kick;

	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, &iov, 1, &kick), 0);
	for (int i = 0; i < 5; i++) {
		flen = totem_pg_pull(tx, &frame);
		totem_pg_deliver(rx, 2, frame, flen);
	}
	totem_pg_confchg(tx, TOTEM_CONFCHG_REGULAR);
	totem_pg_confchg(rx, TOTEM_CONFCHG_REGULAR);
	pump(tx, rx, 2);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.len[0], len);
	free(big);
	received_free(&r);
	totem_pg_free(tx);
	totem_pg_free(rx);
}

/* Joining in the middle of someone's large message: the tail is ignored. */
static void tail_without_start_is_dropped(void **state)
{
	struct received r = { 0 };
	struct totem_pg *tx = totem_pg_create(FRAME, 1 << 22);
	struct totem_pg *rx = receiver(&r);
	uint8_t *big = calloc(1, 10000);
	struct iovec iov = { big, 10000 };
	const void *frame;
	bool kick;

	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, &iov, 1, &kick), 0);
	(void)totem_pg_pull(tx, &frame); /* lost to the new receiver */
	pump(tx, rx, 4);
	assert_int_equal(r.n, 0);
	assert_true(totem_pg_stats(rx)->fragments_dropped > 0);
	free(big);
	totem_pg_free(tx);
	totem_pg_free(rx);
}

static void full_queue_and_oversized_are_refused(void **state)
{
	struct totem_pg *tx = totem_pg_create(FRAME, 64 * 1024);
	uint8_t *big = calloc(1, TOTEM_PG_MESSAGE_MAX + 1);
	struct iovec iov = { big, 50 * 1024 };
	bool kick;

	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, &iov, 1, &kick), 0);
	assert_true(kick);
	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, &iov, 1, &kick), -EAGAIN);
	assert_true(totem_pg_room(tx) < 50 * 1024);
	iov.iov_len = TOTEM_PG_MESSAGE_MAX;
	assert_int_equal(totem_pg_mcast(tx, TOTEM_PG_SERVICES, &iov, 1, &kick), -EMSGSIZE);
	free(big);
	totem_pg_free(tx);
}

static void malformed_frames_are_counted_not_followed(void **state)
{
	struct received r = { 0 };
	struct totem_pg *rx = receiver(&r);
	uint8_t frame[64] = { 0, 0, 0xff, 0xff };
	uint64_t seed = 77;

	totem_pg_deliver(rx, 1, frame, sizeof(frame));
	frame[2] = 1, frame[3] = 0, frame[4] = 200, frame[5] = 0; /* part beyond the end */
	totem_pg_deliver(rx, 1, frame, sizeof(frame));
	frame[4] = 3;
	frame[6] = 9; /* unknown group */
	totem_pg_deliver(rx, 1, frame, sizeof(frame));
	for (int i = 0; i < 10000; i++) {
		for (size_t k = 0; k < sizeof(frame); k++) {
			seed = seed * 6364136223846793005ull + 1;
			frame[k] = (uint8_t)(seed >> 56);
		}
		frame[0] = 0;
		totem_pg_deliver(rx, (uint32_t)(seed & 3), frame, (size_t)(seed >> 58));
	}
	assert_true(totem_pg_stats(rx)->bad_frames >= 3);
	received_free(&r);
	totem_pg_free(rx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(small_messages_share_frames),
		cmocka_unit_test(large_message_is_split_and_joined),
		cmocka_unit_test(cut_message_is_resent_whole),
		cmocka_unit_test(tail_without_start_is_dropped),
		cmocka_unit_test(full_queue_and_oversized_are_refused),
		cmocka_unit_test(malformed_frames_are_counted_not_followed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
