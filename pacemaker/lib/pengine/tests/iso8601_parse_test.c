/*
 * pe_time_parse(): every form crm_time accepts, zones, and the bad input
 * that must be refused.
 */
#include "rules_testutil.h"

#include <errno.h>

#define FEB4 RT_EPOCH_2005_02_04

static void expect(const char *text, long long seconds, int offset)
{
	struct pe_time t = { -1, -1 };

	if (pe_time_parse(text, &t) != 0) {
		fail_msg("\"%s\" was refused", text);
	}
	if ((t.seconds != seconds) || (t.offset != offset)) {
		fail_msg("\"%s\": got %lld/%d, want %lld/%d", text, t.seconds, t.offset, seconds,
			 offset);
	}
}

static void date_forms(void **state)
{
	(void)state;
	expect("2005-02-04", FEB4, 0);
	expect("20050204", FEB4, 0);
	expect("2005-035", FEB4, 0);
	expect("2005-W05-5", FEB4, 0);
	expect("2009-W01-1", FEB4 + (1424 * 86400LL), 0); /* Monday 2008-12-29 */
	expect("2004-02-29", 1078012800LL, 0);
	expect("2004-366", 1104451200LL, 0);
	expect("1969-12-31", -86400LL, 0);
	/* as in pacemaker, "Y-D" is an ordinal date however many digits */
	expect("2005-02", FEB4 - 33 * 86400LL, 0);
}

static void time_forms(void **state)
{
	(void)state;
	expect("2005-02-04 12:00:00", FEB4 + 43200, 0);
	expect("2005-02-04T12:00:00", FEB4 + 43200, 0);
	expect("2005-02-04T12:00:00Z", FEB4 + 43200, 0);
	expect("2005-02-04 12", FEB4 + 43200, 0);
	expect("2005-02-04 12:30", FEB4 + 45000, 0);
	expect("2005-02-04 123045", FEB4 + 45045, 0);
	expect("2005-02-04 12:30:45.250Z", FEB4 + 45045, 0);
	expect("2005-02-04 24:00:00", FEB4 + 86400, 0);
	expect("20050204T1230", FEB4 + 45000, 0);
	expect("epoch", 0, 0);
	expect("EPOCH", 0, 0);
}

static void zones(void **state)
{
	(void)state;
	expect("2005-02-04 12:00:00 +01:00", FEB4 + 43200 - 3600, 3600);
	expect("2005-02-04 12:00:00 -05:00", FEB4 + 43200 + 18000, -18000);
	expect("2005-02-04 12:00:00 -0500", FEB4 + 43200 + 18000, -18000);
	expect("2005-02-04 12:00:00 +5", FEB4 + 43200 - 18000, 18000);
	expect("2005-02-04 12:00:00   Z", FEB4 + 43200, 0);
	expect("2019-09-23 11:00:00 -05:00", 1569254400LL, -18000);
	/* glued to the time, pacemaker does not read the zone */
	expect("2005-02-04T12:00:00+01:00", FEB4 + 43200, 0);
}

static void local_zone(void **state)
{
	(void)state;
	rt_set_tz("EST5");
	expect("2005-02-04 12:00:00", FEB4 + 43200 + 18000, -18000);
	/* a date alone is UTC, as in pacemaker */
	expect("2005-02-04", FEB4, 0);
	expect("2005-W05-5", FEB4, 0);
	expect("2005-02-04 12:00:00Z", FEB4 + 43200, 0);
	expect("2005-02-04 12:00:00 +01:00", FEB4 + 43200 - 3600, 3600);
	expect("epoch", 0, 0);
	rt_set_tz("UTC");
}

static void time_only_is_today(void **state)
{
	struct pe_time t;
	long long today = (long long)time(NULL) / 86400 * 86400;

	(void)state;
	assert_int_equal(pe_time_parse("T06:30:00Z", &t), 0);
	/* the day may have turned between the two readings */
	assert_true((t.seconds == today + 23400) || (t.seconds == today + 86400 + 23400));
	assert_int_equal(pe_time_parse("06:30:00", &t), 0);
	assert_int_equal(t.seconds % 86400, 23400);
}

static void bad_input(void **state)
{
	static const char *const bad[] = {
		"",
		"2005",
		"2005-13-01",
		"2005-00-10",
		"2005-02-30",
		"2005-02-29",
		"2005-366",
		"2005-000",
		"2005-W54-1",
		"2005-W00-1",
		"2005-W05-8",
		"2005-W05-0",
		"2005-02-04 25:00:00",
		"2005-02-04 12:60",
		"2005-02-04 12:00:60",
		"2005-02-04 24:00:01",
		"2005-02-04 garbage",
		"2005-02-04 12:00:00 EST",
		"2005-02-04x",
		"2005-02-04 12:00:00 +25:00",
		"tomorrow",
		"2005-02-04 12:00:00Zjunk",
		"epoch2",
		"2005--04",
		"2005-02-04 ",
		"T",
		"2005-W05",
		"2005-02-04 12:",
		"-2005-02-04",
	};
	struct pe_time t = { 42, 7 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pe_time_parse(bad[i], &t) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pe_time_parse(NULL, &t), -EINVAL);
	assert_int_equal(pe_time_parse("2005-02-04", NULL), -EINVAL);
	assert_int_equal(t.seconds, 42);
	assert_int_equal(t.offset, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_forms),
		cmocka_unit_test(time_forms),
		cmocka_unit_test(zones),
		cmocka_unit_test(local_zone),
		cmocka_unit_test(time_only_is_today),
		cmocka_unit_test(bad_input),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
