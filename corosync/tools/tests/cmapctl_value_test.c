/*
 * corosync-cmapctl's value handling: type names, parsing with the real
 * tool's leniency and range checks, and the printed lines, quirks
 * included (sign-extended escapes, "bin)" in quiet mode).
 */
/* open_memstream() needs _GNU_SOURCE, which config.h (included first) sets. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cmapctl_value.h"

/* What cmapctl_print() writes, in a string the caller frees. */
static char *printed(int binary, int quiet, const char *key, cmap_value_types_t type,
		     const void *value, size_t len)
{
	struct cmapctl_style style = { binary, quiet };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	cmapctl_print(out, &style, key, type, value, len);
	fclose(out);
	return text;
}

static void assert_printed(const char *want, int binary, int quiet, const char *key,
			   cmap_value_types_t type, const void *value, size_t len)
{
	char *got = printed(binary, quiet, key, type, value, len);

	assert_string_equal(got, want);
	free(got);
}

static void type_names(void **state)
{
	static const char *const names[] = { "i8",  "u8",  "i16", "u16", "i32", "u32",
					     "i64", "u64", "flt", "dbl", "str", "bin" };

	for (int i = 0; i < 12; i++) {
		assert_int_equal(cmapctl_type_from_name(names[i]), i + 1);
		assert_string_equal(cmapctl_type_name((cmap_value_types_t)(i + 1)), names[i]);
	}
	assert_int_equal(cmapctl_type_from_name("x32"), -1);
	assert_int_equal(cmapctl_type_from_name("U32"), -1);
	assert_int_equal(cmapctl_type_from_name(NULL), -1);
	assert_null(cmapctl_type_name(0));
	assert_null(cmapctl_type_name(13));
}

static void numbers_parse_like_scanf(void **state)
{
	struct cmapctl_number n;

	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_INT8, "-128", &n), CMAPCTL_PARSED);
	assert_int_equal(n.i8, -128);
	assert_int_equal(n.len, 1);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_INT8, "-129", &n),
			 CMAPCTL_OUT_OF_RANGE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_INT8, "128", &n),
			 CMAPCTL_OUT_OF_RANGE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT8, "255", &n), CMAPCTL_PARSED);
	assert_int_equal(n.u8, 255);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT8, "256", &n),
			 CMAPCTL_OUT_OF_RANGE);
	/* scanf wraps a minus sign for unsigned types. */
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT8, "-1", &n),
			 CMAPCTL_OUT_OF_RANGE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT64, "-1", &n), CMAPCTL_PARSED);
	assert_true(n.u64 == UINT64_MAX);
	/* Leading blanks and trailing garbage pass, as with the real tool. */
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT16, " 12x", &n), CMAPCTL_PARSED);
	assert_int_equal(n.u16, 12);
	assert_int_equal(n.len, 2);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT32, "abc", &n),
			 CMAPCTL_NOT_A_VALUE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT32, "4294967295", &n),
			 CMAPCTL_PARSED);
	assert_int_equal(n.u32, 4294967295u);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_INT64, "-9000000000", &n),
			 CMAPCTL_PARSED);
	assert_true(n.i64 == -9000000000LL);
	assert_int_equal(n.len, 8);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_FLOAT, "1.5", &n), CMAPCTL_PARSED);
	assert_true(n.flt == 1.5f);
	assert_int_equal(n.len, 4);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_DOUBLE, "x", &n), CMAPCTL_NOT_A_VALUE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_STRING, "x", &n), CMAPCTL_NOT_A_VALUE);
	assert_int_equal(cmapctl_parse_number(CMAP_VALUETYPE_UINT8, NULL, &n), CMAPCTL_NOT_A_VALUE);
}

static void lines_of_each_type(void **state)
{
	int8_t i8 = -5;
	uint16_t u16 = 60000;
	int32_t i32 = -70000;
	uint64_t u64 = 18000000000000000000ULL;
	float flt = 1.5f;
	double dbl = 0;

	assert_printed("a.b (i8) = -5\n", 0, 0, "a.b", CMAP_VALUETYPE_INT8, &i8, 1);
	assert_printed("a.b (u16) = 60000\n", 0, 0, "a.b", CMAP_VALUETYPE_UINT16, &u16, 2);
	assert_printed("a.b (i32) = -70000\n", 0, 0, "a.b", CMAP_VALUETYPE_INT32, &i32, 4);
	assert_printed("a.b (u64) = 18000000000000000000\n", 0, 0, "a.b", CMAP_VALUETYPE_UINT64,
		       &u64, 8);
	assert_printed("a.b (flt) = 1.500000\n", 0, 0, "a.b", CMAP_VALUETYPE_FLOAT, &flt, 4);
	assert_printed("a.b (dbl) = 0.000000\n", 0, 0, "a.b", CMAP_VALUETYPE_DOUBLE, &dbl, 8);
	assert_printed("a.b (str) = r(0) ip(127.0.0.1) \n", 0, 0, "a.b", CMAP_VALUETYPE_STRING,
		       "r(0) ip(127.0.0.1) ", 20);
	assert_printed("-5\n", 0, 1, "a.b", CMAP_VALUETYPE_INT8, &i8, 1);
	assert_printed("hello\n", 0, 1, "a.b", CMAP_VALUETYPE_STRING, "hello", 6);
	/* A value shorter than its type is not read past. */
	assert_printed("a.b (u64) = 255\n", 0, 0, "a.b", CMAP_VALUETYPE_UINT64, "\xff", 1);
	/* An unknown type: the key and the parenthesis only. */
	assert_printed("a.b (\n", 0, 0, "a.b", 0, "", 0);
}

static void binary_values(void **state)
{
	static const char bin[] = { 'a', 'b', '\\', 'c', 1, (char)0xff, ' ', '~', 0x7f };

	assert_printed("a.b (bin)\n", 0, 0, "a.b", CMAP_VALUETYPE_BINARY, NULL, 9);
	assert_printed("a.b (bin) = ab\\\\c\\x01\\xFFFFFFFF ~\\x7F\n", 1, 0, "a.b",
		       CMAP_VALUETYPE_BINARY, bin, sizeof(bin));
	assert_printed("bin)\n", 0, 1, "a.b", CMAP_VALUETYPE_BINARY, NULL, 9);
	assert_printed("bin) = ab\n", 1, 1, "a.b", CMAP_VALUETYPE_BINARY, "ab", 2);
	assert_printed("a.b (bin) = *empty*\n", 1, 0, "a.b", CMAP_VALUETYPE_BINARY, NULL, 0);
	assert_printed("a.b (bin) = \n", 1, 0, "a.b", CMAP_VALUETYPE_BINARY, "", 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(type_names),
		cmocka_unit_test(numbers_parse_like_scanf),
		cmocka_unit_test(lines_of_each_type),
		cmocka_unit_test(binary_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
