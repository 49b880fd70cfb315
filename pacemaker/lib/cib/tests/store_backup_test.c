/*
 * The numbered backups: cib-N.raw with cib.last, the number wrapping at
 * the maximum so at most that many are kept, none when told so.
 */
#include "store_testutil.h"

static void first_backups(void **state)
{
	struct store_fixture *f = *state;
	char *listing, *last, *raw, *old;

	assert_int_equal(store_write_epoch(f, 1), 0);
	old = store_get(f, "cib.xml");
	assert_int_equal(store_write_epoch(f, 2), 0);
	listing = store_listing(f);
	assert_string_equal(listing, "cib-0.raw cib-0.raw.sig cib.last cib.xml cib.xml.sig");
	last = store_get(f, "cib.last");
	assert_string_equal(last, "1"); /* the next number, no newline */
	raw = store_get(f, "cib-0.raw");
	assert_string_equal(raw, old); /* the former cib.xml */
	free(listing);
	free(last);
	free(raw);
	free(old);
}

static void rotation_keeps_max(void **state)
{
	struct store_fixture *f = *state;
	xmlDoc *doc = NULL;
	char *listing, *last, *note = NULL;

	f->opts.max_backups = 3;
	for (int epoch = 1; epoch <= 6; epoch++) {
		assert_int_equal(store_write_epoch(f, epoch), 0);
	}
	listing = store_listing(f);
	assert_string_equal(listing, "cib-0.raw cib-0.raw.sig cib-1.raw cib-1.raw.sig cib-2.raw "
				     "cib-2.raw.sig cib.last cib.xml cib.xml.sig");
	last = store_get(f, "cib.last");
	assert_string_equal(last, "2"); /* 5 backups made: 0 1 2 0 1, next 2 */
	/* the newest backup (epoch 5) is the one used after a wrap */
	store_put(f, "cib.xml", "broken");
	assert_int_equal(cib_store_read(&f->opts, &doc, &note), 0);
	assert_int_equal(store_epoch_of(doc), 5);
	assert_non_null(strstr(note, "cib-1.raw"));
	xmlFreeDoc(doc);
	free(note);
	free(listing);
	free(last);
}

static void no_backups(void **state)
{
	struct store_fixture *f = *state;
	char *listing;

	f->opts.max_backups = 0;
	assert_int_equal(store_write_epoch(f, 1), 0);
	assert_int_equal(store_write_epoch(f, 2), 0);
	listing = store_listing(f);
	assert_string_equal(listing, "cib.xml cib.xml.sig");
	free(listing);
}

static void lower_maximum_prunes(void **state)
{
	struct store_fixture *f = *state;

	for (int epoch = 1; epoch <= 5; epoch++) {
		assert_int_equal(store_write_epoch(f, epoch), 0);
	}
	assert_true(store_exists(f, "cib-3.raw"));
	f->opts.max_backups = 2;
	assert_int_equal(store_write_epoch(f, 6), 0);
	assert_false(store_exists(f, "cib-2.raw"));
	assert_false(store_exists(f, "cib-3.raw"));
	assert_false(store_exists(f, "cib-3.raw.sig"));
	assert_true(store_exists(f, "cib-0.raw"));
	assert_true(store_exists(f, "cib-1.raw"));
}

static void bad_last_file_starts_at_zero(void **state)
{
	struct store_fixture *f = *state;

	assert_int_equal(store_write_epoch(f, 1), 0);
	store_put(f, "cib.last", "not a number");
	assert_int_equal(store_write_epoch(f, 2), 0);
	assert_true(store_exists(f, "cib-0.raw"));
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, store_setup, store_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(first_backups),        T(rotation_keeps_max),           T(no_backups),
		T(lower_maximum_prunes), T(bad_last_file_starts_at_zero),
	};

	return store_main_cleanup(cmocka_run_group_tests(tests, NULL, NULL));
}
