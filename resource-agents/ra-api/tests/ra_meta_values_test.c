/*
 * The value syntaxes: durations as managers read them, booleans, integers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdint.h>
#include <cmocka.h>

#include "ra_meta.h"

static uint64_t duration(const char *text)
{
	uint64_t ms = 12345;

	assert_int_equal(ra_duration_parse(text, &ms), 0);
	return ms;
}

static void test_duration_units(void **state)
{
	assert_int_equal(duration("0"), 0);
	assert_int_equal(duration("20"), 20000);
	assert_int_equal(duration("20s"), 20000);
	assert_int_equal(duration("20sec"), 20000);
	assert_int_equal(duration("1m"), 60000);
	assert_int_equal(duration("2min"), 120000);
	assert_int_equal(duration("1h"), 3600000);
	assert_int_equal(duration("1hr"), 3600000);
	assert_int_equal(duration("500ms"), 500);
	assert_int_equal(duration("500msec"), 500);
	assert_int_equal(duration("2500us"), 2);
	assert_int_equal(duration("999usec"), 0);
}

static void test_duration_rejects(void **state)
{
	static const char *const bad[] = { "",
					   "s",
					   "-1",
					   "+5",
					   " 5s",
					   "5 s",
					   "5x",
					   "5S",
					   "1.5s",
					   "PT20S",
					   "20ss",
					   "99999999999999999999",
					   "18446744073709551615h" };
	uint64_t ms;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ra_duration_parse(bad[i], &ms) != -EINVAL)
			fail_msg("\"%s\" was taken as a duration", bad[i]);
	}
	assert_int_equal(ra_duration_parse(NULL, &ms), -EINVAL);
}

static void test_boolean(void **state)
{
	static const char *const good[] = { "true", "false", "yes", "no",   "1",
					    "0",    "on",    "off", "TRUE", "No" };
	static const char *const bad[] = { "", "2", "enabled", "truee", "ja", "-1" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(ra_is_boolean(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ra_is_boolean(bad[i]))
			fail_msg("\"%s\" was taken as a boolean", bad[i]);
	}
}

static void test_integer(void **state)
{
	static const char *const good[] = { "0", "42", "-7", "+3", "9223372036854775807" };
	static const char *const bad[] = { "",        "-",  "5s",   "1.0",
					   " 1",      "1 ", "0x10", "9223372036854775808",
					   "INFINITY" };
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(ra_is_integer(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (ra_is_integer(bad[i]))
			fail_msg("\"%s\" was taken as an integer", bad[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration_units),
		cmocka_unit_test(test_duration_rejects),
		cmocka_unit_test(test_boolean),
		cmocka_unit_test(test_integer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
