/*
 * Test helpers for the cluster status text (see status_text_testutil.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>
#include <cmocka.h>

#include "status_text_testutil.h"

static struct pe_time when_of(xmlNode *cib)
{
	long long when = 0;

	if (pcmk_xml_attr_int(cib, "execution-date", &when) == 0 && when > 0) {
		return pe_time_from_epoch(when);
	}
	return pe_time_now();
}

char *stt_status_of_doc(xmlDoc **doc, char **error)
{
	struct pe_cluster *c = NULL;
	struct pe_time now;
	GString *text;
	xmlNode *cib;
	const char *schema = pcmk_xml_attr(xmlDocGetRootElement(*doc), "validate-with");
	int rc = 0;

	/* As crm_simulate: a CIB that turns validation off is read as is. */
	if (g_strcmp0(schema, "none") != 0) {
		rc = pcmk_schema_upgrade(doc, error);
	}
	if (rc != 0 && rc != -PCMK_E_SCHEMA_UNCHANGED) {
		return NULL;
	}
	g_free(*error);
	*error = NULL;
	cib = xmlDocGetRootElement(*doc);
	now = when_of(cib);
	if (pe_cluster_unpack(cib, &now, &c, error) != 0) {
		return NULL;
	}
	text = g_string_new(NULL);
	pe_status_text(c, text);
	pe_cluster_free(c);
	return g_string_free(text, FALSE);
}

char *stt_status_of_text(const char *xml, char **error)
{
	xmlDoc *doc = NULL;
	char *text;

	if (pcmk_xml_parse(xml, strlen(xml), &doc, error) != 0) {
		return NULL;
	}
	text = stt_status_of_doc(&doc, error);
	xmlFreeDoc(doc);
	return text;
}

char *stt_status_of_file(const char *path, char **error)
{
	xmlDoc *doc = NULL;
	char *text;

	if (pcmk_xml_parse_file(path, &doc, error) != 0) {
		return NULL;
	}
	text = stt_status_of_doc(&doc, error);
	xmlFreeDoc(doc);
	return text;
}

char *stt_summary_status(const char *summary)
{
	static const char head[] = "Current cluster status:\n";
	const char *start = strstr(summary, head);
	const char *end;

	if (start == NULL) {
		return NULL;
	}
	start += strlen(head);
	end = strstr(start, "\nTransition Summary:");
	return end == NULL ? NULL : g_strndup(start, (gsize)(end - start));
}

char *stt_cib(const char *options, const char *nodes, const char *resources, const char *status)
{
	return g_strdup_printf(
		"<cib validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\" "
		"admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"1\" "
		"execution-date=\"1700000000\"><configuration><crm_config>"
		"<cluster_property_set id=\"opts\">"
		"<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>%s"
		"</cluster_property_set></crm_config><nodes>%s</nodes>"
		"<resources>%s</resources><constraints/></configuration>"
		"<status>%s</status></cib>",
		options, nodes, resources, status);
}

char *stt_state(int id, const char *uname, const char *lrm)
{
	return g_strdup_printf("<node_state id=\"%d\" uname=\"%s\" in_ccm=\"true\" "
			       "crmd=\"online\" join=\"member\" expected=\"member\">"
			       "<lrm id=\"%d\"><lrm_resources>%s</lrm_resources></lrm>"
			       "</node_state>",
			       id, uname, id, lrm);
}

char *stt_op(const char *rsc, const char *task, const char *node, int call, int rc)
{
	return g_strdup_printf("<lrm_rsc_op id=\"%s_%s_%d\" operation_key=\"%s_%s_0\" "
			       "operation=\"%s\" transition-key=\"%d:1:0:x\" "
			       "transition-magic=\"0:%d;%d:1:0:x\" call-id=\"%d\" "
			       "rc-code=\"%d\" op-status=\"0\" interval=\"0\" "
			       "on_node=\"%s\"/>",
			       rsc, task, call, rsc, task, task, call, rc, call, call, rc, node);
}

char *stt_lrm(const char *rsc, const char *ops)
{
	return g_strdup_printf("<lrm_resource id=\"%s\" class=\"ocf\" "
			       "provider=\"pacemaker\" type=\"Dummy\">%s</lrm_resource>",
			       rsc, ops);
}

void stt_assert_status(char *cib, const char *want)
{
	char *error = NULL;
	char *got = stt_status_of_text(cib, &error);
	const char *dump = getenv("STATUS_TEXT_DUMP");

	if (dump != NULL) {
		/* for checking the expectations against the real crm_simulate */
		static int n;
		char *path = g_strdup_printf("%s/cib-%d.xml", dump, ++n);

		(void)g_file_set_contents(path, cib, -1, NULL);
		g_free(path);
	}
	if (got == NULL) {
		fail_msg("%s", error);
	}
	assert_string_equal(got, want);
	g_free(got);
	g_free(cib);
}
