/*
 * pe_duration_parse() and pe_time_add(): calendar months and years that
 * keep the day of the month where it exists, arithmetic in the time's
 * own zone, and bad durations.
 */
#include "rules_testutil.h"

#include <errno.h>

static void check_add(const char *start, const char *duration, int sign, const char *want)
{
	struct pe_duration d;
	struct pe_time got;

	if (pe_duration_parse(duration, &d) != 0) {
		fail_msg("duration \"%s\" was refused", duration);
	}
	got = pe_time_add(rt_time(start), &d, sign);
	if (pe_time_compare(got, rt_time(want)) != 0) {
		char *text = pe_time_format(got);

		fail_msg("%s %c %s = %s, want %s", start, sign < 0 ? '-' : '+', duration, text,
			 want);
	}
	assert_int_equal(got.offset, rt_time(start).offset);
}

static void parse_durations(void **state)
{
	struct pe_duration d;

	(void)state;
	assert_int_equal(pe_duration_parse("P1Y2M3DT4H5M6S", &d), 0);
	assert_int_equal(d.years, 1);
	assert_int_equal(d.months, 2);
	assert_int_equal(d.seconds, 3 * 86400 + 4 * 3600 + 5 * 60 + 6);
	assert_int_equal(pe_duration_parse("PT10M", &d), 0);
	assert_int_equal(d.months, 0);
	assert_int_equal(d.seconds, 600);
	assert_int_equal(pe_duration_parse("P2W", &d), 0);
	assert_int_equal(d.seconds, 14 * 86400);
	assert_int_equal(pe_duration_parse("P1M", &d), 0);
	assert_int_equal(d.months, 1);
	assert_int_equal(d.seconds, 0);
	assert_int_equal(pe_duration_parse("P1D/2005-02-04", &d), 0);
	assert_int_equal(d.seconds, 86400);
	assert_int_equal(pe_duration_parse("PT36H trailing", &d), 0);
	assert_int_equal(d.seconds, 36 * 3600);
	assert_int_equal(pe_duration_parse("P0D", &d), 0);
	assert_int_equal(d.seconds, 0);
}

static void bad_durations(void **state)
{
	static const char *const bad[] = {
		"", "P", "PT", "1D", "P1", "P1X", "PXD", "P 1D", "p1D", "P1.5D", "PT1H2",
	};
	struct pe_duration d = { 7, 7, 7 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pe_duration_parse(bad[i], &d) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pe_duration_parse(NULL, &d), -EINVAL);
	assert_int_equal(pe_duration_parse("P1D", NULL), -EINVAL);
	assert_int_equal(d.years, 7);
	assert_int_equal(d.seconds, 7);
}

static void months_keep_the_day(void **state)
{
	(void)state;
	check_add("2005-01-31", "P1M", 1, "2005-02-28");
	check_add("2004-01-31", "P1M", 1, "2004-02-29");
	check_add("2005-03-31", "P1M", -1, "2005-02-28");
	check_add("2005-12-15 10:00:00", "P1M", 1, "2006-01-15 10:00:00");
	check_add("2005-01-15", "P1M", -1, "2004-12-15");
	check_add("2005-01-15", "P25M", 1, "2007-02-15");
	check_add("2005-02-04", "P1M", 1, "2005-03-04");
}

static void years_then_months_then_time(void **state)
{
	(void)state;
	/* years keep the day of the year, as in pacemaker */
	check_add("2004-02-29", "P1Y", 1, "2005-03-01");
	check_add("2004-03-01", "P1Y", 1, "2005-03-02");
	check_add("2004-02-29", "P4Y", 1, "2008-02-29");
	check_add("2005-03-01", "P1Y", -1, "2004-02-29");
	check_add("2004-12-31", "P1Y", 1, "2006-01-01");
	check_add("2005-01-31 23:00:00", "P1Y1MT2H", 1, "2006-03-01 01:00:00");
	check_add("2005-02-04 12:00:00", "PT12H", 1, "2005-02-05");
	check_add("2005-02-04", "PT1S", -1, "2005-02-03 23:59:59");
	check_add("2005-02-04", "P2W", -1, "2005-01-21");
}

static void arithmetic_in_the_written_zone(void **state)
{
	(void)state;
	/* local Jan 31 23:00 -05:00 is Feb 1 in UTC; a month later is local
	 * Feb 28 23:00, not Mar 1 */
	check_add("2005-01-31 23:00:00 -05:00", "P1M", 1, "2005-02-28 23:00:00 -05:00");
}

static void null_duration(void **state)
{
	struct pe_time t = rt_time("2005-02-04");

	(void)state;
	assert_int_equal(pe_time_add(t, NULL, 1).seconds, t.seconds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_durations),
		cmocka_unit_test(bad_durations),
		cmocka_unit_test(months_keep_the_day),
		cmocka_unit_test(years_then_months_then_time),
		cmocka_unit_test(arithmetic_in_the_written_zone),
		cmocka_unit_test(null_duration),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
