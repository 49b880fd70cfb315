/*
 * cs_hdb: handles refused when never issued, destroyed or stale; instances
 * freed only when the last reference goes; safe from several threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "cs_hdb.h"

static int freed;

static void count_free(void *instance)
{
	freed++;
	free(instance);
}

static struct cs_hdb db = CS_HDB_INIT(count_free);

static int reset(void **state)
{
	freed = 0;
	return 0;
}

static int *new_int(int value)
{
	int *p = malloc(sizeof(*p));

	*p = value;
	return p;
}

static void create_get_put_destroy(void **state)
{
	uint64_t h;
	void *inst;

	assert_int_equal(cs_hdb_create(&db, new_int(7), &h), 0);
	assert_int_not_equal(h, 0);
	assert_int_equal(cs_hdb_get(&db, h, &inst), 0);
	assert_int_equal(*(int *)inst, 7);
	cs_hdb_put(&db, h);
	assert_int_equal(cs_hdb_count(&db), 1);
	assert_int_equal(cs_hdb_destroy(&db, h), 0);
	assert_int_equal(freed, 1);
	assert_int_equal(cs_hdb_count(&db), 0);
}

static void garbage_handles_are_refused(void **state)
{
	uint64_t h;
	void *inst = NULL;

	assert_int_equal(cs_hdb_create(&db, new_int(1), &h), 0);
	assert_int_equal(cs_hdb_get(&db, 0, &inst), -EBADF);
	assert_int_equal(cs_hdb_get(&db, h ^ ((uint64_t)1 << 40), &inst), -EBADF);
	assert_int_equal(cs_hdb_get(&db, h + 1000, &inst), -EBADF);
	assert_int_equal(cs_hdb_get(&db, UINT64_MAX, &inst), -EBADF);
	assert_int_equal(cs_hdb_destroy(&db, 0), -EBADF);
	assert_null(inst);
	assert_int_equal(cs_hdb_destroy(&db, h), 0);
}

static void destroyed_handle_is_stale_even_after_reuse(void **state)
{
	uint64_t old, fresh;
	void *inst;

	assert_int_equal(cs_hdb_create(&db, new_int(1), &old), 0);
	assert_int_equal(cs_hdb_destroy(&db, old), 0);
	assert_int_equal(cs_hdb_get(&db, old, &inst), -EBADF);
	assert_int_equal(cs_hdb_destroy(&db, old), -EBADF);

	/* The slot is reused, under another check value. */
	assert_int_equal(cs_hdb_create(&db, new_int(2), &fresh), 0);
	assert_int_equal((uint32_t)fresh, (uint32_t)old);
	assert_int_not_equal(fresh, old);
	assert_int_equal(cs_hdb_get(&db, old, &inst), -EBADF);
	assert_int_equal(cs_hdb_get(&db, fresh, &inst), 0);
	assert_int_equal(*(int *)inst, 2);
	cs_hdb_put(&db, fresh);
	assert_int_equal(cs_hdb_destroy(&db, fresh), 0);
}

static void instance_outlives_destroy_while_referenced(void **state)
{
	uint64_t h;
	void *inst;

	assert_int_equal(cs_hdb_create(&db, new_int(3), &h), 0);
	assert_int_equal(cs_hdb_get(&db, h, &inst), 0);
	assert_int_equal(cs_hdb_destroy(&db, h), 0);
	/* Unpublished at once, but still ours until put. */
	assert_int_equal(freed, 0);
	assert_int_equal(cs_hdb_get(&db, h, &inst), -EBADF);
	assert_int_equal(*(int *)inst, 3);
	cs_hdb_put(&db, h);
	assert_int_equal(freed, 1);
}

static void many_handles_grow_the_table(void **state)
{
	uint64_t h[100];
	void *inst;

	for (int i = 0; i < 100; i++) {
		assert_int_equal(cs_hdb_create(&db, new_int(i), &h[i]), 0);
	}
	for (int i = 0; i < 100; i++) {
		assert_int_equal(cs_hdb_get(&db, h[i], &inst), 0);
		assert_int_equal(*(int *)inst, i);
		cs_hdb_put(&db, h[i]);
	}
	for (int i = 0; i < 100; i += 2) {
		assert_int_equal(cs_hdb_destroy(&db, h[i]), 0);
	}
	assert_int_equal(cs_hdb_count(&db), 50);
	for (int i = 1; i < 100; i += 2) {
		assert_int_equal(cs_hdb_destroy(&db, h[i]), 0);
	}
	assert_int_equal(freed, 100);
	cs_hdb_release(&db);
	assert_null(db.slots);
}

static void null_instance_is_refused(void **state)
{
	uint64_t h;

	assert_int_equal(cs_hdb_create(&db, NULL, &h), -EINVAL);
}

static int is_odd(void *instance, void *arg)
{
	(*(int *)arg)++;
	return *(int *)instance % 2;
}

/* Only the live handles whose instance matches go; a referenced one is
 * freed when its reference is put back. */
static void destroy_matching_picks_instances(void **state)
{
	uint64_t h[6];
	void *inst;
	int asked = 0;

	for (int i = 0; i < 6; i++) {
		assert_int_equal(cs_hdb_create(&db, new_int(i), &h[i]), 0);
	}
	assert_int_equal(cs_hdb_destroy(&db, h[4]), 0);
	assert_int_equal(cs_hdb_get(&db, h[3], &inst), 0);
	assert_int_equal(cs_hdb_destroy_matching(&db, is_odd, &asked), 3);
	assert_true(asked >= 5);
	assert_int_equal(freed, 3); /* 4, 1 and 5; 3 is still referenced */
	assert_int_equal(cs_hdb_get(&db, h[1], &inst), -EBADF);
	assert_int_equal(cs_hdb_get(&db, h[5], &inst), -EBADF);
	cs_hdb_put(&db, h[3]);
	assert_int_equal(freed, 4);
	assert_int_equal(cs_hdb_count(&db), 2);
	assert_int_equal(cs_hdb_destroy_matching(&db, is_odd, &asked), 0);
	assert_int_equal(cs_hdb_destroy(&db, h[0]), 0);
	assert_int_equal(cs_hdb_destroy(&db, h[2]), 0);
	assert_int_equal(freed, 6);
}

struct worker {
	uint64_t handle;
	int ok;
};

static void *hammer(void *arg)
{
	struct worker *w = arg;
	void *inst;

	for (int i = 0; i < 20000; i++) {
		if (cs_hdb_get(&db, w->handle, &inst) == 0) {
			w->ok += *(int *)inst == 42;
			cs_hdb_put(&db, w->handle);
		}
	}
	return NULL;
}

/* Gets and puts race with a destroy; the instance is freed exactly once,
 * after the last get that succeeded has been put. */
static void threads_race_with_destroy(void **state)
{
	struct worker w[4];
	pthread_t t[4];

	uint64_t h;
	assert_int_equal(cs_hdb_create(&db, new_int(42), &h), 0);
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){ h, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &w[i]), 0);
	}
	assert_int_equal(cs_hdb_destroy(&db, h), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
	}
	assert_int_equal(freed, 1);
	assert_int_equal(cs_hdb_count(&db), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(create_get_put_destroy, reset),
		cmocka_unit_test_setup(garbage_handles_are_refused, reset),
		cmocka_unit_test_setup(destroyed_handle_is_stale_even_after_reuse, reset),
		cmocka_unit_test_setup(instance_outlives_destroy_while_referenced, reset),
		cmocka_unit_test_setup(many_handles_grow_the_table, reset),
		cmocka_unit_test_setup(null_instance_is_refused, reset),
		cmocka_unit_test_setup(destroy_matching_picks_instances, reset),
		cmocka_unit_test_setup(threads_race_with_destroy, reset),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	cs_hdb_release(&db);
	return failed;
}
