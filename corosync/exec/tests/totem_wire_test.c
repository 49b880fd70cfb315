/*
 * Totem packet codec: sizes match corosync's layouts, round trips, the
 * other byte order, and refusal of truncated or forged packets.
 */
#include <byteswap.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../totem_wire.h"

static uint8_t buf[65536];

static void header_sizes_match_corosync(void **state)
{
	struct totem_token t = { 0 };
	struct totem_mcast m = { .encapsulated = TOTEM_NOT_ENCAPSULATED };
	struct totem_join j = { 0 };
	struct totem_commit c = { .count = 1 };
	struct totem_merge_detect md = { 0 };
	struct totem_ring_id r = { 0 };

	assert_int_equal(totem_token_encode(buf, sizeof(buf), 1, &t), TOTEM_TOKEN_SIZE);
	t.rtr_count = 2;
	assert_int_equal(totem_token_encode(buf, sizeof(buf), 1, &t),
			 TOTEM_TOKEN_SIZE + 2 * TOTEM_RTR_ITEM_SIZE);
	assert_int_equal(totem_mcast_encode(buf, sizeof(buf), 1, &m), TOTEM_MCAST_HEADER_SIZE);
	assert_int_equal(totem_join_encode(buf, sizeof(buf), 1, &j), TOTEM_JOIN_SIZE);
	assert_int_equal(totem_commit_encode(buf, sizeof(buf), 1, &c),
			 TOTEM_COMMIT_SIZE + 4 + TOTEM_COMMIT_ENTRY_SIZE);
	assert_int_equal(totem_merge_detect_encode(buf, sizeof(buf), 1, &md),
			 TOTEM_MERGE_DETECT_SIZE);
	assert_int_equal(totem_hold_cancel_encode(buf, sizeof(buf), 1, &r), TOTEM_HOLD_CANCEL_SIZE);
	/* magic as a little-endian sender writes it */
	assert_int_equal(buf[0], 0x70);
	assert_int_equal(buf[1], 0xc0);
	assert_int_equal(buf[2], TOTEM_VERSION);
}

static void token_round_trip(void **state)
{
	struct totem_token t = {
		.seq = 100,
		.token_seq = 7,
		.aru = 98,
		.aru_addr = 3,
		.ring_id = { 1, 0x1234567890ull },
		.backlog = 5,
		.fcc = 9,
		.retrans_flg = 1,
		.rtr_count = 2,
		.rtr = { { { 1, 0x1234567890ull }, 99 }, { { 1, 0x1234567890ull }, 100 } },
	};
	struct totem_token back;
	int n = totem_token_encode(buf, sizeof(buf), 2, &t);

	assert_int_equal(totem_token_decode(buf, (size_t)n, &back), 0);
	assert_int_equal(back.seq, 100);
	assert_int_equal(back.aru_addr, 3);
	assert_true(back.ring_id.seq == 0x1234567890ull);
	assert_int_equal(back.rtr_count, 2);
	assert_int_equal(back.rtr[1].seq, 100);
	assert_int_equal(totem_token_decode(buf, (size_t)n - 1, &back), -EPROTO);
}

static void mcast_round_trip_points_into_packet(void **state)
{
	struct totem_mcast m = {
		.encapsulated = TOTEM_ENCAPSULATED,
		.seq = 5,
		.ring_id = { 2, 8 },
		.origin = 2,
		.guarantee = 2,
		.payload = (const uint8_t *)"hello",
		.payload_len = 5,
	};
	struct totem_mcast back;
	int n = totem_mcast_encode(buf, sizeof(buf), 2, &m);

	assert_int_equal(totem_mcast_decode(buf, (size_t)n, &back), 0);
	assert_int_equal(back.encapsulated, TOTEM_ENCAPSULATED);
	assert_int_equal(back.origin, 2);
	assert_int_equal(back.sender, 2);
	assert_int_equal(back.payload_len, 5);
	assert_ptr_equal(back.payload, buf + TOTEM_MCAST_HEADER_SIZE);
	buf[4] = 7; /* not a valid encapsulation value */
	assert_int_equal(totem_mcast_decode(buf, (size_t)n, &back), -EPROTO);
}

static void join_and_commit_round_trip(void **state)
{
	struct totem_join j = { .sender = 4,
				.ring_seq = 44,
				.proc_count = 3,
				.failed_count = 1,
				.proc = { 1, 2, 4 },
				.failed = { 3 } };
	struct totem_join jb;
	struct totem_commit c = {
		.token_seq = 1, .ring_id = { 1, 48 }, .memb_index = 1, .count = 2, .addr = { 1, 4 }
	};
	struct totem_commit cb;
	int n;

	c.entries[1].aru = 17;
	n = totem_join_encode(buf, sizeof(buf), 4, &j);
	assert_int_equal(totem_join_decode(buf, (size_t)n, &jb), 0);
	assert_int_equal(jb.proc_count, 3);
	assert_int_equal(jb.failed[0], 3);
	assert_true(jb.ring_seq == 44);
	n = totem_commit_encode(buf, sizeof(buf), 1, &c);
	assert_int_equal(totem_commit_decode(buf, (size_t)n, &cb), 0);
	assert_int_equal(cb.addr[1], 4);
	assert_int_equal(cb.entries[1].aru, 17);
}

/* A big-endian sender's join: every field swapped. */
static void other_byte_order_is_understood(void **state)
{
	struct totem_join j = {
		.sender = 0x01020304, .ring_seq = 9, .proc_count = 1, .proc = { 0x01020304 }
	};
	struct totem_join back;
	struct totem_header h;
	bool swapped;
	int n = totem_join_encode(buf, sizeof(buf), 0x01020304, &j);
	uint16_t magic;
	uint32_t v;
	uint64_t v64;

	memcpy(&magic, buf, 2);
	magic = bswap_16(magic);
	memcpy(buf, &magic, 2);
	for (size_t off = 5; off < 13; off += 4) {
		memcpy(&v, buf + off, 4);
		v = bswap_32(v);
		memcpy(buf + off, &v, 4);
	}
	for (size_t off = 13; off < 25; off += 4) {
		memcpy(&v, buf + off, 4);
		v = bswap_32(v);
		memcpy(buf + off, &v, 4);
	}
	memcpy(&v64, buf + 25, 8);
	v64 = bswap_64(v64);
	memcpy(buf + 25, &v64, 8);
	memcpy(&v, buf + 33, 4);
	v = bswap_32(v);
	memcpy(buf + 33, &v, 4);

	assert_int_equal(totem_header_decode(buf, (size_t)n, &h, &swapped), 0);
	assert_true(swapped);
	assert_int_equal(h.nodeid, 0x01020304);
	assert_int_equal(totem_join_decode(buf, (size_t)n, &back), 0);
	assert_int_equal(back.sender, 0x01020304);
	assert_true(back.ring_seq == 9);
	assert_int_equal(back.proc[0], 0x01020304);
}

static void forged_counts_are_refused(void **state)
{
	struct totem_join j = { .proc_count = 1, .proc = { 1 } };
	struct totem_join back;
	struct totem_token t = { 0 };
	struct totem_token tb;
	int n = totem_join_encode(buf, sizeof(buf), 1, &j);
	uint32_t huge = 100000;

	memcpy(buf + 17, &huge, 4); /* proc_list_entries */
	assert_int_equal(totem_join_decode(buf, (size_t)n, &back), -EPROTO);
	n = totem_token_encode(buf, sizeof(buf), 1, &t);
	memcpy(buf + 53, &huge, 4); /* rtr_list_entries */
	assert_int_equal(totem_token_decode(buf, (size_t)n, &tb), -EPROTO);
}

static void garbage_never_decodes_out_of_bounds(void **state)
{
	uint64_t r = 12345;
	struct totem_token t;
	struct totem_join j;
	struct totem_commit c;
	struct totem_mcast m;

	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(r % 200);
		uint8_t *p = malloc(len ? len : 1);
		for (size_t i = 0; i < len; i++) {
			r = r * 6364136223846793005ull + 1;
			p[i] = (uint8_t)(r >> 56);
		}
		if (len >= 4 && round % 2 == 0) {
			p[0] = 0x70, p[1] = 0xc0, p[2] = TOTEM_VERSION, p[3] = (uint8_t)(round % 6);
		}
		(void)totem_token_decode(p, len, &t);
		(void)totem_join_decode(p, len, &j);
		(void)totem_commit_decode(p, len, &c);
		(void)totem_mcast_decode(p, len, &m);
		free(p);
		r = r * 6364136223846793005ull + 7;
	}
}

static void short_buffers_are_refused_on_encode(void **state)
{
	struct totem_token t = { 0 };

	assert_int_equal(totem_token_encode(buf, 20, 1, &t), -EMSGSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(header_sizes_match_corosync),
		cmocka_unit_test(token_round_trip),
		cmocka_unit_test(mcast_round_trip_points_into_packet),
		cmocka_unit_test(join_and_commit_round_trip),
		cmocka_unit_test(other_byte_order_is_understood),
		cmocka_unit_test(forged_counts_are_refused),
		cmocka_unit_test(garbage_never_decodes_out_of_bounds),
		cmocka_unit_test(short_buffers_are_refused_on_encode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
