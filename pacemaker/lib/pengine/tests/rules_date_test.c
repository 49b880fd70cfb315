/*
 * date_expression: in_range (with end or duration, both ends included),
 * gt, lt and date_spec, checked at dates worked out by hand.
 */
#include "rules_testutil.h"

/* One date_expression (with @inner children) in a rule, at @now. */
static bool date_at(const char *attrs, const char *inner, const char *now)
{
	char *xml = g_strdup_printf(
		"<rule id=\"r\"><date_expression id=\"d\" %s>%s</date_expression></rule>", attrs,
		inner);
	struct pe_rule_input in = { 0 };
	bool result = rt_eval_at(xml, now, in);

	g_free(xml);
	return result;
}

static bool spec_at(const char *spec, const char *now)
{
	char *inner = g_strdup_printf("<date_spec id=\"s\" %s/>", spec);
	bool result = date_at("operation=\"date_spec\"", inner, now);

	g_free(inner);
	return result;
}

static void in_range(void **state)
{
	const char *range = "operation=\"in_range\" start=\"2005-02-04\" end=\"2005-03-04\"";

	(void)state;
	assert_false(date_at(range, "", "2005-02-03 23:59:59"));
	assert_true(date_at(range, "", "2005-02-04"));
	assert_true(date_at(range, "", "2005-03-04"));
	assert_false(date_at(range, "", "2005-03-04 00:00:01"));
	/* no operation means in_range */
	assert_true(date_at("start=\"2005-02-04\" end=\"2005-03-04\"", "", "2005-02-10"));
	assert_true(date_at("operation=\"in_range\" end=\"2005-001\"", "", "2004-06-01"));
	assert_false(date_at("operation=\"in_range\" end=\"2005-001\"", "", "2005-01-01 00:00:01"));
	assert_true(date_at("operation=\"in_range\" start=\"2005-001\"", "", "2099-01-01"));
	assert_false(date_at("operation=\"in_range\"", "", "2005-01-01"));
}

static void in_range_with_duration(void **state)
{
	const char *start = "operation=\"in_range\" start=\"2005-01-31\"";

	(void)state;
	/* a month after Jan 31 is Feb 28 */
	assert_true(date_at(start, "<duration id=\"du\" months=\"1\"/>", "2005-02-28"));
	assert_false(date_at(start, "<duration id=\"du\" months=\"1\"/>", "2005-02-28 00:00:01"));
	assert_true(date_at(start, "<duration id=\"du\" years=\"1\" hours=\"12\"/>",
			    "2006-01-31 12:00:00"));
	assert_false(date_at(start, "<duration id=\"du\" years=\"1\" hours=\"12\"/>",
			     "2006-01-31 12:00:01"));
	assert_true(date_at(
		start, "<duration id=\"du\" weeks=\"1\" days=\"1\" minutes=\"1\" seconds=\"1\"/>",
		"2005-02-08 00:01:01"));
	assert_false(date_at(
		start, "<duration id=\"du\" weeks=\"1\" days=\"1\" minutes=\"1\" seconds=\"1\"/>",
		"2005-02-08 00:01:02"));
	/* an explicit end wins over the duration; a bad field is skipped */
	assert_false(date_at("operation=\"in_range\" start=\"2005-01-31\" end=\"2005-02-01\"",
			     "<duration id=\"du\" months=\"1\"/>", "2005-02-02"));
	assert_true(date_at(start, "<duration id=\"du\" days=\"x\" hours=\"1\"/>",
			    "2005-01-31 01:00:00"));
	assert_false(date_at(start, "<duration id=\"du\" days=\"x\" hours=\"1\"/>",
			     "2005-01-31 01:00:01"));
}

static void gt_and_lt(void **state)
{
	const char *gt = "operation=\"gt\" start=\"2019-09-23 09:00:00 -05:00\"";
	const char *lt = "operation=\"lt\" end=\"2019-09-23 17:00:00 -05:00\"";

	(void)state;
	assert_false(date_at(gt, "", "2019-09-23 14:00:00Z"));
	assert_true(date_at(gt, "", "2019-09-23 14:00:01Z"));
	assert_true(date_at(lt, "", "2019-09-23 21:59:59Z"));
	assert_false(date_at(lt, "", "2019-09-23 22:00:00Z"));
	/* gt needs a start and lt an end; a bound that does not parse is none */
	assert_false(date_at("operation=\"gt\" end=\"2000-01-01\"", "", "2019-09-23"));
	assert_false(date_at("operation=\"lt\" start=\"2100-01-01\"", "", "2019-09-23"));
	assert_false(date_at("operation=\"gt\" start=\"2000-13-01\"", "", "2019-09-23"));
	assert_false(date_at("operation=\"during\" start=\"2000-01-01\"", "", "2019-09-23"));
	assert_true(date_at("operation=\"GT\" start=\"2000-01-01\"", "", "2019-09-23"));
}

static void date_spec_ranges(void **state)
{
	const char *office = "hours=\"9-16\" weekdays=\"1-5\"";

	(void)state;
	assert_true(spec_at(office, "2005-02-04 09:00:00")); /* Friday */
	assert_true(spec_at(office, "2005-02-04 16:59:59"));
	assert_false(spec_at(office, "2005-02-04 17:00:00"));
	assert_false(spec_at(office, "2005-02-04 08:59:59"));
	assert_false(spec_at(office, "2005-02-05 12:00:00")); /* Saturday */
	assert_true(spec_at("hours=\"12\"", "2005-02-05 12:30:00"));
	assert_false(spec_at("hours=\"12\"", "2005-02-05 13:00:00"));
	assert_true(spec_at("monthdays=\"28-\"", "2005-02-28"));
	assert_false(spec_at("monthdays=\"28-\"", "2005-02-27"));
	assert_true(spec_at("months=\"-2\"", "2005-02-27"));
	assert_false(spec_at("months=\"-2\"", "2005-03-01"));
	assert_true(spec_at("years=\"2005\" yeardays=\"35\"", "2005-02-04 23:59:59"));
	assert_false(spec_at("years=\"2004\"", "2005-02-04"));
	assert_true(spec_at("weekyears=\"2004\" weeks=\"53\"", "2005-01-01"));
	assert_true(spec_at("minutes=\"30-45\" seconds=\"0-9\"", "2005-01-01 10:45:09"));
	assert_true(spec_at("moon=\"7\"", "2005-02-04"));
	assert_false(spec_at("moon=\"0-6\"", "2005-02-04"));
}

static void date_spec_in_the_written_zone(void **state)
{
	(void)state;
	/* 23:30 at -05:00 is 04:30 the next day in UTC */
	assert_true(spec_at("hours=\"23\" monthdays=\"4\"", "2005-02-04 23:30:00 -05:00"));
	assert_false(spec_at("hours=\"4\"", "2005-02-04 23:30:00 -05:00"));
}

static void date_spec_oddities(void **state)
{
	(void)state;
	/* a field that does not parse restricts nothing, as in pacemaker */
	assert_true(spec_at("hours=\"x\"", "2005-02-04"));
	assert_true(spec_at("hours=\"9-x\" weekdays=\"5\"", "2005-02-04"));
	assert_false(spec_at("hours=\"x\" weekdays=\"6\"", "2005-02-04"));
	/* date_spec without a <date_spec> matches every date */
	assert_true(date_at("operation=\"date_spec\"", "", "2005-02-04"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(in_range),
		cmocka_unit_test(in_range_with_duration),
		cmocka_unit_test(gt_and_lt),
		cmocka_unit_test(date_spec_ranges),
		cmocka_unit_test(date_spec_in_the_written_zone),
		cmocka_unit_test(date_spec_oddities),
	};

	rt_set_tz("UTC");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
