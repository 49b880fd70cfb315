/*
 * What crm_resource --cleanup removes from the status section: the
 * history of a resource that failed on the node and its fail-count /
 * last-failure attributes, narrowed by operation and interval.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/xml.h>

#include "crm_resource_cleanup.h"

static const char cib_text[] =
	"<cib><configuration/><status>"
	"<node_state id='1' uname='n1'><transient_attributes id='1'>"
	"<instance_attributes id='s1'>"
	"<nvpair id='f1' name='fail-count-web#monitor_10000' value='2'/>"
	"<nvpair id='l1' name='last-failure-web#monitor_10000' value='170'/>"
	"<nvpair id='f2' name='fail-count-web#start_0' value='1'/>"
	"<nvpair id='f3' name='fail-count-webserver#start_0' value='1'/>"
	"<nvpair id='o1' name='other' value='x'/>"
	"</instance_attributes></transient_attributes>"
	"<lrm id='1'><lrm_resources>"
	"<lrm_resource id='web'>"
	"<lrm_rsc_op id='web_last_0' operation='start' interval='0' rc-code='0'/>"
	"<lrm_rsc_op id='web_last_failure_0' operation='monitor' interval='10000' rc-code='7'/>"
	"</lrm_resource>"
	"<lrm_resource id='db'><lrm_rsc_op id='db_last_0' operation='start' interval='0'/>"
	"</lrm_resource>"
	"</lrm_resources></lrm></node_state></status></cib>";

static xmlDoc *load(void)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(cib_text, sizeof(cib_text) - 1, &doc, NULL), 0);
	return doc;
}

static bool has(const GPtrArray *paths, const char *tail)
{
	for (guint i = 0; i < paths->len; i++) {
		const char *p = paths->pdata[i];
		size_t n = strlen(p), t = strlen(tail);

		if (n >= t && strcmp(p + n - t, tail) == 0) {
			return true;
		}
	}
	return false;
}

static void all_failures_of_a_resource(void **state)
{
	xmlDoc *doc = load();
	struct rsc_cleanup_filter f = { .rsc = "web" };
	GPtrArray *p = rsc_cleanup_xpaths(doc, "n1", &f);

	(void)state;
	assert_int_equal(p->len, 4);
	assert_true(has(p, "lrm_resource[@id='web']"));
	assert_true(has(p, "nvpair[@id='f1']"));
	assert_true(has(p, "nvpair[@id='l1']"));
	assert_true(has(p, "nvpair[@id='f2']"));
	/* a resource whose id merely starts the same is left alone */
	assert_false(has(p, "nvpair[@id='f3']"));
	g_ptr_array_free(p, TRUE);
	xmlFreeDoc(doc);
}

static void one_operation(void **state)
{
	xmlDoc *doc = load();
	struct rsc_cleanup_filter f = { .rsc = "web",
					.operation = "monitor",
					.interval_ms = 10000 };
	GPtrArray *p = rsc_cleanup_xpaths(doc, "n1", &f);

	(void)state;
	assert_int_equal(p->len, 3);
	assert_true(has(p, "lrm_resource[@id='web']"));
	assert_false(has(p, "nvpair[@id='f2']"));
	g_ptr_array_free(p, TRUE);
	xmlFreeDoc(doc);
}

static void other_interval_keeps_history(void **state)
{
	xmlDoc *doc = load();
	struct rsc_cleanup_filter f = { .rsc = "web", .operation = "monitor", .interval_ms = 0 };
	GPtrArray *p = rsc_cleanup_xpaths(doc, "n1", &f);

	(void)state;
	assert_int_equal(p->len, 0);
	g_ptr_array_free(p, TRUE);
	xmlFreeDoc(doc);
}

static void no_failure_no_change(void **state)
{
	xmlDoc *doc = load();
	struct rsc_cleanup_filter f = { .rsc = "db" };
	GPtrArray *p = rsc_cleanup_xpaths(doc, "n1", &f);
	GPtrArray *q;

	(void)state;
	assert_int_equal(p->len, 0);
	f.rsc = "web";
	q = rsc_cleanup_xpaths(doc, "n2", &f);
	assert_int_equal(q->len, 0);
	g_ptr_array_free(p, TRUE);
	g_ptr_array_free(q, TRUE);
	xmlFreeDoc(doc);
}

/* The paths select exactly what they name in the document. */
static void paths_resolve(void **state)
{
	xmlDoc *doc = load();
	struct rsc_cleanup_filter f = { .rsc = "web" };
	GPtrArray *p = rsc_cleanup_xpaths(doc, "n1", &f);

	(void)state;
	for (guint i = 0; i < p->len; i++) {
		xmlNode **m = NULL;

		assert_int_equal(pcmk_xml_xpath_all(doc, p->pdata[i], &m), 1);
		free(m);
	}
	g_ptr_array_free(p, TRUE);
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(all_failures_of_a_resource),
		cmocka_unit_test(one_operation),
		cmocka_unit_test(other_interval_keeps_history),
		cmocka_unit_test(no_failure_no_change),
		cmocka_unit_test(paths_resolve),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
