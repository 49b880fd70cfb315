/*
 * libcrmcommon scores: text forms, health colours, the strict parser,
 * addition at the infinities and printing.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/scores.h>

#define INF PCMK_SCORE_INFINITY

struct text_case {
	const char *text;
	int rc; /* strict parser only */
	int score;
};

static int reset_health(void **state)
{
	pcmk_score_set_health(0, 0, 0);
	return 0;
}

static void lenient_parsing(void **state)
{
	static const struct text_case cases[] = {
		{ NULL, 0, 0 },
		{ "-INFINITY", 0, -INF },
		{ "INFINITY", 0, INF },
		{ "+INFINITY", 0, INF },
		{ "infinity", 0, 0 }, /* case matters: read as a number */
		{ "-infinity", 0, 0 },
		{ "Infinity", 0, 0 },
		{ "10abc", 0, 10 },
		{ "abc", 0, 0 },
		{ "", 0, 0 },
		{ " 5", 0, 5 },
		{ "-0", 0, 0 },
		{ "+7", 0, 7 },
		{ "-42", 0, -42 },
		{ "999999", 0, 999999 },
		{ "1000000", 0, INF },
		{ "1000001", 0, INF },
		{ "-1000001", 0, -INF },
		{ "99999999999", 0, INF },
		{ "-99999999999", 0, -INF },
		{ "99999999999999999999999", 0, INF },
		{ "-99999999999999999999999", 0, -INF },
		{ "red", 0, 0 }, /* health scores not set yet */
		{ "YELLOW", 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = pcmk_score_from_string(cases[i].text);

		if (got != cases[i].score) {
			fail_msg("\"%s\": got %d, want %d",
				 cases[i].text ? cases[i].text : "(null)", got, cases[i].score);
		}
	}
}

static void health_colours(void **state)
{
	int score = 0;

	pcmk_score_set_health(-INF, -10, 20);
	assert_int_equal(pcmk_score_from_string("red"), -INF);
	assert_int_equal(pcmk_score_from_string("yellow"), -10);
	assert_int_equal(pcmk_score_from_string("YeLLoW"), -10);
	assert_int_equal(pcmk_score_from_string("Green"), 20);
	assert_int_equal(pcmk_score_parse_strict("yellow", &score), 0);
	assert_int_equal(score, -10);

	pcmk_score_set_health(5000000, -5000000, 0);
	assert_int_equal(pcmk_score_from_string("red"), INF);
	assert_int_equal(pcmk_score_from_string("yellow"), -INF);
}

static void strict_parsing(void **state)
{
	static const struct text_case cases[] = {
		{ "INFINITY", 0, INF },
		{ "+INFINITY", 0, INF },
		{ "-INFINITY", 0, -INF },
		{ "infinity", -EINVAL, 0 },
		{ "10abc", -EINVAL, 0 },
		{ " 5", -EINVAL, 0 },
		{ "5 ", -EINVAL, 0 },
		{ "", -EINVAL, 0 },
		{ "-", -EINVAL, 0 },
		{ "+", -EINVAL, 0 },
		{ "0x10", -EINVAL, 0 },
		{ "1e3", -EINVAL, 0 },
		{ "abc", -EINVAL, 0 },
		{ "-0", 0, 0 },
		{ "+7", 0, 7 },
		{ "-250", 0, -250 },
		{ "99999999999", 0, INF },
		{ "-99999999999", 0, -INF },
		{ "99999999999999999999999", 0, INF },
		{ "green", 0, 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int score = 12345;
		int rc = pcmk_score_parse_strict(cases[i].text, &score);
		int want = (cases[i].rc == 0) ? cases[i].score : 12345;

		if (rc != cases[i].rc || score != want) {
			fail_msg("\"%s\": got rc %d score %d, want rc %d score %d", cases[i].text,
				 rc, score, cases[i].rc, want);
		}
	}
}

static void strict_parsing_refuses_null(void **state)
{
	int score = 3;

	assert_int_equal(pcmk_score_parse_strict(NULL, &score), -EINVAL);
	assert_int_equal(score, 3);
}

static void addition(void **state)
{
	static const struct {
		int a, b, sum;
	} cases[] = {
		{ -INF, INF, -INF }, /* a ban beats a preference */
		{ INF, -INF, -INF },
		{ INF, -5, INF },
		{ -5, INF, INF },
		{ INF, INF, INF },
		{ -INF, -INF, -INF },
		{ 999999, 1, INF },
		{ -999999, -5, -INF },
		{ 500000, 500000, INF },
		{ 600000, -100000, 500000 },
		{ 2, 3, 5 },
		{ 0, 0, 0 },
		{ 2000000, 5, INF }, /* beyond the limit counts as infinite */
		{ -2000000, INF, -INF },
		{ INT_MAX, INT_MIN, -INF },
		{ INT_MAX, 1, INF },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = pcmk_score_add(cases[i].a, cases[i].b);

		if (got != cases[i].sum) {
			fail_msg("%d + %d: got %d, want %d", cases[i].a, cases[i].b, got,
				 cases[i].sum);
		}
	}
}

static void printing(void **state)
{
	static const struct {
		int score;
		const char *text;
	} cases[] = {
		{ INF, "INFINITY" },
		{ -INF, "-INFINITY" },
		{ 2000000, "INFINITY" },
		{ INT_MAX, "INFINITY" },
		{ INT_MIN, "-INFINITY" },
		{ 0, "0" },
		{ -5, "-5" },
		{ 999999, "999999" },
		{ -999999, "-999999" },
	};
	char buf[PCMK_SCORE_BUFSIZE];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pcmk_score_to_string(cases[i].score, buf, sizeof(buf));

		assert_ptr_equal(got, buf);
		if (strcmp(got, cases[i].text) != 0) {
			fail_msg("%d: got \"%s\", want \"%s\"", cases[i].score, got, cases[i].text);
		}
	}
}

static void printing_into_small_buffer_truncates(void **state)
{
	char small[4] = "xyz";

	assert_string_equal(pcmk_score_to_string(-INF, small, sizeof(small)), "-IN");
	assert_string_equal(pcmk_score_to_string(123456, small, sizeof(small)), "123");
}

static void text_round_trip(void **state)
{
	static const int scores[] = { -INF, -1, 0, 1, 42, 999999, INF };
	char buf[PCMK_SCORE_BUFSIZE];

	for (size_t i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		int back = 0;

		pcmk_score_to_string(scores[i], buf, sizeof(buf));
		assert_int_equal(pcmk_score_from_string(buf), scores[i]);
		assert_int_equal(pcmk_score_parse_strict(buf, &back), 0);
		assert_int_equal(back, scores[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(lenient_parsing, reset_health, reset_health),
		cmocka_unit_test_setup_teardown(health_colours, reset_health, reset_health),
		cmocka_unit_test_setup_teardown(strict_parsing, reset_health, reset_health),
		cmocka_unit_test(strict_parsing_refuses_null),
		cmocka_unit_test(addition),
		cmocka_unit_test(printing),
		cmocka_unit_test(printing_into_small_buffer_truncates),
		cmocka_unit_test(text_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
