/*
 * libcrmcommon XML escaping: which characters become entities in content
 * and in attribute values, and how much of the input is read.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml_escape.h>

static void expect_escaped(const char *text, size_t len, bool attribute, const char *want)
{
	GString *out = g_string_new("[");

	pcmk_xml_escape_append(out, text, len, attribute);
	assert_string_equal(out->str + 1, want);
	assert_int_equal(out->str[0], '[');
	g_string_free(out, TRUE);
}

static void content(void **state)
{
	(void)state;
	expect_escaped("a<b>&c", 6, false, "a&lt;b&gt;&amp;c");
	expect_escaped("say \"hi\" 'x'", 12, false, "say \"hi\" 'x'");
	expect_escaped("&amp;", 5, false, "&amp;amp;");
}

static void attribute(void **state)
{
	(void)state;
	expect_escaped("say \"hi\" <b>", 12, true, "say &quot;hi&quot; &lt;b&gt;");
	expect_escaped("'single'", 8, true, "'single'");
}

static void lengths(void **state)
{
	(void)state;
	expect_escaped("", 0, false, "");
	expect_escaped("a&b", 0, true, "");
	expect_escaped("a&bcd", 3, false, "a&amp;b");
	/* a NUL ends the text even when @len says more */
	expect_escaped("a<\0zz", 5, false, "a&lt;");
	expect_escaped("plain text", strlen("plain text"), true, "plain text");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(content),
		cmocka_unit_test(attribute),
		cmocka_unit_test(lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
