/*
 * crm_simulate's "Executing Cluster Transition": every action of the
 * graph runs at once and succeeds (unless listed as a failure), its line
 * is printed, and its result is written into the CIB status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <crm/common/xml.h>

#include "sim_private.h"

struct sim_run {
	xmlNode *cib;
	const GList *failures;
	FILE *out;
	FILE *err;
	GHashTable *history_ids; /* lrm_resource ids in the status before the run */
	struct sim_lrm_index *lrm_index;
	time_t now;
};

static void collect_history_ids(struct sim_run *run)
{
	xmlNode *status = sim_status(run->cib);

	/* Copies: fencing removes history while the run goes on. */
	run->history_ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		xmlNode *rscs =
			pcmk_xml_first_child(pcmk_xml_first_child(s, "lrm"), "lrm_resources");

		for (xmlNode *r = pcmk_xml_first_child(rscs, "lrm_resource"); r != NULL;
		     r = pcmk_xml_next(r, true)) {
			const char *id = pcmk_xml_attr(r, "id");

			if (id != NULL) {
				g_hash_table_add(run->history_ids, g_strdup(id));
			}
		}
	}
}

/* The name crm_simulate shows (and looks for in the history) for an
 * action's resource: the configured name, except for a clone instance
 * whose plain name no history knows, which goes by its instance name. */
static const char *display_name(const struct sim_run *run, const xmlNode *primitive)
{
	const char *id = pcmk_xml_attr(primitive, "id");
	const char *long_id = pcmk_xml_attr(primitive, "long-id");

	if (long_id == NULL || g_hash_table_contains(run->history_ids, id)) {
		return id;
	}
	return long_id;
}

static void print_item(const struct sim_run *run, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void print_item(const struct sim_run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->out == NULL) {
		return;
	}
	fputs("  * ", run->out);
	va_start(ap, fmt);
	vfprintf(run->out, fmt, ap);
	va_end(ap);
	fputc('\n', run->out);
}

static int action_error(const struct sim_run *run, const struct transition_action *a,
			const char *why)
{
	if (run->err != NULL) {
		fprintf(run->err, "Could not simulate action %d (%s): %s\n", a->id,
			a->operation_key ? a->operation_key : a->operation, why);
	}
	return -EINVAL;
}

/* Does failure spec @spec ("rsc_task_interval@node=rc") name this op? */
static bool spec_matches(const char *spec, const char *rsc, const struct sim_op *op,
			 const char *node)
{
	char *key = NULL;
	bool match = false;

	if (asprintf(&key, "%s_%s_%u@%s=", rsc, op->task, op->interval_ms, node) >= 0) {
		match = (strncasecmp(key, spec, strlen(key)) == 0);
		free(key);
	}
	return match;
}

/* The failure listed for this op, if any: its rc goes into @op and the
 * name it was listed under is returned. */
static const char *find_failure(const struct sim_run *run, const char *shown,
				const char *config_name, struct sim_op *op, const char *node)
{
	for (const GList *i = run->failures; i != NULL; i = i->next) {
		const char *spec = i->data;
		const char *name = NULL;
		int rc = 0;

		if (spec_matches(spec, shown, op, node)) {
			name = shown;
		} else if (strcmp(shown, config_name) != 0 &&
			   spec_matches(spec, config_name, op, node)) {
			name = config_name;
		}
		if (name == NULL) {
			continue;
		}
		if (sscanf(spec, "%*[^=]=%d", &rc) != 1) {
			if (run->err != NULL) {
				fprintf(run->err,
					"Invalid failed operation '%s' (result code must be "
					"integer)\n",
					spec);
			}
			continue;
		}
		op->rc = rc;
		return name;
	}
	return NULL;
}

static int target_rc_of(const struct transition_action *a)
{
	const char *v = transition_action_param(a, "CRM_meta_op_target_rc");

	return (v == NULL) ? 0 : atoi(v);
}

/* Apply a failure from the list: announce it, abort, count it. */
static void fail_action(struct sim_run *run, struct transition_graph *graph,
			struct transition_action *a, xmlNode *state, const char *name,
			const struct sim_op *op)
{
	if (run->out != NULL) {
		fprintf(run->out, "Pretending action %d failed with rc=%d\n", a->id, op->rc);
	}
	a->failed = true;
	transition_graph_abort(graph, TRANSITION_INFINITY);
	sim_inject_failcount(state, name, op, run->out);
}

static int record_rsc_op(struct sim_run *run, struct transition_graph *graph,
			 struct transition_action *a, const char *shown, const char *config_name)
{
	const char *why = NULL;
	const char *failed_as = NULL;
	struct sim_op op = {
		.rsc = config_name,
		.task = a->operation,
		.interval_ms = a->interval_ms,
		.exit_reason = "User-injected result",
		.params = a->attributes,
		.now = run->now,
	};
	xmlNode *state =
		sim_node_state(run->cib, a->on_node, a->router_node ? a->on_node : a->on_node_uuid);
	xmlNode *rsc = NULL;

	op.rc = op.target_rc = target_rc_of(a);
	if (state == NULL) {
		return action_error(run, a, "cannot add the node to the status");
	}
	rsc = sim_lrm_resource(
		run->lrm_index, state, shown, config_name, pcmk_xml_attr(a->primitive, "class"),
		pcmk_xml_attr(a->primitive, "provider"), pcmk_xml_attr(a->primitive, "type"), &why);
	if (rsc == NULL) {
		return action_error(run, a, why);
	}
	if (a->interval_ms > 0) {
		print_item(run, "Resource action: %-15s %s=%u on %s", shown, a->operation,
			   a->interval_ms, a->on_node);
	} else {
		print_item(run, "Resource action: %-15s %s on %s", shown, a->operation, a->on_node);
	}
	failed_as = find_failure(run, shown, config_name, &op, a->on_node);
	if (failed_as != NULL) {
		fail_action(run, graph, a, state, failed_as, &op);
	}
	return sim_history_record(rsc, &op);
}

static bool is_task(const struct transition_action *a, const char *const *tasks)
{
	for (; *tasks != NULL; tasks++) {
		if (strcasecmp(a->operation, *tasks) == 0) {
			return true;
		}
	}
	return false;
}

static int sim_rsc_op(struct transition_graph *graph, struct transition_action *a, void *user_data)
{
	static const char *const unrecorded[] = { "delete", "meta-data", NULL };
	static const char *const silent[] = { "probe_again", NULL };
	struct sim_run *run = user_data;
	const char *config_name = pcmk_xml_attr(a->primitive, "id");
	const char *shown = NULL;
	int rc = 0;

	if (!is_task(a, silent)) {
		if (config_name == NULL || a->on_node == NULL) {
			return action_error(run, a, "no <primitive> with an id, or no target node");
		}
		shown = display_name(run, a->primitive);
		if (is_task(a, unrecorded)) {
			print_item(run, "Resource action: %-15s %s on %s", shown, a->operation,
				   a->on_node);
		} else {
			rc = record_rsc_op(run, graph, a, shown, config_name);
		}
	}
	if (rc == 0) {
		transition_action_confirm(graph, a->id, a->failed);
	}
	return rc;
}

/* Fencing takes the node down and, as the controller does afterwards,
 * clears its resource history and transient attributes. */
static int sim_fence(struct sim_run *run, struct transition_action *a)
{
	const char *op = transition_action_param(a, "CRM_meta_stonith_action");
	xmlNode *state = NULL;

	print_item(run, "Fencing %s (%s)", a->on_node, op ? op : "(null)");
	if (op != NULL && strcasecmp(op, "on") == 0) {
		return 0;
	}
	state = sim_node_state(run->cib, a->on_node, NULL);
	if (state == NULL) {
		return action_error(run, a, "cannot add the node to the status");
	}
	sim_node_set_up(state, false);
	pcmk_xml_set_attr(state, "crm-debug-origin", "simulate_fencing_action");
	sim_lrm_index_forget(run->lrm_index, state);
	sim_remove_children(state, "lrm");
	sim_remove_children(state, "transient_attributes");
	return 0;
}

static int sim_crm_event(struct transition_graph *graph, struct transition_action *a,
			 void *user_data)
{
	struct sim_run *run = user_data;
	int rc = 0;

	if (a->on_node == NULL) {
		return action_error(run, a, "no target node");
	}
	if (strcasecmp(a->operation, "stonith") == 0) {
		rc = sim_fence(run, a);
	} else if (a->primitive != NULL) {
		print_item(run, "Cluster action:  %s for %s on %s", a->operation,
			   pcmk_xml_attr(a->primitive, "id"), a->on_node);
	} else {
		print_item(run, "Cluster action:  %s on %s", a->operation, a->on_node);
	}
	if (rc == 0) {
		transition_action_confirm(graph, a->id, false);
	}
	return rc;
}

static int sim_pseudo(struct transition_graph *graph, struct transition_action *a, void *user_data)
{
	struct sim_run *run = user_data;
	const char *key = a->operation_key ? a->operation_key : a->operation;

	(void)graph;
	if (a->on_node != NULL) {
		print_item(run, "Pseudo action:   %s on %s", key, a->on_node);
	} else {
		print_item(run, "Pseudo action:   %s", key);
	}
	return 0;
}

static const struct transition_callbacks sim_callbacks = {
	.rsc_op = sim_rsc_op,
	.crm_event = sim_crm_event,
	.pseudo_event = sim_pseudo,
};

int sim_graph_execute(xmlNode *cib, struct transition_graph *graph, const GList *failures,
		      FILE *out, FILE *err)
{
	struct sim_run run = {
		.cib = cib, .failures = failures, .out = out, .err = err, .now = time(NULL)
	};
	int state;

	if (graph == NULL || sim_status(cib) == NULL) {
		return -EINVAL;
	}
	collect_history_ids(&run);
	run.lrm_index = sim_lrm_index_new();
	do {
		state = transition_graph_step(graph, &sim_callbacks, &run);
	} while (state == TRANSITION_ACTIVE);
	sim_lrm_index_free(run.lrm_index);
	g_hash_table_destroy(run.history_ids);
	if (state != TRANSITION_COMPLETE && state != TRANSITION_STOPPED && err != NULL) {
		fprintf(err, "Transition failed: %s\nAn invalid transition was produced\n",
			transition_state_str((enum transition_state)state));
	}
	return state;
}
