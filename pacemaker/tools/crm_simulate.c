/*
 * crm_simulate: read a CIB (file, text, stdin or the live cluster), apply
 * synthetic events, run the scheduler, print the cluster status and the
 * transition summary, and with -S execute the graph on a copy of the CIB
 * and print the result.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <crm/cib/input.h>
#include <crm/common/log.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include <crm/pengine/sched.h>
#include <crm/pengine/status_text.h>
#include <crm/transition.h>
#include <crm/transition/simulate.h>

#include "crm_simulate.h"

static int read_input(const struct simulate_opts *o, xmlDoc **doc, char **error)
{
	struct cib_input in = {
		.file = o->xml_file,
		.text = o->xml_text,
		.from_stdin = o->xml_pipe,
		.client = "crm_simulate",
	};

	return cib_input_read(&in, NULL, doc, error);
}

/* Bring an old CIB to the current schema and check it, as the real tool
 * does before scheduling. */
static int check_schema(xmlDoc **doc)
{
	xmlNode *cib = xmlDocGetRootElement(*doc);
	const char *schema = pcmk_xml_attr(cib, "validate-with");
	char *error = NULL;
	int rc;

	if (schema != NULL && strcmp(schema, "none") == 0) {
		fprintf(stderr, "Schema validation of configuration is disabled (enabling is "
				"encouraged and prevents common misconfigurations)\n");
		return 0;
	}
	rc = pcmk_schema_upgrade(doc, &error);
	if (rc != 0 && rc != -EALREADY && rc != -PCMK_E_SCHEMA_UNCHANGED) {
		fprintf(stderr, "crm_simulate: the CIB is not valid: %s\n",
			error == NULL ? pcmk_strerror(rc) : error);
		g_free(error);
		return rc;
	}
	g_free(error);
	return 0;
}

static int inject_events(const struct simulate_opts *o, xmlNode *cib)
{
	FILE *out = o->quiet ? NULL : stdout;
	int rc = 0;
	const struct {
		GPtrArray *list;
		enum sim_node_change change;
	} nodes[] = { { o->node_up, SIM_NODE_UP },
		      { o->node_down, SIM_NODE_DOWN },
		      { o->node_fail, SIM_NODE_FAIL } };

	if (o->quorum != NULL) {
		rc = sim_inject_quorum(cib, o->quorum, out);
	}
	for (size_t i = 0; rc == 0 && i < G_N_ELEMENTS(nodes); i++) {
		for (guint j = 0; rc == 0 && nodes[i].list != NULL && j < nodes[i].list->len; j++) {
			rc = sim_inject_node(cib, nodes[i].list->pdata[j], nodes[i].change, out);
		}
	}
	for (guint j = 0; rc == 0 && o->op_inject != NULL && j < o->op_inject->len; j++) {
		rc = sim_inject_op(cib, o->op_inject->pdata[j], out, stderr);
	}
	return rc;
}

static int print_status(const char *title, xmlNode *cib, const struct pe_time *now)
{
	struct pe_cluster *c = NULL;
	char *error = NULL;
	GString *text;
	int rc = pe_cluster_unpack(cib, now, &c, &error);

	if (rc != 0) {
		fprintf(stderr, "crm_simulate: %s\n", error);
		g_free(error);
		return rc;
	}
	text = g_string_new(NULL);
	pe_status_text(c, text);
	printf("%s\n%s", title, text->str);
	g_string_free(text, TRUE);
	pe_cluster_free(c);
	return 0;
}

static int save_xml(const char *path, xmlNode *xml)
{
	int rc = pcmk_xml_write_file(xml, path, 0644);

	if (rc != 0) {
		fprintf(stderr, "crm_simulate: could not write %s: %s\n", path, pcmk_strerror(rc));
	}
	return rc;
}

/* Takes @graph_xml: the graph is executed on the tree itself, not on a copy
 * (with 10,000 resources a copy costs half a gigabyte and seconds). */
static int execute(const struct simulate_opts *o, xmlNode *cib, xmlNode *graph_xml)
{
	struct transition_graph *graph = NULL;
	char *error = NULL;
	FILE *out = NULL;
	int rc = transition_graph_adopt(graph_xml, &graph, &error);

	if (rc != 0) {
		fprintf(stderr, "crm_simulate: bad transition graph: %s\n", error);
		g_free(error);
		return rc;
	}
	out = o->quiet ? fopen("/dev/null", "w") : stdout;
	if (!o->quiet) {
		printf("\nExecuting Cluster Transition:\n");
	}
	rc = sim_graph_execute(cib, graph, o->op_fail, out, stderr);
	transition_graph_free(graph);
	/* A failed or stuck transition is reported, not an error of ours. */
	rc = rc < 0 ? rc : 0;
	if (out != stdout && out != NULL) {
		fclose(out);
	}
	return rc;
}

static int schedule(const struct simulate_opts *o, xmlNode *cib, const struct pe_time *now)
{
	struct pe_sched_options sopts = { .now = now, .want_scores = o->scores, .sanitized = true };
	struct pe_cluster *c = NULL;
	xmlNode *graph = NULL;
	char *error = NULL;
	int rc = pe_schedule(cib, &sopts, &c, &graph, &error);

	if (rc != 0) {
		fprintf(stderr, "crm_simulate: %s\n", error);
		g_free(error);
		return rc;
	}
	if (o->verbose > 0) {
		/* Configuration problems, as the real tool logs them with -V. */
		for (guint i = 0; i < c->config_errors->len; i++) {
			fprintf(stderr, "error: %s\n", (char *)c->config_errors->pdata[i]);
		}
		for (guint i = 0; i < c->config_warnings->len; i++) {
			fprintf(stderr, "warning: %s\n", (char *)c->config_warnings->pdata[i]);
		}
	}
	if (o->scores) {
		fputs(pe_scores_text(c), stdout);
	}
	if (!o->quiet) {
		GString *summary = g_string_new(NULL);

		pe_transition_summary(c, summary);
		printf("\nTransition Summary:\n%s", summary->str);
		g_string_free(summary, TRUE);
	}
	if (o->graph != NULL) {
		rc = save_xml(o->graph, graph);
	}
	if (rc == 0 && o->dot != NULL) {
		rc = simulate_write_dot(o->dot, graph);
	}
	/* The scheduler's data is not needed to execute the graph. */
	pe_cluster_free(c);
	if (rc == 0 && o->simulate) {
		rc = execute(o, cib, graph);
		graph = NULL;
	}
	pcmk_xml_free(graph);
	return rc;
}

static int parse_date(const struct simulate_opts *o, xmlNode *cib, struct pe_time *now)
{
	long long when = 0;

	if (o->date != NULL) {
		if (pe_time_parse(o->date, now) != 0) {
			fprintf(stderr, "crm_simulate: invalid date '%s'\n", o->date);
			return -EINVAL;
		}
		return 0;
	}
	if (pcmk_xml_attr_int(cib, "execution-date", &when) == 0 && when > 0) {
		char *text;

		*now = pe_time_from_epoch(when);
		text = pe_time_format(pe_time_from_epoch(when));
		if (!o->quiet) {
			printf("Using the original execution date of: %s\n", text);
		}
		g_free(text);
		return 0;
	}
	*now = pe_time_now();
	return 0;
}

static int run(const struct simulate_opts *o)
{
	xmlDoc *doc = NULL;
	char *error = NULL;
	struct pe_time now;
	xmlNode *cib;
	int rc = read_input(o, &doc, &error);

	if (rc != 0) {
		fprintf(stderr, "crm_simulate: could not read the CIB: %s\n",
			error == NULL ? pcmk_strerror(rc) : error);
		g_free(error);
		return rc;
	}
	rc = check_schema(&doc);
	cib = xmlDocGetRootElement(doc);
	if (rc == 0) {
		rc = parse_date(o, cib, &now);
	}
	if (rc == 0 && o->save_input != NULL) {
		rc = save_xml(o->save_input, cib);
	}
	if (rc == 0 && !o->quiet) {
		rc = print_status("Current cluster status:", cib, &now);
	}
	if (rc == 0) {
		rc = inject_events(o, cib);
	}
	if (rc == 0 && (o->simulate || o->run || o->scores || o->graph != NULL || o->dot != NULL)) {
		rc = schedule(o, cib, &now);
	}
	if (rc == 0 && o->simulate && !o->quiet) {
		printf("\n");
		rc = print_status("Revised Cluster Status:", cib, &now);
	}
	if (rc == 0 && o->output != NULL) {
		rc = save_xml(o->output, cib);
	}
	xmlFreeDoc(doc);
	return rc;
}

int main(int argc, char **argv)
{
	struct simulate_opts o;
	int rc = simulate_opts_parse(argc, argv, &o);

	if (rc != 0) {
		simulate_opts_free(&o);
		return PCMK_EX_USAGE;
	}
	pcmk_log_init_tool("crm_simulate", LOG_CRIT + o.verbose);
	if (o.help) {
		simulate_usage(stdout);
	} else if (o.version) {
		printf("Pacemaker %s\n", PCMK_COMPAT_VERSION);
	} else {
		rc = run(&o);
	}
	simulate_opts_free(&o);
	pcmk_log_fini();
	return rc == 0 ? 0 : (int)pcmk_result_to_exit(rc);
}
