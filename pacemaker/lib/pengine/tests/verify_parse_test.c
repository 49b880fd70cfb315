/*
 * Reading a CIB for crm_verify: libxml2's complaints line by line, what a
 * broken document leaves after recovery, and the messages of the file and
 * string readers (as pacemaker 2.1.5's crm_verify prints them at -V).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/tree.h>

#include "verify_testutil.h"

#define XML_ERROR "(log_xmllib_err) \terror: XML Error: "

static void well_formed_text_is_quiet(void **state)
{
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;

	(void)state;
	assert_int_equal(pe_verify_parse_text("<cib/>", 6, r, &doc), 0);
	assert_non_null(doc);
	assert_int_equal(r->msgs->len, 0);
	xmlFreeDoc(doc);
	pe_verify_report_free(r);
}

static void empty_text(void **state)
{
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;
	char *text;

	(void)state;
	assert_int_equal(pe_verify_parse_text("", 0, r, &doc), -EINVAL);
	assert_null(doc);
	text = verify_text(r, 1);
	assert_string_equal(text,
			    XML_ERROR "Entity: line 1: parser error : Document is empty\n" XML_ERROR
				      "\n" XML_ERROR "^\n");
	assert_false(r->invalid);
	g_free(text);
	pe_verify_report_free(r);
}

static void unclosed_text_is_recovered(void **state)
{
	static const char input[] = "<cib><a x=\"1&amp;2\"><b/></a>";
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;
	char *text;

	(void)state;
	assert_int_equal(pe_verify_parse_text(input, strlen(input), r, &doc), 0);
	assert_non_null(doc);
	text = verify_text(r, 1);
	assert_string_equal(
		text, XML_ERROR
		"Entity: line 1: parser error : Premature end of data in tag cib line 1\n" XML_ERROR
		"<cib><a x=\"1&amp;2\"><b/></a>\n" XML_ERROR "                            ^\n"
		"(string2xml) \terror: Couldn't fully parse 28 chars: <cib><a "
		"x=\"1&amp;2\"><b/></a>\n"
		"(string2xml) \terror: Partial   <cib>\n"
		"(string2xml) \terror: Partial     <a x=\"1&amp;2\">\n"
		"(string2xml) \terror: Partial       <b/>\n"
		"(string2xml) \terror: Partial     </a>\n"
		"(string2xml) \terror: Partial   </cib>\n");
	/* none of it shows without -V */
	g_free(text);
	text = verify_text(r, 0);
	assert_string_equal(text, "");
	g_free(text);
	xmlFreeDoc(doc);
	pe_verify_report_free(r);
}

static void file_messages_name_the_file(void **state)
{
	char path[] = "/tmp/verify_parse_testXXXXXX";
	int fd = mkstemp(path);
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;
	char *text, *want;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "<cib>\n<x>\n</cib>\n", 17), 17);
	close(fd);
	assert_int_equal(pe_verify_parse_file(path, r, &doc), 0);
	text = verify_text(r, 1);
	want = g_strdup_printf("%s:3: parser error : Opening and ending tag mismatch: x line 2 "
			       "and cib\n",
			       path);
	assert_non_null(strstr(text, want));
	g_free(want);
	want = g_strdup_printf("(filename2xml) \terror: Couldn't fully parse %s\n", path);
	assert_non_null(strstr(text, want));
	assert_non_null(
		strstr(text, "(filename2xml) \terror: Parsing failed (domain=1, level=3, "));
	assert_non_null(strstr(text, "(filename2xml) \terror: Partial     <x/>\n"));
	g_free(want);
	g_free(text);
	xmlFreeDoc(doc);
	pe_verify_report_free(r);
	unlink(path);
}

static void missing_file(void **state)
{
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;
	char *text;

	(void)state;
	assert_int_equal(pe_verify_parse_file("/nonexistent/cib.xml", r, &doc), -EINVAL);
	assert_null(doc);
	text = verify_text(r, 1);
	assert_string_equal(text, XML_ERROR
			    "I/O warning : failed to load external entity "
			    "\"/nonexistent/cib.xml\"\n"
			    "(filename2xml) \terror: Parsing failed (domain=8, level=1, "
			    "code=1549): failed to load external entity "
			    "\"/nonexistent/cib.xml\"\n"
			    "(filename2xml) \terror: Couldn't parse /nonexistent/cib.xml\n");
	g_free(text);
	pe_verify_report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(well_formed_text_is_quiet),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(unclosed_text_is_recovered),
		cmocka_unit_test(file_messages_name_the_file),
		cmocka_unit_test(missing_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
