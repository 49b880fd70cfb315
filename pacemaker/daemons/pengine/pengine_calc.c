/*
 * One scheduling run of the daemon: the CIB a request carries is checked
 * (a <cib>, valid against the schema it names, 1.x syntax upgraded) and
 * handed to the scheduler.  Whatever happens the outcome says which saved
 * series the input belongs to, so bad inputs are kept for the
 * administrator too (pe-error).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/sched.h>
#include "pengine_daemon.h"

void pengine_calc_clear(struct pengine_calc *c)
{
	if (c == NULL) {
		return;
	}
	g_free(c->error);
	pcmk_xml_free(c->graph);
	pcmk_xml_free(c->input);
	if (c->errors != NULL) {
		g_ptr_array_free(c->errors, TRUE);
	}
	if (c->warnings != NULL) {
		g_ptr_array_free(c->warnings, TRUE);
	}
	memset(c, 0, sizeof(*c));
}

static int fail(struct pengine_calc *out, int rc, char *error)
{
	out->rc = rc;
	out->error = error;
	return rc;
}

/* Check @doc against its schema; a 1.x CIB is upgraded into *@sched (a
 * copy to schedule; the input is saved as it came). */
static int check_schema(xmlDoc *doc, xmlDoc **sched, struct pengine_calc *out)
{
	const char *schema = pcmk_xml_attr(xmlDocGetRootElement(doc), "validate-with");
	char *detail = NULL;
	int rc = pcmk_schema_validate(doc, &detail);

	if (rc == -PCMK_E_SCHEMA) {
		rc = fail(out, rc,
			  g_strdup_printf("the CIB does not conform to its schema %s: %s",
					  schema != NULL ? schema : pcmk_schema_latest(),
					  detail != NULL ? detail : "no detail"));
	} else if (rc < 0) {
		rc = fail(out, rc,
			  g_strdup_printf("cannot check the CIB against schema %s: %s",
					  schema != NULL ? schema : pcmk_schema_latest(),
					  rc == -EINVAL ? "no such schema" : pcmk_strerror(rc)));
	} else if (schema != NULL && strncmp(schema, "pacemaker-1.", 12) == 0) {
		*sched = xmlCopyDoc(doc, 1);
		rc = *sched != NULL ? pcmk_schema_upgrade(sched, &detail) : -ENOMEM;
		if (rc < 0) {
			fail(out, rc,
			     g_strdup_printf("cannot upgrade the %s CIB to %s: %s", schema,
					     pcmk_schema_latest(),
					     detail != NULL ? detail : pcmk_strerror(rc)));
		}
	}
	free(detail);
	return rc;
}

static GPtrArray *copy_messages(const GPtrArray *from)
{
	GPtrArray *to = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; from != NULL && i < from->len; i++) {
		g_ptr_array_add(to, g_strdup(from->pdata[i]));
	}
	return to;
}

static void schedule(xmlNode *cib, int transition_id, struct pengine_calc *out)
{
	struct pe_sched_options opts = { .transition_id = transition_id };
	struct pe_cluster *cluster = NULL;
	char *error = NULL;
	int rc = pe_schedule(cib, &opts, &cluster, &out->graph, &error);

	if (rc < 0) {
		out->series = PENGINE_SERIES_ERROR;
		fail(out, rc, error != NULL ? error : g_strdup(pcmk_strerror(rc)));
		return;
	}
	g_free(error);
	out->errors = copy_messages(cluster->config_errors);
	out->warnings = copy_messages(cluster->config_warnings);
	if (out->errors->len > 0) {
		out->series = PENGINE_SERIES_ERROR;
	} else if (out->warnings->len > 0) {
		out->series = PENGINE_SERIES_WARN;
	}
	out->wrap = pengine_series_wrap(
		out->series, pe_cluster_option(cluster, pengine_series_option(out->series)));
	pe_cluster_free(cluster);
	/* the scheduler leaves the id alone when it is 0 */
	pcmk_xml_set_attr_int(out->graph, "transition_id", transition_id);
}

void pengine_calc_run(const xmlNode *cib, int transition_id, long long now,
		      struct pengine_calc *out)
{
	xmlDoc *upgraded = NULL;

	memset(out, 0, sizeof(*out));
	out->series = PENGINE_SERIES_ERROR;
	out->wrap = pengine_series_wrap(PENGINE_SERIES_ERROR, NULL);
	out->input = pcmk_xml_copy(cib);
	if (out->input == NULL) {
		fail(out, -ENOMEM, g_strdup("out of memory copying the CIB"));
		return;
	}
	/* the run's time, recorded so a replay of the saved input decides the same */
	pcmk_xml_set_attr_int(out->input, "execution-date", now);
	if (!pcmk_xml_is(out->input, "cib")) {
		fail(out, -EINVAL,
		     g_strdup_printf("not a CIB: the request carries <%s>, not <cib>",
				     (const char *)out->input->name));
		return;
	}
	if (check_schema(out->input->doc, &upgraded, out) < 0) {
		xmlFreeDoc(upgraded);
		return;
	}
	out->series = PENGINE_SERIES_INPUT;
	schedule(upgraded != NULL ? xmlDocGetRootElement(upgraded) : out->input, transition_id,
		 out);
	xmlFreeDoc(upgraded);
}
