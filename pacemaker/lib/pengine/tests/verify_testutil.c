/*
 * Helpers of the crm_verify library tests (see verify_testutil.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/tree.h>

#include "verify_testutil.h"

char *verify_text(const struct pe_verify_report *r, int verbosity)
{
	GString *out = g_string_new(NULL);

	for (guint i = 0; i < r->msgs->len; i++) {
		pe_verify_format(g_ptr_array_index(r->msgs, i), verbosity, out);
	}
	return g_string_free(out, FALSE);
}

char *verify_cib(const char *crm_config, const char *resources, const char *status)
{
	return g_strdup_printf(
		"<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" "
		"admin_epoch=\"0\">\n"
		"  <configuration>\n"
		"    <crm_config><cluster_property_set id=\"o\">%s</cluster_property_set>"
		"</crm_config>\n"
		"    <nodes><node id=\"1\" uname=\"node1\"/><node id=\"2\" "
		"uname=\"node2\"/></nodes>\n"
		"    <resources>%s</resources>\n"
		"    <constraints/>\n"
		"  </configuration>\n"
		"  <status>%s</status>\n"
		"</cib>\n",
		crm_config, resources, status);
}

struct pe_verify_report *verify_run(const char *text)
{
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;

	assert_int_equal(pe_verify_parse_text(text, strlen(text), r, &doc), 0);
	assert_int_equal(r->msgs->len, 0);
	pe_verify_doc(doc, r);
	xmlFreeDoc(doc);
	return r;
}
