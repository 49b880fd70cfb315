/* transition_parse_duration(): the forms of cluster-delay. */
#include "test_xml.h"
#include "../transition_private.h"

static void test_units(void **state)
{
	(void)state;
	assert_int_equal(transition_parse_duration("60s"), 60000);
	assert_int_equal(transition_parse_duration("90"), 90000);
	assert_int_equal(transition_parse_duration("500ms"), 500);
	assert_int_equal(transition_parse_duration("2min"), 120000);
	assert_int_equal(transition_parse_duration("1h"), 3600000);
	assert_int_equal(transition_parse_duration("2000us"), 2);
}

static void test_iso(void **state)
{
	(void)state;
	assert_int_equal(transition_parse_duration("PT1M30S"), 90000);
	assert_int_equal(transition_parse_duration("P1DT1S"), 86401000);
}

static void test_bad(void **state)
{
	(void)state;
	assert_int_equal(transition_parse_duration(NULL), -1);
	assert_int_equal(transition_parse_duration(""), -1);
	assert_int_equal(transition_parse_duration("s"), -1);
	assert_int_equal(transition_parse_duration("10 parsecs"), -1);
	assert_int_equal(transition_parse_duration("-5s"), -1);
	assert_int_equal(transition_parse_duration("P"), -1);
	assert_int_equal(transition_parse_duration("P1M"), -1);
	assert_int_equal(transition_parse_duration("PT1D"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
