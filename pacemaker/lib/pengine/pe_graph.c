/*
 * The transition graph: every required, runnable action becomes a synapse
 * whose inputs are the actions it is ordered after that are in the graph
 * too.  Synapses come in pacemaker's order (resources in assignment order,
 * each resource's actions newest first, then the cluster's own actions).
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/cib/ops.h>

#include "pe_sched_private.h"

static bool in_graph(const struct pe_action *a)
{
	if (!(a->flags & PE_ACT_RUNNABLE)) {
		return false;
	}
	if ((a->flags & PE_ACT_OPTIONAL) && !(a->flags & PE_ACT_ALWAYS_IN_GRAPH)) {
		return false;
	}
	if (a->rsc != NULL && !a->rsc->managed && strcmp(a->task, "monitor") != 0 &&
	    a->interval_ms == 0) {
		return false;
	}
	if ((a->flags & PE_ACT_PSEUDO) || strcmp(a->task, "stonith") == 0 ||
	    strcmp(a->task, "do_shutdown") == 0) {
		return true;
	}
	if (a->node == NULL || !a->node->online || a->node->unclean) {
		return false;
	}
	return true;
}

static bool input_in_graph(const struct pe_action_edge *e, const struct pe_action *then)
{
	const struct pe_action *first = e->action;
	if (e->flags == PE_ORD_NONE) {
		return false;
	}
	if (e->flags == PE_ORD_LOAD && !pe_utilization_load_input_kept(first, then)) {
		return false;
	}
	if (!(first->flags & PE_ACT_RUNNABLE) && (e->flags & PE_ORD_ONE_OR_MORE)) {
		return false;
	}
	if ((e->flags & PE_ORD_ANTI_COLOCATION) && first->node != NULL && then->node != NULL &&
	    first->node != then->node) {
		return false;
	}
	return (first->flags & PE_ACT_DUMPED) != 0;
}

/* The key shown for an action: an anonymous clone instance goes by the
 * name its history knows it by ("child_start_0" for "child:1_start_0"). */
static char *shown_key(const struct pe_action *a)
{
	const struct pe_resource *rsc = a->rsc;

	if (rsc != NULL && rsc->history_id != NULL) {
		if (a->cancel_task != NULL) {
			return pe_op_key(rsc->history_id, a->cancel_task, a->interval_ms);
		}
		if (strcmp(a->task, "notify") == 0) {
			return pe_notify_key(rsc->history_id,
					     g_hash_table_lookup(a->meta, "notify_type"),
					     g_hash_table_lookup(a->meta, "notify_operation"));
		}
		return pe_op_key(rsc->history_id, a->task, a->interval_ms);
	}
	return g_strdup(a->uuid);
}

static const char *element_of(const struct pe_action *a)
{
	if (strcmp(a->task, "stonith") == 0 || strcmp(a->task, "do_shutdown") == 0 ||
	    strcmp(a->task, "clear_failcount") == 0) {
		return "crm_event";
	}
	return (a->flags & PE_ACT_PSEUDO) ? "pseudo_event" : "rsc_op";
}

/* The node an action takes down: fencing and shutdown theirs, the real
 * stop of a connection its remote node. */
static const struct pe_node *downed_node(const struct pe_action *a)
{
	if (strcmp(a->task, "stonith") == 0 || strcmp(a->task, "do_shutdown") == 0) {
		return a->node;
	}
	if (a->rsc != NULL && a->rsc->remote_node != NULL && strcmp(a->task, "stop") == 0 &&
	    (a->flags & PE_ACT_PSEUDO) == 0) {
		return a->rsc->remote_node;
	}
	return NULL;
}

static void action_header(xmlNode *x, const struct pe_action *a)
{
	char *key = shown_key(a);

	pcmk_xml_set_attr_int(x, "id", a->id);
	pcmk_xml_set_attr(x, "operation", a->task);
	pcmk_xml_set_attr(x, "operation_key", key);
	if (strcmp(key, a->uuid) != 0) {
		pcmk_xml_set_attr(x, "internal_operation_key", a->uuid);
	}
	g_free(key);
	if (a->node != NULL && !(a->flags & PE_ACT_PSEUDO)) {
		pcmk_xml_set_attr(x, "on_node", a->node->uname);
		pcmk_xml_set_attr(x, "on_node_uuid", a->node->id);
		if (pe_remote_router(a) != NULL) {
			pcmk_xml_set_attr(x, "router_node", pe_remote_router(a)->uname);
		}
	}
}

static gint str_cmp(gconstpointer x, gconstpointer y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void add_sorted(xmlNode *x, GHashTable *attrs)
{
	GPtrArray *names = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_ptr_array_add(names, key);
	}
	g_ptr_array_sort(names, str_cmp);
	for (guint i = 0; i < names->len; i++) {
		pcmk_xml_set_attr(x, names->pdata[i], g_hash_table_lookup(attrs, names->pdata[i]));
	}
	g_ptr_array_free(names, TRUE);
}

static void action_attributes(xmlNode *x, const struct pe_action *a)
{
	GHashTable *attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	xmlNode *attr_xml = pcmk_xml_add_child(x, "attributes");
	GHashTableIter iter;
	gpointer key, value;
	char interval[16];

	g_hash_table_iter_init(&iter, a->meta);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_hash_table_insert(attrs, g_strdup_printf("CRM_meta_%s", (char *)key), value);
	}
	if (a->node != NULL && !(a->flags & PE_ACT_PSEUDO)) {
		g_hash_table_insert(attrs, g_strdup("CRM_meta_on_node"), a->node->uname);
		g_hash_table_insert(attrs, g_strdup("CRM_meta_on_node_uuid"), a->node->id);
	}
	if (a->rsc != NULL && a->rsc->variant == PE_PRIMITIVE) {
		g_hash_table_iter_init(&iter, a->rsc->params);
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			g_hash_table_insert(attrs, g_strdup(key), value);
		}
		if (a->interval_ms > 0) {
			g_snprintf(interval, sizeof(interval), "%u", a->interval_ms);
			g_hash_table_insert(attrs, g_strdup("CRM_meta_interval"), interval);
			g_hash_table_insert(attrs, g_strdup("CRM_meta_name"), a->task);
		}
	}
	add_sorted(attr_xml, attrs);
	g_hash_table_destroy(attrs);
}

static void action_body(xmlNode *x, const struct pe_action *a)
{
	const struct pe_resource *rsc = a->rsc;

	if (rsc != NULL && rsc->variant == PE_PRIMITIVE && !(a->flags & PE_ACT_PSEUDO)) {
		xmlNode *p = pcmk_xml_add_child(x, "primitive");
		bool anonymous = strcmp(rsc->id, rsc->base_id) != 0 &&
				 !pe_rsc_top((struct pe_resource *)rsc)->unique;

		if (rsc->history_id != NULL) {
			pcmk_xml_set_attr(p, "id", rsc->history_id);
			pcmk_xml_set_attr(p, "long-id", rsc->id);
		} else {
			pcmk_xml_set_attr(p, "id", anonymous ? rsc->base_id : rsc->id);
			if (anonymous) {
				pcmk_xml_set_attr(p, "long-id", rsc->id);
			}
		}
		pcmk_xml_set_attr(p, "class", rsc->klass);
		pcmk_xml_set_attr(p, "provider", rsc->provider);
		pcmk_xml_set_attr(p, "type", rsc->type);
	}
	action_attributes(x, a);
	if (downed_node(a) != NULL) {
		xmlNode *downed = pcmk_xml_add_child(x, "downed");
		xmlNode *n = pcmk_xml_add_child(downed, "node");

		pcmk_xml_set_attr(n, "id", downed_node(a)->id);
	}
}

static gint edge_id_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_action_edge *a = x;
	const struct pe_action_edge *b = y;

	return a->action->id - b->action->id;
}

static void synapse_add(xmlNode *graph, struct pe_action *a, int *synapse_id)
{
	xmlNode *syn = pcmk_xml_add_child(graph, "synapse");
	xmlNode *set = pcmk_xml_add_child(syn, "action_set");
	xmlNode *inputs = pcmk_xml_add_child(syn, "inputs");
	xmlNode *x = pcmk_xml_add_child(set, element_of(a));
	GArray *before = g_array_copy(a->before);

	pcmk_xml_set_attr_int(syn, "id", (*synapse_id)++);
	if (a->priority != 0) {
		pcmk_xml_set_attr_int(syn, "priority", a->priority);
	}
	action_header(x, a);
	action_body(x, a);
	g_array_sort(before, edge_id_cmp);
	for (guint i = 0; i < before->len; i++) {
		struct pe_action_edge *e = &g_array_index(before, struct pe_action_edge, i);
		xmlNode *trigger;

		if (!input_in_graph(e, a)) {
			continue;
		}
		trigger = pcmk_xml_add_child(inputs, "trigger");
		action_header(pcmk_xml_add_child(trigger, element_of(e->action)), e->action);
	}
	g_array_free(before, TRUE);
}

static void add_rsc_actions(xmlNode *graph, struct pe_resource *rsc, int *synapse_id,
			    GPtrArray *queue)
{
	bool children_first = rsc->variant == PE_CLONE;

	if (children_first) {
		for (guint i = 0; i < rsc->children->len; i++) {
			add_rsc_actions(graph, rsc->children->pdata[i], synapse_id, queue);
		}
	}
	for (guint i = rsc->actions->len; i-- > 0;) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (in_graph(a) && !(a->flags & PE_ACT_DUMPED)) {
			a->flags |= PE_ACT_DUMPED;
			g_ptr_array_add(queue, a);
		}
	}
	if (!children_first) {
		for (guint i = 0; i < rsc->children->len; i++) {
			add_rsc_actions(graph, rsc->children->pdata[i], synapse_id, queue);
		}
	}
}

static void graph_header(struct pe_cluster *c, xmlNode *graph)
{
	const char *limit = pe_cluster_option(c, "migration-limit");

	pcmk_xml_set_attr(graph, "cluster-delay", pe_cluster_option(c, "cluster-delay"));
	pcmk_xml_set_attr(graph, "stonith-timeout", pe_cluster_option(c, "stonith-timeout"));
	pcmk_xml_set_attr(graph, "failed-stop-offset", "INFINITY");
	pcmk_xml_set_attr(graph, "failed-start-offset",
			  c->start_failure_is_fatal ? "INFINITY" : "1");
	if (limit != NULL && strtol(limit, NULL, 10) > 0) {
		pcmk_xml_set_attr(graph, "migration-limit", limit);
	}
	pcmk_xml_set_attr(graph, "batch-limit", pe_cluster_option(c, "batch-limit"));
}

xmlNode *pe_graph_create(struct pe_cluster *c)
{
	xmlNode *graph = pcmk_xml_new_root("transition_graph");
	GPtrArray *queue = g_ptr_array_new();
	int synapse_id = 0;

	graph_header(c, graph);
	pcmk_xml_set_attr_int(graph, "transition_id", 0);
	for (guint i = 0; i < c->resources->len; i++) {
		add_rsc_actions(graph, c->resources->pdata[i], &synapse_id, queue);
	}
	/* Bundles are not among the resources: their members are. */
	for (guint i = 0; i < c->bundles->len; i++) {
		add_rsc_actions(graph, c->bundles->pdata[i], &synapse_id, queue);
	}
	for (guint i = c->actions->len; i-- > 0;) {
		struct pe_action *a = c->actions->pdata[i];

		if (a->rsc == NULL && in_graph(a) && !(a->flags & PE_ACT_DUMPED)) {
			a->flags |= PE_ACT_DUMPED;
			g_ptr_array_add(queue, a);
		}
	}
	for (guint i = 0; i < queue->len; i++) {
		synapse_add(graph, queue->pdata[i], &synapse_id);
	}
	g_ptr_array_free(queue, TRUE);
	return graph;
}
