/*
 * pe_time_fields(), pe_time_format(), pe_time_from_epoch() and the
 * calendar helpers, on dates worked out by hand.
 */
#include "rules_testutil.h"

static struct pe_tm fields_of(const char *text)
{
	struct pe_tm f;

	pe_time_fields(rt_time(text), &f);
	return f;
}

static void plain_date(void **state)
{
	struct pe_tm f = fields_of("2005-02-04 12:30:45Z");

	(void)state;
	assert_int_equal(f.year, 2005);
	assert_int_equal(f.month, 2);
	assert_int_equal(f.monthday, 4);
	assert_int_equal(f.hour, 12);
	assert_int_equal(f.minute, 30);
	assert_int_equal(f.second, 45);
	assert_int_equal(f.yearday, 35);
	assert_int_equal(f.weekday, 5); /* a Friday */
	assert_int_equal(f.weekyear, 2005);
	assert_int_equal(f.week, 5);
	/* golden number 11, epact 19: ((35 + 19) * 6 + 11) % 177 / 22 */
	assert_int_equal(f.moon, 7);
}

static void iso_weeks_at_year_ends(void **state)
{
	struct pe_tm f = fields_of("2008-12-29");

	(void)state;
	assert_int_equal(f.weekyear, 2009);
	assert_int_equal(f.week, 1);
	assert_int_equal(f.weekday, 1);
	f = fields_of("2010-01-03");
	assert_int_equal(f.weekyear, 2009);
	assert_int_equal(f.week, 53);
	assert_int_equal(f.weekday, 7);
	f = fields_of("2005-01-01"); /* a Saturday in 2004's week 53 */
	assert_int_equal(f.weekyear, 2004);
	assert_int_equal(f.week, 53);
	assert_int_equal(f.weekday, 6);
	f = fields_of("2004-12-31");
	assert_int_equal(f.yearday, 366);
	assert_int_equal(f.weekyear, 2004);
}

static void fields_are_in_the_written_zone(void **state)
{
	struct pe_tm f = fields_of("2005-02-04 23:30:00 -05:00");

	(void)state;
	assert_int_equal(f.monthday, 4);
	assert_int_equal(f.hour, 23);
	f = fields_of("1969-12-31 23:59:59Z");
	assert_int_equal(f.year, 1969);
	assert_int_equal(f.yearday, 365);
	assert_int_equal(f.second, 59);
	assert_int_equal(f.weekday, 3);
}

static void moon_phases(void **state)
{
	(void)state;
	/* 2000: golden 6, epact (66 + 18) % 30 = 24 -> 25; day 1: (26*6+11) % 177 / 22 = 7 */
	assert_int_equal(fields_of("2000-01-01").moon, 7);
	/* day 11: (36*6+11) = 227 % 177 = 50 / 22 = 2 */
	assert_int_equal(fields_of("2000-01-11").moon, 2);
}

static void formatting(void **state)
{
	char *text = pe_time_format(rt_time("2005-02-04 12:00:00 +01:00"));

	(void)state;
	assert_string_equal(text, "2005-02-04 11:00:00Z");
	free(text);
	text = pe_time_format(rt_time("epoch"));
	assert_string_equal(text, "1970-01-01 00:00:00Z");
	free(text);
}

static void from_epoch_takes_local_offset(void **state)
{
	struct pe_time t = pe_time_from_epoch(RT_EPOCH_2005_02_04);

	(void)state;
	assert_int_equal(t.seconds, RT_EPOCH_2005_02_04);
	assert_int_equal(t.offset, 0);
	rt_set_tz("EST5");
	t = pe_time_from_epoch(RT_EPOCH_2005_02_04);
	assert_int_equal(t.offset, -18000);
	assert_int_equal(pe_time_now().offset, -18000);
	rt_set_tz("UTC");
	assert_int_equal(pe_time_compare(rt_time("2005-02-04 12:00:00 +01:00"),
					 rt_time("2005-02-04 11:00:00Z")),
			 0);
	assert_true(pe_time_compare(rt_time("2005-02-04"), rt_time("2005-02-05")) < 0);
	assert_true(pe_time_compare(rt_time("2005-02-05"), rt_time("2005-02-04")) > 0);
}

static void calendar_helpers(void **state)
{
	(void)state;
	assert_false(pe_leap_year(1900));
	assert_true(pe_leap_year(2000));
	assert_true(pe_leap_year(2004));
	assert_false(pe_leap_year(2005));
	assert_int_equal(pe_days_in_month(2004, 2), 29);
	assert_int_equal(pe_days_in_month(2005, 2), 28);
	assert_int_equal(pe_days_in_month(2005, 12), 31);
	assert_int_equal(pe_days_in_month(2005, 0), 0);
	assert_int_equal(pe_days_in_month(2005, 13), 0);
	assert_int_equal(pe_days_from_date(1970, 1, 1), 0);
	assert_int_equal(pe_days_from_date(2000, 3, 1), 11017);
	assert_int_equal(pe_days_from_date(1969, 12, 31), -1);
	assert_int_equal(pe_weekday_from_days(0), 4);
	assert_int_equal(pe_weekday_from_days(-1), 3);
	assert_int_equal(pe_weeks_in_year(2004), 53);
	assert_int_equal(pe_weeks_in_year(2005), 52);
	assert_int_equal(pe_weeks_in_year(2009), 53);
	assert_int_equal(pe_weeks_in_year(2020), 53);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_date),
		cmocka_unit_test(iso_weeks_at_year_ends),
		cmocka_unit_test(fields_are_in_the_written_zone),
		cmocka_unit_test(moon_phases),
		cmocka_unit_test(formatting),
		cmocka_unit_test(from_epoch_takes_local_offset),
		cmocka_unit_test(calendar_helpers),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
