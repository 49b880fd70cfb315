/*
 * crm_mon: read the CIB (the live cluster's, or CIB_file's), unpack it
 * and show the cluster's state once (-1, -s, XML) or refreshed every
 * interval on the console.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crm/cib/input.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include <crm/pengine/status.h>

#include "crm_mon.h"
#include "tool_version.h"

/* Why the CIB could not be had, worded as pacemaker's crm_mon does. */
static const char *connect_error(int rc)
{
	if (rc == -ENOENT || rc == -ENXIO) {
		return "No such device or address";
	}
	if (rc == -ENOTCONN || rc == -ECONNREFUSED) {
		return "Connection refused";
	}
	return "Update does not conform to the configured schema";
}

static int read_cluster(struct pe_cluster **c, xmlDoc **doc, char **why)
{
	struct cib_input in = { .client = "crm_mon" };
	struct pe_time now = { 0 };
	char *error = NULL;
	int rc = cib_input_read(&in, NULL, doc, &error);

	free(error);
	if (rc < 0) {
		*why = g_strdup(connect_error(rc));
		return rc;
	}
	now.seconds = (long long)time(NULL);
	rc = pe_cluster_unpack(xmlDocGetRootElement(*doc), &now, c, &error);
	if (rc != 0) {
		*why = g_strdup(error != NULL ? error : "the CIB could not be unpacked");
		g_free(error);
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
}

static void render(const struct pe_cluster *c, struct mon_opts *o, GString *text)
{
	if (o->simple) {
		/* pacemaker's crm_mon says this on a warning, yet exits 0 */
		if (mon_simple_status(c, text) != 0) {
			fprintf(stderr, "Error outputting status info from the fencer or CIB\n");
		}
	} else if (o->format == MON_XML) {
		char *xml = mon_xml(c, o, NULL);

		g_string_append(text, xml);
		free(xml);
	} else if (o->format == MON_HTML) {
		mon_html(c, o, text);
	} else {
		mon_text(c, o, text);
	}
}

/* The live cluster not running: pacemaker's tool says so and exits
 * "disconnected"; a CIB file it cannot use it reports and exits 0. */
static int report_failure(struct mon_opts *o, int rc, const char *why, GString *text)
{
	bool live = getenv("CIB_file") == NULL && getenv("CIB_shadow") == NULL;

	if (live && (rc == -ENOTCONN || rc == -ECONNREFUSED)) {
		if (o->simple) {
			fprintf(stderr, "crm_mon: CLUSTER CRIT: Connection to cluster failed: %s\n",
				why);
			return PCMK_EX_INVALID_PARAM;
		}
		fprintf(stderr, "crm_mon: Connection to cluster failed: %s\n", why);
		return PCMK_EX_DISCONNECT;
	}
	if (o->format == MON_XML && !o->simple) {
		char *msg = g_strdup_printf("Could not connect to the CIB: %s", why);
		char *xml = mon_xml(NULL, o, msg);

		g_string_append(text, xml);
		free(xml);
		g_free(msg);
	} else {
		fprintf(stderr, "Could not connect to the CIB: %s\n", why);
	}
	return PCMK_EX_OK;
}

static int fetch(struct mon_opts *o, GString *text)
{
	struct pe_cluster *c = NULL;
	xmlDoc *doc = NULL;
	char *why = NULL;
	int rc = read_cluster(&c, &doc, &why);

	if (rc != 0) {
		rc = report_failure(o, rc, why, text);
		g_free(why);
		return rc == PCMK_EX_OK ? 0 : -rc;
	}
	render(c, o, text);
	pe_cluster_free(c);
	xmlFreeDoc(doc);
	return 0;
}

static int write_out(const struct mon_opts *o, const GString *text)
{
	FILE *out = stdout;

	if (o->output_to != NULL && strcmp(o->output_to, "-") != 0) {
		out = fopen(o->output_to, "w");
		if (out == NULL) {
			fprintf(stderr, "crm_mon: Cannot write %s: %s\n", o->output_to,
				strerror(errno));
			return PCMK_EX_CANTCREAT;
		}
	}
	fputs(text->str, out);
	if (out != stdout) {
		fclose(out);
	}
	return PCMK_EX_OK;
}

static int run_once(struct mon_opts *o)
{
	GString *text = g_string_new(NULL);
	int rc = fetch(o, text);

	if (rc == 0) {
		rc = write_out(o, text);
	} else {
		rc = -rc;
	}
	g_string_free(text, TRUE);
	return rc;
}

int main(int argc, char **argv)
{
	struct mon_opts o;
	int rc;

	if (mon_opts_parse(argc, argv, &o) != 0) {
		return PCMK_EX_USAGE;
	}
	if (o.help || o.version) {
		if (o.help) {
			mon_usage(stdout);
		} else {
			tool_print_version(stdout);
		}
		g_free(o.request);
		return PCMK_EX_OK;
	}
	/* Only the console refreshes in place; every other output is
	 * written once. */
	if (o.one_shot || o.simple || o.format != MON_CONSOLE || o.output_to != NULL) {
		rc = run_once(&o);
	} else {
		rc = mon_interactive(&o, fetch);
	}
	g_free(o.request);
	return rc;
}
