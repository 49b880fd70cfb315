/*
 * pe_time_add(): calendar months and years that keep the day of the
 * month where it exists, and arithmetic in the time's own zone (the
 * durations themselves are read by libcrmcommon, tests/duration_test.c
 * there).
 */
#include "rules_testutil.h"

#include <errno.h>

static void check_add(const char *start, const char *duration, int sign, const char *want)
{
	struct pcmk_duration d;
	struct pe_time got;

	if (pcmk_duration_parse(duration, &d) != 0) {
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
		cmocka_unit_test(months_keep_the_day),
		cmocka_unit_test(years_then_months_then_time),
		cmocka_unit_test(arithmetic_in_the_written_zone),
		cmocka_unit_test(null_duration),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
