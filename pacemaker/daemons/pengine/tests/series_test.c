/*
 * The saved input series: numbering kept in NAME.last, wrapping at the
 * series size (the file at the wrapped number replaced), no files at
 * size 0, no limit at -1, and the files readable back as the input.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/xml.h>
#include "../pengine_daemon.h"
#include "pengine_testutil.h"

static void names_and_options(void **state)
{
	(void)state;
	assert_string_equal(pengine_series_name(PENGINE_SERIES_INPUT), "pe-input");
	assert_string_equal(pengine_series_name(PENGINE_SERIES_WARN), "pe-warn");
	assert_string_equal(pengine_series_name(PENGINE_SERIES_ERROR), "pe-error");
	assert_string_equal(pengine_series_option(PENGINE_SERIES_INPUT), "pe-input-series-max");
	assert_string_equal(pengine_series_option(PENGINE_SERIES_WARN), "pe-warn-series-max");
	assert_string_equal(pengine_series_option(PENGINE_SERIES_ERROR), "pe-error-series-max");
}

static void wrap_values(void **state)
{
	(void)state;
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, NULL), 4000);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_WARN, NULL), 5000);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_ERROR, NULL), -1);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "3"), 3);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "0"), 0);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "-1"), -1);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "-20"), -1);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "many"), 4000);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_WARN, "12x"), 5000);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_ERROR, ""), -1);
	assert_int_equal(pengine_series_wrap(PENGINE_SERIES_INPUT, "99999999999"), 4000);
}

static void write_last(const char *dir, const char *text)
{
	char *path = g_build_filename(dir, "pe-input.last", NULL);

	assert_true(g_file_set_contents(path, text, -1, NULL));
	g_free(path);
}

static void next_from_last_file(void **state)
{
	char *dir = testutil_tmpdir();

	(void)state;
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_INPUT), 0);
	write_last(dir, "17");
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_INPUT), 17);
	write_last(dir, "18\n");
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_INPUT), 18);
	write_last(dir, "garbage");
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_INPUT), 0);
	write_last(dir, "");
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_INPUT), 0);
	assert_int_equal(pengine_series_next(dir, PENGINE_SERIES_WARN), 0);
	testutil_rmdir(dir);
}

/* Save one input with @epoch; return the path (g_free). */
static char *save(const char *dir, enum pengine_series s, int wrap, int epoch)
{
	xmlNode *cib = testutil_cib("", "", epoch);
	char *path = NULL;

	assert_int_equal(pengine_series_save(dir, s, wrap, cib, &path), 0);
	pcmk_xml_free(cib);
	return path;
}

static int saved_epoch(const char *path)
{
	xmlNode *cib = testutil_read_bz2(path);
	long long epoch = -1;

	assert_non_null(cib);
	assert_true(pcmk_xml_is(cib, "cib"));
	assert_int_equal(pcmk_xml_attr_int(cib, "epoch", &epoch), 0);
	pcmk_xml_free(cib);
	return (int)epoch;
}

static void save_numbers_and_reads_back(void **state)
{
	char *dir = testutil_tmpdir();
	char *path = save(dir, PENGINE_SERIES_WARN, 5000, 11);
	char *expected = g_strdup_printf("%s/pe-warn-0.bz2", dir);
	char *last;

	(void)state;
	assert_string_equal(path, expected);
	assert_int_equal(saved_epoch(path), 11);
	last = testutil_slurp(dir, "pe-warn.last");
	assert_string_equal(last, "1");
	g_free(last);
	g_free(path);
	path = save(dir, PENGINE_SERIES_WARN, 5000, 12);
	assert_non_null(strstr(path, "/pe-warn-1.bz2"));
	assert_int_equal(saved_epoch(path), 12);
	assert_false(testutil_exists(dir, "pe-input.last"));
	g_free(path);
	g_free(expected);
	testutil_rmdir(dir);
}

/* With size 3 the fourth input goes to number 0 again, replacing it. */
static void rotation_replaces_the_oldest(void **state)
{
	char *dir = testutil_tmpdir();
	static const char *const names[] = { "pe-input-0.bz2", "pe-input-1.bz2", "pe-input-2.bz2",
					     "pe-input-0.bz2", "pe-input-1.bz2" };

	(void)state;
	for (int i = 0; i < 5; i++) {
		char *path = save(dir, PENGINE_SERIES_INPUT, 3, 100 + i);
		char *last = testutil_slurp(dir, "pe-input.last");
		char *want_last = g_strdup_printf("%d", (i + 1) % 3);

		assert_non_null(strstr(path, names[i]));
		assert_string_equal(last, want_last);
		g_free(want_last);
		g_free(last);
		g_free(path);
	}
	assert_false(testutil_exists(dir, "pe-input-3.bz2"));
	{
		char *p0 = g_build_filename(dir, "pe-input-0.bz2", NULL);
		char *p2 = g_build_filename(dir, "pe-input-2.bz2", NULL);

		assert_int_equal(saved_epoch(p0), 103);
		assert_int_equal(saved_epoch(p2), 102);
		g_free(p0);
		g_free(p2);
	}
	testutil_rmdir(dir);
}

static void size_zero_keeps_nothing(void **state)
{
	char *dir = testutil_tmpdir();
	char *path = save(dir, PENGINE_SERIES_ERROR, 0, 1);

	(void)state;
	assert_null(path);
	assert_false(testutil_exists(dir, "pe-error-0.bz2"));
	assert_false(testutil_exists(dir, "pe-error.last"));
	testutil_rmdir(dir);
}

static void unlimited_keeps_counting(void **state)
{
	char *dir = testutil_tmpdir();
	char *path;

	(void)state;
	write_last(dir, "4000");
	path = save(dir, PENGINE_SERIES_INPUT, -1, 1);
	assert_non_null(strstr(path, "/pe-input-4000.bz2"));
	g_free(path);
	path = testutil_slurp(dir, "pe-input.last");
	assert_string_equal(path, "4001");
	g_free(path);
	testutil_rmdir(dir);
}

/* A number beyond a lowered size is used once, then the series restarts. */
static void lowered_size_restarts(void **state)
{
	char *dir = testutil_tmpdir();
	char *path;

	(void)state;
	write_last(dir, "7");
	path = save(dir, PENGINE_SERIES_INPUT, 3, 1);
	assert_non_null(strstr(path, "/pe-input-7.bz2"));
	g_free(path);
	path = save(dir, PENGINE_SERIES_INPUT, 3, 2);
	assert_non_null(strstr(path, "/pe-input-0.bz2"));
	g_free(path);
	testutil_rmdir(dir);
}

static void unwritable_directory_fails(void **state)
{
	xmlNode *cib = testutil_cib("", "", 1);
	char *path = NULL;

	(void)state;
	assert_true(pengine_series_save("/nonexistent-pengine-dir", PENGINE_SERIES_INPUT, 10, cib,
					&path) < 0);
	assert_null(path);
	pcmk_xml_free(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_and_options),
		cmocka_unit_test(wrap_values),
		cmocka_unit_test(next_from_last_file),
		cmocka_unit_test(save_numbers_and_reads_back),
		cmocka_unit_test(rotation_replaces_the_oldest),
		cmocka_unit_test(size_zero_keeps_nothing),
		cmocka_unit_test(unlimited_keeps_counting),
		cmocka_unit_test(lowered_size_restarts),
		cmocka_unit_test(unwritable_directory_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
