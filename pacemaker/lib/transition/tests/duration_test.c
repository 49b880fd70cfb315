/* The durations of a graph's header (cluster-delay, stonith-timeout) as
 * transition_graph_unpack() reads them with libcrmcommon's parser. */
#include "test_xml.h"

/* cluster-delay @delay in ms, or -1 when the graph is refused. */
static long long delay_ms(const char *delay)
{
	char *text = g_strdup_printf("<transition_graph cluster-delay=\"%s\" transition_id=\"1\"/>",
				     delay);
	xmlNode *xml = test_parse(text);
	struct transition_graph *graph = NULL;
	char *error = NULL;
	long long ms = -1;

	if (transition_graph_unpack(xml, &graph, &error) == 0) {
		ms = graph->cluster_delay_ms;
		transition_graph_free(graph);
	}
	free(error);
	pcmk_xml_free(xml);
	g_free(text);
	return ms;
}

static void test_units(void **state)
{
	(void)state;
	assert_int_equal(delay_ms("60s"), 60000);
	assert_int_equal(delay_ms("90"), 90000);
	assert_int_equal(delay_ms("500ms"), 500);
	assert_int_equal(delay_ms("2min"), 120000);
	assert_int_equal(delay_ms("1h"), 3600000);
	assert_int_equal(delay_ms("2000us"), 2);
	assert_int_equal(delay_ms("10seconds"), 10000);
}

static void test_iso(void **state)
{
	(void)state;
	assert_int_equal(delay_ms("PT1M30S"), 90000);
	assert_int_equal(delay_ms("P1DT1S"), 86401000);
	assert_int_equal(delay_ms("P1M"), 30LL * 86400000);
}

static void test_bad(void **state)
{
	(void)state;
	assert_int_equal(delay_ms(""), -1);
	assert_int_equal(delay_ms("s"), -1);
	assert_int_equal(delay_ms("10 parsecs"), -1);
	assert_int_equal(delay_ms("-5s"), -1);
	assert_int_equal(delay_ms("P"), -1);
	assert_int_equal(delay_ms("PT-5S"), -1);
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
