/*
 * The sequence-indexed message store: put, get, growth, release, and
 * sequence numbers that wrap around 2^32.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../totem_store.h"

static void put_get_and_duplicates(void **state)
{
	struct totem_store s;

	assert_int_equal(totem_store_init(&s, 1), 0);
	assert_int_equal(totem_store_put(&s, 1, "a", 1), 0);
	assert_int_equal(totem_store_put(&s, 3, "c", 1), 0);
	assert_int_equal(totem_store_put(&s, 3, "c", 1), -EEXIST);
	assert_non_null(totem_store_get(&s, 1));
	assert_null(totem_store_get(&s, 2));
	assert_memory_equal(totem_store_get(&s, 3)->pkt, "c", 1);
	assert_null(totem_store_get(&s, 4));
	assert_int_equal(totem_store_put(&s, 0, "z", 1), -ERANGE);
	totem_store_fini(&s);
}

static void grows_and_keeps_positions(void **state)
{
	struct totem_store s;
	char v[16];

	assert_int_equal(totem_store_init(&s, 1), 0);
	for (uint32_t seq = 1; seq <= 5000; seq += 3) {
		snprintf(v, sizeof(v), "%u", seq);
		assert_int_equal(totem_store_put(&s, seq, v, strlen(v) + 1), 0);
	}
	for (uint32_t seq = 1; seq <= 5000; seq++) {
		const struct totem_stored *e = totem_store_get(&s, seq);
		if (seq % 3 == 1) {
			snprintf(v, sizeof(v), "%u", seq);
			assert_string_equal((const char *)e->pkt, v);
		} else {
			assert_null(e);
		}
	}
	totem_store_fini(&s);
}

static void release_forgets_and_moves_low(void **state)
{
	struct totem_store s;

	assert_int_equal(totem_store_init(&s, 1), 0);
	for (uint32_t seq = 1; seq <= 10; seq++) {
		assert_int_equal(totem_store_put(&s, seq, "x", 1), 0);
	}
	totem_store_release_upto(&s, 6);
	assert_null(totem_store_get(&s, 6));
	assert_non_null(totem_store_get(&s, 7));
	assert_int_equal(totem_store_put(&s, 5, "x", 1), -ERANGE);
	/* far beyond what is held: no long walk, low simply moves */
	totem_store_release_upto(&s, 2000000000u);
	assert_int_equal(s.low, 2000000001u);
	assert_int_equal(totem_store_put(&s, 2000000001u, "y", 1), 0);
	totem_store_fini(&s);
}

static void sequence_numbers_wrap(void **state)
{
	struct totem_store s;

	assert_int_equal(totem_store_init(&s, UINT32_MAX - 2), 0);
	for (uint32_t i = 0, seq = UINT32_MAX - 2; i < 8; i++, seq++) {
		assert_int_equal(totem_store_put(&s, seq, "w", 1), 0);
	}
	assert_non_null(totem_store_get(&s, 2));
	assert_true(seq_lt(UINT32_MAX, 2));
	totem_store_release_upto(&s, 1);
	assert_null(totem_store_get(&s, UINT32_MAX));
	assert_non_null(totem_store_get(&s, 2));
	totem_store_fini(&s);
}

static void too_far_ahead_is_refused(void **state)
{
	struct totem_store s;

	assert_int_equal(totem_store_init(&s, 1), 0);
	assert_int_equal(totem_store_put(&s, 1 + TOTEM_STORE_SPAN_MAX, "x", 1), -ERANGE);
	totem_store_fini(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(put_get_and_duplicates),
		cmocka_unit_test(grows_and_keeps_positions),
		cmocka_unit_test(release_forgets_and_moves_low),
		cmocka_unit_test(sequence_numbers_wrap),
		cmocka_unit_test(too_far_ahead_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
