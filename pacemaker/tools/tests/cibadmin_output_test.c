/*
 * What cibadmin prints: XML pretty-printed, -e's paths, and the numbered
 * listing of a refused CIB.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml.h>
#include "cibadmin.h"

static xmlDoc *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

/* What cibadmin_print_output() or _numbered() writes for @text. */
static char *printed(const char *text, bool node_path, bool numbered)
{
	xmlDoc *doc = parse(text);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	if (numbered) {
		assert_int_equal(cibadmin_print_numbered(out, xmlDocGetRootElement(doc)), 0);
	} else {
		assert_int_equal(cibadmin_print_output(out, xmlDocGetRootElement(doc), node_path),
				 0);
	}
	fclose(out);
	xmlFreeDoc(doc);
	return buf;
}

static void pretty(void **state)
{
	char *s = printed("<resources><primitive id=\"a\" type=\"x\"/></resources>", false, false);

	(void)state;
	assert_string_equal(s, "<resources>\n  <primitive id=\"a\" type=\"x\"/>\n</resources>\n");
	free(s);
}

static void node_paths(void **state)
{
	char *many = printed("<xpath-query><xpath-query-path id=\"/cib/a\"/>"
			     "<xpath-query-path id=\"/cib/b\"/></xpath-query>",
			     true, false);
	char *one = printed("<xpath-query-path id=\"/cib\"/>", true, false);
	char *none = printed("<nodes/>", true, false);

	(void)state;
	assert_string_equal(many, "/cib/a\n/cib/b\n");
	assert_string_equal(one, "/cib\n");
	assert_string_equal(none, ""); /* nothing with an id: nothing printed */
	free(many);
	free(one);
	free(none);
}

static void numbered(void **state)
{
	char *s = printed("<cib><configuration/></cib>", false, true);

	(void)state;
	assert_string_equal(s, "   1 <cib>\n   2   <configuration/>\n   3 </cib>\n   4 \n");
	free(s);
}

static void nothing_to_print(void **state)
{
	(void)state;
	assert_int_equal(cibadmin_print_output(stdout, NULL, false), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pretty),
		cmocka_unit_test(node_paths),
		cmocka_unit_test(numbered),
		cmocka_unit_test(nothing_to_print),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
