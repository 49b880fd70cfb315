/* crmconf_show()/crmconf_render(): crmsh's layout and order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "golden.h"

static void expect_show(const char *const *lines, const char *expected)
{
	xmlDoc *cib = golden_cib(lines);
	char *text = golden_show(cib);

	assert_string_equal(text, expected);
	g_free(text);
	xmlFreeDoc(cib);
}

static void web_group(void **state)
{
	static const char *const lines[] = {
		"property stonith-enabled=false",
		"primitive web nginx params configfile=/etc/nginx/nginx.conf op monitor "
		"interval=20s",
		"primitive vip IPaddr2 params ip=10.0.0.1 password=x",
		"group g-web vip web meta target-role=Started",
		"location l-b g-web 50: node1",
		"colocation a-c inf: web vip",
		NULL,
	};

	(void)state;
	expect_show(lines,
		    "primitive vip IPaddr2 \\\n\tparams ip=10.0.0.1 password=\"******\"\n"
		    "primitive web nginx \\\n\tparams configfile=\"/etc/nginx/nginx.conf\" \\\n"
		    "\top monitor interval=20s\n"
		    "group g-web vip web \\\n\tmeta target-role=Started\n"
		    "colocation a-c inf: web vip\n"
		    "location l-b g-web 50: node1\n"
		    "property cib-bootstrap-options: \\\n\tstonith-enabled=false\n");
}

static void raw_xml_fallback(void **state)
{
	static const char *const lines[] = {
		"colocation c inf: a ( b c sequential=true )",
		NULL,
	};

	(void)state;
	expect_show(lines, "xml <rsc_colocation id=\"c\" score=\"INFINITY\"> \\\n"
			   "  <resource_set id=\"c-0\"> \\\n    <resource_ref id=\"a\"/> \\\n"
			   "  </resource_set> \\\n  <resource_set id=\"c-1\"> \\\n"
			   "    <resource_ref id=\"b\"/> \\\n    <resource_ref id=\"c\"/> \\\n"
			   "  </resource_set> \\\n</rsc_colocation>\n");
}

static void nodes_and_topology(void **state)
{
	static const char *const lines[] = {
		"node node1 attributes rack=r1",
		"node $id=17 node2",
		"fencing_topology node1: st1 st2",
		NULL,
	};

	(void)state;
	expect_show(lines, "node 17: node2\nnode node1 \\\n\tattributes rack=r1\n"
			   "fencing_topology \\\n\tnode1: st1 st2\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(web_group),
		cmocka_unit_test(raw_xml_fallback),
		cmocka_unit_test(nodes_and_topology),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
