/*
 * `ptest` / `simulate` in configure: what the scheduler would make of
 * the working copy, printed as crm_simulate -S prints a run: the current
 * status and the transition summary.
 */
#include <stdio.h>
#include <stdlib.h>

#include <crm/common/xml.h>
#include <crm/pengine/iso8601.h>
#include <crm/pengine/sched.h>
#include <crm/pengine/status.h>
#include <crm/pengine/status_text.h>

#include "crm.h"

static int status_text(xmlNode *cib, const struct pe_time *now, GString *out)
{
	struct pe_cluster *c = NULL;
	char *error = NULL;
	int rc = pe_cluster_unpack(cib, now, &c, &error);

	if (rc != 0) {
		out_msgf(CRMCONF_ERROR, "ptest: %s", error ? error : "cannot unpack the CIB");
		g_free(error);
		return rc;
	}
	g_string_append(out, "Current cluster status:\n");
	pe_status_text(c, out);
	pe_cluster_free(c);
	return 0;
}

static int summary_text(xmlNode *cib, const struct pe_time *now, GString *out)
{
	struct pe_sched_options sopts = { .now = now };
	struct pe_cluster *c = NULL;
	xmlNode *graph = NULL;
	char *error = NULL;
	int rc = pe_schedule(cib, &sopts, &c, &graph, &error);

	if (rc != 0) {
		out_msgf(CRMCONF_ERROR, "ptest: %s", error ? error : "the scheduler failed");
		g_free(error);
		return rc;
	}
	g_string_append(out, "\nTransition Summary:\n");
	pe_transition_summary(c, out);
	pe_cluster_free(c);
	pcmk_xml_free(graph);
	return 0;
}

int ptest_print(xmlDoc *doc)
{
	/* the scheduler borrows the tree: give it a copy of the staged CIB */
	xmlDoc *copy = xmlCopyDoc(doc, 1);
	struct pe_time now = pe_time_now();
	GString *out = g_string_new(NULL);
	int rc = -1;

	if (copy != NULL) {
		rc = status_text(xmlDocGetRootElement(copy), &now, out);
		rc = (rc != 0) ? rc : summary_text(xmlDocGetRootElement(copy), &now, out);
		xmlFreeDoc(copy);
	}
	fputs(out->str, stdout);
	fflush(stdout);
	g_string_free(out, TRUE);
	return (rc != 0) ? -1 : 0;
}
