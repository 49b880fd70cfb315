/*
 * libcrmcommon XPath queries: first match, all matches, what attribute and
 * text matches stand for, and bad expressions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include <crm/common/xml.h>

static const char cib_text[] =
	"<cib>"
	"<configuration>"
	"<resources>"
	"<primitive id=\"webip\" type=\"IPaddr2\"/>"
	"<group id=\"webservice\">"
	"<primitive id=\"websrv\" type=\"apache\"/>"
	"<primitive id=\"webdb\" type=\"mysql\"/>"
	"</group>"
	"</resources>"
	"<constraints><rsc_location id=\"loc1\" rsc=\"webip\">note</rsc_location></constraints>"
	"</configuration>"
	"</cib>";

static int load(void **state)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(cib_text, strlen(cib_text), &doc, NULL), 0);
	*state = doc;
	return 0;
}

static int unload(void **state)
{
	xmlFreeDoc(*state);
	return 0;
}

static void first_match(void **state)
{
	xmlNode *match = NULL;

	assert_int_equal(pcmk_xml_xpath_first(*state, "//primitive", &match), 0);
	assert_string_equal(pcmk_xml_attr(match, "id"), "webip");
	assert_int_equal(pcmk_xml_xpath_first(*state, "//group/primitive[@type='mysql']", &match),
			 0);
	assert_string_equal(pcmk_xml_attr(match, "id"), "webdb");
}

static void attribute_and_text_matches_give_their_element(void **state)
{
	xmlNode *match = NULL;

	assert_int_equal(pcmk_xml_xpath_first(*state, "//group/@id", &match), 0);
	assert_true(pcmk_xml_is(match, "group"));
	assert_int_equal(pcmk_xml_xpath_first(*state, "//rsc_location/text()", &match), 0);
	assert_true(pcmk_xml_is(match, "rsc_location"));
	assert_int_equal(pcmk_xml_xpath_first(*state, "/", &match), 0);
	assert_true(pcmk_xml_is(match, "cib"));
}

static void no_match(void **state)
{
	xmlNode *match = (xmlNode *)1;

	assert_int_equal(pcmk_xml_xpath_first(*state, "//clone", &match), -ENOENT);
	assert_null(match);
}

static void all_matches_in_document_order(void **state)
{
	xmlNode **matches = NULL;
	static const char *ids[] = { "webip", "websrv", "webdb" };

	assert_int_equal(pcmk_xml_xpath_all(*state, "//primitive", &matches), 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(pcmk_xml_attr(matches[i], "id"), ids[i]);
	}
	/* The array is a snapshot: freeing the matches is safe. */
	for (int i = 0; i < 3; i++) {
		pcmk_xml_free(matches[i]);
	}
	free(matches);
	assert_int_equal(pcmk_xml_xpath_all(*state, "//primitive", &matches), 0);
	assert_null(matches);
}

static void all_with_no_match(void **state)
{
	xmlNode **matches = (xmlNode **)1;

	assert_int_equal(pcmk_xml_xpath_all(*state, "//master", &matches), 0);
	assert_null(matches);
}

static void invalid_expressions(void **state)
{
	static const char *bad[] = {
		"//[",
		"",
		"///",
		"//primitive[@id=",
		"no_such_function()",
		"count(//primitive)",
		"string(//primitive/@id)",
	};
	xmlNode *match = NULL;
	xmlNode **matches = NULL;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (pcmk_xml_xpath_first(*state, bad[i], &match) != -EINVAL ||
		    pcmk_xml_xpath_all(*state, bad[i], &matches) != -EINVAL) {
			fail_msg("\"%s\" was accepted", bad[i]);
		}
	}
	assert_int_equal(pcmk_xml_xpath_first(*state, NULL, &match), -EINVAL);
	assert_int_equal(pcmk_xml_xpath_first(NULL, "//a", &match), -EINVAL);
	assert_int_equal(pcmk_xml_xpath_first(*state, "//a", NULL), -EINVAL);
	assert_int_equal(pcmk_xml_xpath_all(NULL, "//a", &matches), -EINVAL);
	assert_int_equal(pcmk_xml_xpath_all(*state, "//a", NULL), -EINVAL);
}

static void invalid_expression_prints_nothing(void **state)
{
	char errpath[] = "/tmp/pcmk_xml_xpath_test.XXXXXX";
	xmlNode *match = NULL;
	struct stat st;
	int saved = dup(STDERR_FILENO);
	int fd = mkstemp(errpath);

	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
	assert_int_equal(pcmk_xml_xpath_first(*state, "//[", &match), -EINVAL);
	assert_int_equal(pcmk_xml_xpath_first(*state, "no_such_function()", &match), -EINVAL);
	dup2(saved, STDERR_FILENO);
	close(saved);
	assert_int_equal(stat(errpath, &st), 0);
	assert_int_equal(st.st_size, 0);
	unlink(errpath);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(first_match, load, unload),
		cmocka_unit_test_setup_teardown(attribute_and_text_matches_give_their_element, load,
						unload),
		cmocka_unit_test_setup_teardown(no_match, load, unload),
		cmocka_unit_test_setup_teardown(all_matches_in_document_order, load, unload),
		cmocka_unit_test_setup_teardown(all_with_no_match, load, unload),
		cmocka_unit_test_setup_teardown(invalid_expressions, load, unload),
		cmocka_unit_test_setup_teardown(invalid_expression_prints_nothing, load, unload),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	xmlCleanupParser();
	return failed;
}
