/*
 * One scheduling run: a clean CIB gives a graph and the pe-input series,
 * configuration errors and warnings pick their series, and what is not a
 * usable CIB gives an error naming the problem (pe-error series).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <glib.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "../pengine_daemon.h"
#include "pengine_testutil.h"

static void clean_cib_gives_a_graph(void **state)
{
	xmlNode *cib = testutil_cib("", "", 5);
	struct pengine_calc c;
	long long when = 0;
	char *text;

	(void)state;
	pengine_calc_run(cib, 9, 1700000000LL, &c);
	assert_int_equal(c.rc, 0);
	assert_null(c.error);
	assert_true(pcmk_xml_is(c.graph, "transition_graph"));
	assert_string_equal(pcmk_xml_attr(c.graph, "transition_id"), "9");
	/* the resource is started somewhere */
	text = pcmk_xml_to_string(c.graph, false);
	assert_non_null(strstr(text, "operation=\"start\""));
	free(text);
	assert_int_equal(c.series, PENGINE_SERIES_INPUT);
	assert_int_equal(c.wrap, 4000);
	assert_int_equal(c.errors->len, 0);
	assert_int_equal(pcmk_xml_attr_int(c.input, "execution-date", &when), 0);
	assert_int_equal(when, 1700000000LL);
	/* the caller's CIB is left alone */
	assert_null(pcmk_xml_attr(cib, "execution-date"));
	pengine_calc_clear(&c);
	pengine_calc_clear(NULL);
	pcmk_xml_free(cib);
}

static void id_zero_is_written(void **state)
{
	xmlNode *cib = testutil_cib("", "", 5);
	struct pengine_calc c;

	(void)state;
	pengine_calc_run(cib, 0, 1, &c);
	assert_int_equal(c.rc, 0);
	assert_string_equal(pcmk_xml_attr(c.graph, "transition_id"), "0");
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

static void series_size_from_the_options(void **state)
{
	xmlNode *cib = testutil_cib(
		"<nvpair id=\"opt-max\" name=\"pe-input-series-max\" value=\"3\"/>", "", 5);
	struct pengine_calc c;

	(void)state;
	pengine_calc_run(cib, 1, 1, &c);
	assert_int_equal(c.rc, 0);
	assert_int_equal(c.series, PENGINE_SERIES_INPUT);
	assert_int_equal(c.wrap, 3);
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

/* The schema refuses a reference to a missing resource (as pacemaker's
 * does); with validation off the scheduler reports it. */
static void missing_resource_is_a_config_error(void **state)
{
	xmlNode *cib = testutil_cib(
		"<nvpair id=\"opt-err\" name=\"pe-error-series-max\" value=\"2\"/>",
		"<rsc_location id=\"loc-ghost\" rsc=\"ghost\" node=\"node1\" score=\"100\"/>", 5);
	struct pengine_calc c;

	(void)state;
	pengine_calc_run(cib, 2, 1, &c);
	assert_int_equal(c.rc, -PCMK_E_SCHEMA);
	assert_non_null(strstr(c.error, "ghost"));
	pengine_calc_clear(&c);
	pcmk_xml_set_attr(cib, "validate-with", "none");
	pengine_calc_run(cib, 2, 1, &c);
	assert_int_equal(c.rc, 0);
	assert_non_null(c.graph);
	assert_int_equal(c.series, PENGINE_SERIES_ERROR);
	assert_int_equal(c.wrap, 2);
	assert_true(c.errors->len >= 1);
	assert_non_null(strstr(c.errors->pdata[0], "ghost"));
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

static void not_a_cib(void **state)
{
	xmlNode *junk = testutil_parse("<configuration><nodes/></configuration>");
	struct pengine_calc c;

	(void)state;
	pengine_calc_run(junk, 3, 1, &c);
	assert_int_equal(c.rc, -EINVAL);
	assert_non_null(strstr(c.error, "<configuration>"));
	assert_null(c.graph);
	assert_int_equal(c.series, PENGINE_SERIES_ERROR);
	assert_int_equal(c.wrap, -1);
	/* kept for the administrator as it came */
	assert_true(pcmk_xml_is(c.input, "configuration"));
	pengine_calc_clear(&c);
	pcmk_xml_free(junk);
}

static void schema_invalid_cib(void **state)
{
	xmlNode *cib = testutil_cib("", "", 5);
	xmlNode *rscs =
		pcmk_xml_first_child(pcmk_xml_first_child(cib, "configuration"), "resources");
	struct pengine_calc c;

	(void)state;
	/* a primitive without its required class and type */
	pcmk_xml_set_attr(pcmk_xml_add_child(rscs, "primitive"), "id", "broken");
	pengine_calc_run(cib, 4, 1, &c);
	assert_int_equal(c.rc, -PCMK_E_SCHEMA);
	assert_non_null(strstr(c.error, "schema pacemaker-3.7"));
	assert_null(c.graph);
	assert_int_equal(c.series, PENGINE_SERIES_ERROR);
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

static void unknown_schema(void **state)
{
	xmlNode *cib = testutil_cib("", "", 5);
	struct pengine_calc c;

	(void)state;
	pcmk_xml_set_attr(cib, "validate-with", "pacemaker-9.9");
	pengine_calc_run(cib, 4, 1, &c);
	assert_true(c.rc < 0);
	assert_non_null(strstr(c.error, "pacemaker-9.9"));
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

static void cib_without_configuration(void **state)
{
	xmlNode *cib = testutil_parse("<cib validate-with=\"none\" epoch=\"1\"/>");
	struct pengine_calc c;

	(void)state;
	pengine_calc_run(cib, 4, 1, &c);
	assert_true(c.rc < 0);
	assert_non_null(strstr(c.error, "configuration"));
	assert_int_equal(c.series, PENGINE_SERIES_ERROR);
	pengine_calc_clear(&c);
	pcmk_xml_free(cib);
}

static int teardown(void **state)
{
	(void)state;
	pcmk_schema_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_cib_gives_a_graph),
		cmocka_unit_test(id_zero_is_written),
		cmocka_unit_test(series_size_from_the_options),
		cmocka_unit_test(missing_resource_is_a_config_error),
		cmocka_unit_test(not_a_cib),
		cmocka_unit_test(schema_invalid_cib),
		cmocka_unit_test(unknown_schema),
		cmocka_unit_test(cib_without_configuration),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
