/*
 * transition_graph XML -> struct transition_graph.  The graph keeps a
 * private copy of the XML so that actions can hand their element to the
 * callbacks (the agent parameters live there), and two indexes: actions
 * by id and, per action, the synapses waiting for it.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>

#include "transition_private.h"

static int fail(char **error, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static int fail(char **error, const char *fmt, ...)
{
	va_list ap;

	if (error != NULL && *error == NULL) {
		va_start(ap, fmt);
		if (vasprintf(error, fmt, ap) < 0) {
			*error = NULL;
		}
		va_end(ap);
	}
	return -EINVAL;
}

static const struct {
	const char *tag;
	enum transition_action_type type;
} action_tags[] = {
	{ "rsc_op", TRANSITION_RSC_OP },
	{ "pseudo_event", TRANSITION_PSEUDO_EVENT },
	{ "crm_event", TRANSITION_CRM_EVENT },
};

static int action_type_of(const xmlNode *xml, enum transition_action_type *type)
{
	for (size_t i = 0; i < G_N_ELEMENTS(action_tags); i++) {
		if (pcmk_xml_is(xml, action_tags[i].tag)) {
			*type = action_tags[i].type;
			return 0;
		}
	}
	return -EINVAL;
}

/* An integer attribute; absent gives @dflt, out of [@min, INT_MAX] fails. */
static int int_attr(const xmlNode *xml, const char *name, int dflt, int min, int *out)
{
	long long v = dflt;
	int rc = pcmk_xml_attr_int(xml, name, &v);

	if (rc == -ENOENT) {
		*out = dflt;
		return 0;
	}
	if (rc < 0 || v < min || v > INT_MAX) {
		return -EINVAL;
	}
	*out = (int)v;
	return 0;
}

const char *transition_action_param(const struct transition_action *action, const char *name)
{
	return (action == NULL) ? NULL : pcmk_xml_attr(action->attributes, name);
}

static int param_int(const struct transition_action *action, const char *name)
{
	const char *v = transition_action_param(action, name);
	long long n = (v == NULL) ? 0 : strtoll(v, NULL, 10);

	return (n < 0 || n > INT_MAX) ? 0 : (int)n;
}

static bool param_true(const struct transition_action *action, const char *name)
{
	static const char *const yes[] = { "true", "on", "yes", "y", "1" };
	const char *v = transition_action_param(action, name);

	for (size_t i = 0; v != NULL && i < G_N_ELEMENTS(yes); i++) {
		if (g_ascii_strcasecmp(v, yes[i]) == 0) {
			return true;
		}
	}
	return false;
}

static void fill_action(struct transition_action *a, xmlNode *xml)
{
	a->xml = xml;
	a->operation = pcmk_xml_attr(xml, "operation");
	a->operation_key = pcmk_xml_attr(xml, "operation_key");
	a->on_node = pcmk_xml_attr(xml, "on_node");
	a->on_node_uuid = pcmk_xml_attr(xml, "on_node_uuid");
	a->router_node = pcmk_xml_attr(xml, "router_node");
	a->primitive = pcmk_xml_first_child(xml, "primitive");
	a->attributes = pcmk_xml_first_child(xml, "attributes");
	a->interval_ms = (unsigned int)param_int(a, "CRM_meta_interval");
	a->timeout_ms = param_int(a, "CRM_meta_timeout") + param_int(a, "CRM_meta_start_delay");
	a->can_fail = param_true(a, "CRM_meta_can_fail");
}

static int unpack_action(struct transition_graph *graph, struct transition_synapse *syn,
			 xmlNode *xml, char **error)
{
	struct transition_graph_priv *priv = transition_priv(graph);
	struct transition_action *a = NULL;
	enum transition_action_type type;
	int id = -1;

	if (action_type_of(xml, &type) < 0) {
		return fail(error, "synapse %d: <%s> is no graph action", syn->id,
			    (const char *)xml->name);
	}
	if (int_attr(xml, "id", -1, 0, &id) < 0 || id < 0) {
		return fail(error, "synapse %d: <%s> without a valid id", syn->id,
			    (const char *)xml->name);
	}
	if (pcmk_xml_attr(xml, "operation") == NULL) {
		return fail(error, "synapse %d: action %d has no operation", syn->id, id);
	}
	if (g_hash_table_contains(priv->by_id, GINT_TO_POINTER(id))) {
		return fail(error, "synapse %d: action id %d is used twice", syn->id, id);
	}
	a = g_new0(struct transition_action, 1);
	a->id = id;
	a->type = type;
	a->synapse = syn;
	fill_action(a, xml);
	g_hash_table_insert(priv->by_id, GINT_TO_POINTER(id), a);
	syn->actions = g_renew(struct transition_action *, syn->actions, syn->n_actions + 1);
	syn->actions[syn->n_actions++] = a;
	graph->n_actions++;
	return 0;
}

static int unpack_input(struct transition_synapse *syn, const xmlNode *xml, char **error)
{
	enum transition_action_type type;
	int id = -1;

	if (action_type_of(xml, &type) < 0 || int_attr(xml, "id", -1, 0, &id) < 0 || id < 0) {
		return fail(error, "synapse %d: trigger <%s> is no action with a valid id", syn->id,
			    (const char *)xml->name);
	}
	syn->inputs = g_renew(struct transition_input, syn->inputs, syn->n_inputs + 1);
	syn->inputs[syn->n_inputs].id = id;
	syn->inputs[syn->n_inputs].confirmed = false;
	syn->n_inputs++;
	return 0;
}

/* Every element child of every <@set> child of @parent, then of every
 * @inner grandchild when @inner is given (<inputs><trigger>...). */
static int for_each_member(struct transition_graph *graph, struct transition_synapse *syn,
			   xmlNode *parent, const char *set, const char *inner, char **error)
{
	int rc = 0;

	for (xmlNode *s = pcmk_xml_first_child(parent, set); s != NULL && rc == 0;
	     s = pcmk_xml_next(s, true)) {
		for (xmlNode *t = pcmk_xml_first_child(s, inner); t != NULL && rc == 0;
		     t = pcmk_xml_next(t, inner != NULL)) {
			if (inner == NULL) {
				rc = unpack_action(graph, syn, t, error);
				continue;
			}
			for (xmlNode *i = pcmk_xml_first_child(t, NULL); i != NULL && rc == 0;
			     i = pcmk_xml_next(i, false)) {
				rc = unpack_input(syn, i, error);
			}
		}
	}
	return rc;
}

static int unpack_synapse(struct transition_graph *graph, xmlNode *xml, char **error)
{
	struct transition_synapse *syn = g_new0(struct transition_synapse, 1);
	size_t n = graph->n_synapses;
	int rc;

	graph->synapses = g_renew(struct transition_synapse *, graph->synapses, n + 1);
	graph->synapses[n] = syn;
	graph->n_synapses++;
	if (int_attr(xml, "id", -1, 0, &syn->id) < 0 || syn->id < 0) {
		return fail(error, "synapse #%zu (in document order) has no valid id", n + 1);
	}
	if (int_attr(xml, "priority", 0, INT_MIN, &syn->priority) < 0) {
		return fail(error, "synapse %d: priority '%s' is not a number", syn->id,
			    pcmk_xml_attr(xml, "priority"));
	}
	/* As in pacemaker, a negative priority counts as 0. */
	syn->priority = CLAMP(syn->priority, 0, TRANSITION_INFINITY);
	rc = for_each_member(graph, syn, xml, "action_set", NULL, error);
	if (rc == 0 && syn->n_actions == 0) {
		rc = fail(error, "synapse %d has no action", syn->id);
	}
	if (rc == 0) {
		rc = for_each_member(graph, syn, xml, "inputs", "trigger", error);
	}
	return rc;
}

static void add_waiter(struct transition_graph_priv *priv, int id, struct transition_synapse *syn)
{
	GPtrArray *list = g_hash_table_lookup(priv->waiters, GINT_TO_POINTER(id));

	if (list == NULL) {
		list = g_ptr_array_new();
		g_hash_table_insert(priv->waiters, GINT_TO_POINTER(id), list);
	}
	g_ptr_array_add(list, syn);
}

/* Inputs must name actions of this graph: one that does not could never
 * be confirmed and the graph would hang. */
static int index_inputs(struct transition_graph *graph, char **error)
{
	struct transition_graph_priv *priv = transition_priv(graph);

	for (size_t s = 0; s < graph->n_synapses; s++) {
		struct transition_synapse *syn = graph->synapses[s];

		for (size_t i = 0; i < syn->n_inputs; i++) {
			if (transition_graph_action(graph, syn->inputs[i].id) == NULL) {
				return fail(error, "synapse %d: input %d is no action of the graph",
					    syn->id, syn->inputs[i].id);
			}
			add_waiter(priv, syn->inputs[i].id, syn);
		}
	}
	return 0;
}

static int unpack_header(struct transition_graph *graph, const xmlNode *xml, char **error)
{
	const char *delay = pcmk_xml_attr(xml, "cluster-delay");
	const char *stonith = pcmk_xml_attr(xml, "stonith-timeout");

	if (int_attr(xml, "transition_id", INT_MIN, -1, &graph->id) < 0 || graph->id == INT_MIN) {
		return fail(error, "transition_graph: transition_id missing or not a number");
	}
	graph->cluster_delay_ms = pcmk_parse_ms_or(delay, -1);
	if (graph->cluster_delay_ms < 0) {
		return fail(error, "transition_graph: cluster-delay '%s' is not a duration",
			    (delay == NULL) ? "" : delay);
	}
	graph->stonith_timeout_ms =
		(stonith == NULL) ? graph->cluster_delay_ms : pcmk_parse_ms_or(stonith, -1);
	if (graph->stonith_timeout_ms < 0) {
		return fail(error, "transition_graph: stonith-timeout '%s' is not a duration",
			    stonith);
	}
	/* As pacemaker: an unusable batch-limit means no limit. */
	if (int_attr(xml, "batch-limit", 0, -1, &graph->batch_limit) < 0) {
		graph->batch_limit = 0;
	}
	if (int_attr(xml, "migration-limit", -1, -1, &graph->migration_limit) < 0) {
		graph->migration_limit = -1;
	}
	graph->failed_stop_offset = pcmk_xml_attr(xml, "failed-stop-offset");
	graph->failed_start_offset = pcmk_xml_attr(xml, "failed-start-offset");
	return 0;
}

static void free_waiters(gpointer list)
{
	g_ptr_array_free(list, TRUE);
}

/* A graph that owns @xml (NULL is taken as out of memory). */
static struct transition_graph *graph_new(xmlNode *xml)
{
	struct transition_graph *graph = g_new0(struct transition_graph, 1);
	struct transition_graph_priv *priv = g_new0(struct transition_graph_priv, 1);

	graph->priv = priv;
	priv->by_id = g_hash_table_new(g_direct_hash, g_direct_equal);
	priv->waiters = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_waiters);
	priv->xml = xml;
	if (priv->xml == NULL) {
		transition_graph_free(graph);
		return NULL;
	}
	return graph;
}

/* Fill @graph from the XML it owns; on failure it is freed. */
static int unpack_into(struct transition_graph *graph, struct transition_graph **out, char **error)
{
	int rc;

	if (graph == NULL) {
		return -ENOMEM;
	}
	rc = unpack_header(graph, transition_priv(graph)->xml, error);
	for (xmlNode *s = pcmk_xml_first_child(transition_priv(graph)->xml, "synapse");
	     s != NULL && rc == 0; s = pcmk_xml_next(s, true)) {
		rc = unpack_synapse(graph, s, error);
	}
	if (rc == 0) {
		rc = index_inputs(graph, error);
	}
	if (rc < 0) {
		transition_graph_free(graph);
		return rc;
	}
	*out = graph;
	return 0;
}

int transition_graph_unpack(const xmlNode *xml, struct transition_graph **out, char **error)
{
	if (error != NULL) {
		*error = NULL;
	}
	if (out == NULL || !pcmk_xml_is(xml, "transition_graph")) {
		return fail(error, "not a <transition_graph> element");
	}
	*out = NULL;
	return unpack_into(graph_new(pcmk_xml_copy(xml)), out, error);
}

int transition_graph_adopt(xmlNode *xml, struct transition_graph **out, char **error)
{
	if (error != NULL) {
		*error = NULL;
	}
	if (out == NULL || !pcmk_xml_is(xml, "transition_graph")) {
		pcmk_xml_free(xml);
		return fail(error, "not a <transition_graph> element");
	}
	*out = NULL;
	return unpack_into(graph_new(xml), out, error);
}

struct transition_action *transition_graph_action(const struct transition_graph *graph, int id)
{
	if (graph == NULL) {
		return NULL;
	}
	return g_hash_table_lookup(transition_priv(graph)->by_id, GINT_TO_POINTER(id));
}

static void synapse_free(struct transition_synapse *syn)
{
	for (size_t i = 0; i < syn->n_actions; i++) {
		g_free(syn->actions[i]);
	}
	g_free(syn->actions);
	g_free(syn->inputs);
	g_free(syn);
}

void transition_graph_free(struct transition_graph *graph)
{
	struct transition_graph_priv *priv = NULL;

	if (graph == NULL) {
		return;
	}
	priv = transition_priv(graph);
	for (size_t i = 0; i < graph->n_synapses; i++) {
		synapse_free(graph->synapses[i]);
	}
	g_free(graph->synapses);
	g_hash_table_destroy(priv->by_id);
	g_hash_table_destroy(priv->waiters);
	pcmk_xml_free(priv->xml);
	g_free(priv);
	g_free(graph);
}
