/*
 * libcrmcommon durations: ISO 8601 durations as calendar units, and the
 * milliseconds of intervals and timeouts in every form pacemaker reads
 * (plain numbers, units by prefix, white space, ISO), with their caps and
 * refusals.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <crm/common/duration.h>

#define DAY_MS (86400LL * 1000)

static void expect_ms(const char *text, long long want)
{
	long long ms = 12345;

	if (pcmk_parse_ms(text, &ms) != 0) {
		fail_msg("\"%s\" was refused", text);
	}
	if (ms != want) {
		fail_msg("\"%s\" = %lld ms, want %lld", text, ms, want);
	}
}

static void expect_interval(const char *text, unsigned int want)
{
	unsigned int ms = 12345;

	if (pcmk_parse_interval_ms(text, &ms) != 0) {
		fail_msg("interval \"%s\" was refused", text);
	}
	if (ms != want) {
		fail_msg("interval \"%s\" = %u ms, want %u", text, ms, want);
	}
}

static void iso_durations(void **state)
{
	struct pcmk_duration d;

	(void)state;
	assert_int_equal(pcmk_duration_parse("P1Y2M3DT4H5M6S", &d), 0);
	assert_int_equal(d.years, 1);
	assert_int_equal(d.months, 2);
	assert_int_equal(d.seconds, 3 * 86400 + 4 * 3600 + 5 * 60 + 6);
	assert_int_equal(pcmk_duration_parse("PT10M", &d), 0);
	assert_int_equal(d.months, 0);
	assert_int_equal(d.seconds, 600);
	assert_int_equal(pcmk_duration_parse("P2W", &d), 0);
	assert_int_equal(d.seconds, 14 * 86400);
	assert_int_equal(pcmk_duration_parse("P1M", &d), 0);
	assert_int_equal(d.months, 1);
	assert_int_equal(d.seconds, 0);
	assert_int_equal(pcmk_duration_parse("P1D/2005-02-04", &d), 0);
	assert_int_equal(d.seconds, 86400);
	assert_int_equal(pcmk_duration_parse("PT36H trailing", &d), 0);
	assert_int_equal(d.seconds, 36 * 3600);
	assert_int_equal(pcmk_duration_parse("P0D", &d), 0);
	assert_int_equal(d.seconds, 0);
	assert_int_equal(pcmk_duration_parse("PT-5S", &d), 0);
	assert_int_equal(d.seconds, -5);
	assert_int_equal(pcmk_duration_parse("P1DT-1S", &d), 0);
	assert_int_equal(d.seconds, 86399);
}

static void bad_iso_durations(void **state)
{
	static const char *const bad[] = {
		"",    "P",    "PT",  "1D",    "P1",    "P1X",
		"PXD", "P 1D", "p1D", "P1.5D", "PT1H2", "P3000000000Y",
	};
	struct pcmk_duration d = { 7, 7, 7 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pcmk_duration_parse(bad[i], &d) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pcmk_duration_parse(NULL, &d), -EINVAL);
	assert_int_equal(pcmk_duration_parse("P1D", NULL), -EINVAL);
	assert_int_equal(d.years, 7);
	assert_int_equal(d.seconds, 7);
}

static void plain_numbers_and_units(void **state)
{
	(void)state;
	expect_ms("10", 10000);
	expect_ms("0", 0);
	expect_ms("10s", 10000);
	expect_ms("10sec", 10000);
	expect_ms("5sec", 5000);
	expect_ms("10seconds", 10000); /* units match by prefix */
	expect_ms("10S", 10000);
	expect_ms("500ms", 500);
	expect_ms("500msec", 500);
	expect_ms("10Ms", 10);
	expect_ms("20000us", 20);
	expect_ms("2500usec", 2);
	expect_ms("2us", 0); /* microseconds round down */
	expect_ms("1min", 60000);
	expect_ms("5mins", 300000);
	expect_ms("2m", 120000);
	expect_ms("1h", 3600000);
	expect_ms("1hr", 3600000);
	expect_ms("5hours", 5 * 3600000);
	expect_ms("1.5s", 1000); /* digits up to the first non-digit */
	expect_ms("3000000000", 3000000000000LL);
}

static void white_space(void **state)
{
	(void)state;
	expect_ms(" 10s", 10000);
	expect_ms("\t10s", 10000);
	expect_ms("10 s", 10000);
	expect_ms("10s ", 10000);
	expect_ms(" 30 s ", 30000);
	expect_ms("10\n", 10000);
	expect_ms("10\r\n", 10000);
}

static void iso_milliseconds(void **state)
{
	(void)state;
	expect_ms("PT10S", 10000);
	expect_ms("PT1M30S", 90000);
	expect_ms("P1DT1S", DAY_MS + 1000);
	expect_ms("P1D", DAY_MS);
	expect_ms("P2W", 14 * DAY_MS);
	expect_ms("P1M", 30 * DAY_MS);
	expect_ms("P1Y", 365 * DAY_MS);
	expect_ms("PT10S/2005-02-04", 10000);
	expect_ms("P1DT-1S", DAY_MS - 1000);
}

static void caps(void **state)
{
	(void)state;
	expect_ms("99999999999999999999", LLONG_MAX);
	expect_ms("9999999999999999h", LLONG_MAX);
	expect_ms("P2000000000Y", LLONG_MAX);
	expect_interval("10s", 10000);
	expect_interval("P1M", 30U * 86400000U);
	expect_interval("P100Y", UINT_MAX);
	expect_interval("4294967295ms", UINT_MAX);
	expect_interval("4294967296ms", UINT_MAX);
	expect_interval("99999999999999999999", UINT_MAX);
}

static void bad_milliseconds(void **state)
{
	static const char *const bad[] = {
		"",   "  ", "abc",   "10x",    "10 parsecs", "s",      "-5s", "+5s", "P",   "PX",
		"PT", "P1", "PT-5S", " PT10S", "pt10s",      "PT10Sx", "10k", ".",   ".5s",
	};
	long long ms = 7;
	unsigned int interval = 7;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pcmk_parse_ms(bad[i], &ms) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
		if (pcmk_parse_interval_ms(bad[i], &interval) != -EINVAL) {
			fail_msg("interval \"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pcmk_parse_ms(NULL, &ms), -EINVAL);
	assert_int_equal(pcmk_parse_ms("10s", NULL), -EINVAL);
	assert_int_equal(pcmk_parse_interval_ms(NULL, &interval), -EINVAL);
	assert_int_equal(pcmk_parse_interval_ms("10s", NULL), -EINVAL);
	assert_int_equal(ms, 7);
	assert_int_equal(interval, 7);
}

static void fallbacks(void **state)
{
	(void)state;
	assert_int_equal(pcmk_parse_ms_or("20s", -1), 20000);
	assert_int_equal(pcmk_parse_ms_or("0", -1), 0);
	assert_int_equal(pcmk_parse_ms_or(NULL, 20000), 20000);
	assert_int_equal(pcmk_parse_ms_or("-5s", 20000), 20000);
	assert_int_equal(pcmk_parse_ms_or("soon", -1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(iso_durations),           cmocka_unit_test(bad_iso_durations),
		cmocka_unit_test(plain_numbers_and_units), cmocka_unit_test(white_space),
		cmocka_unit_test(iso_milliseconds),        cmocka_unit_test(caps),
		cmocka_unit_test(bad_milliseconds),        cmocka_unit_test(fallbacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
