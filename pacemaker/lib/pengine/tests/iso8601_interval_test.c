/*
 * pe_interval_parse_ms(): operation intervals as pacemaker reads them.
 */
#include "rules_testutil.h"

#include <errno.h>
#include <limits.h>

static void expect_ms(const char *text, unsigned int want)
{
	unsigned int ms = 12345;

	if (pe_interval_parse_ms(text, &ms) != 0) {
		fail_msg("\"%s\" was refused", text);
	}
	if (ms != want) {
		fail_msg("\"%s\" = %u ms, want %u", text, ms, want);
	}
}

static void plain_numbers_and_units(void **state)
{
	(void)state;
	expect_ms("10", 10000);
	expect_ms("0", 0);
	expect_ms("10s", 10000);
	expect_ms("10sec", 10000);
	expect_ms("10 s", 10000);
	expect_ms(" 10s", 10000);
	expect_ms("500ms", 500);
	expect_ms("500msec", 500);
	expect_ms("2500us", 2);
	expect_ms("1min", 60000);
	expect_ms("2m", 120000);
	expect_ms("1h", 3600000);
	expect_ms("1hr", 3600000);
	expect_ms("1.5s", 1000);
	expect_ms("10S", 10000);
}

static void iso_durations(void **state)
{
	(void)state;
	expect_ms("PT10S", 10000);
	expect_ms("PT1M30S", 90000);
	expect_ms("P1D", 86400000);
	expect_ms("P1M", 30U * 86400000U);
	expect_ms("P100Y", UINT_MAX);
	expect_ms("4294967296ms", UINT_MAX);
}

static void bad_intervals(void **state)
{
	static const char *const bad[] = { "", "abc", "10x", "-5s", "P", "PX", "s", "PT-5S" };
	unsigned int ms = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pe_interval_parse_ms(bad[i], &ms) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pe_interval_parse_ms(NULL, &ms), -EINVAL);
	assert_int_equal(pe_interval_parse_ms("10s", NULL), -EINVAL);
	assert_int_equal(ms, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_numbers_and_units),
		cmocka_unit_test(iso_durations),
		cmocka_unit_test(bad_intervals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
