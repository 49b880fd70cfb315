/*
 * Load orderings: with a placement strategy, a resource moving onto a node
 * must wait until what leaves that node has stopped, or the node would
 * briefly hold more than its capacity.  Each node gets one
 * "load_stopped_NODE" pseudo-action; stops on the node come before it and
 * starts (or migrations) onto the node after it.  The orderings are made
 * for every node the resource may run on and kept in the graph only where
 * both ends are on the same node.  They are made once resources are in
 * assignment order, which is what numbers the pseudo-actions.
 */
#include <string.h>

#include "pe_sched_private.h"

struct pe_action *pe_utilization_load_stopped(struct pe_cluster *c, struct pe_node *node)
{
	char *key = g_strdup_printf("load_stopped_%s", node->uname);
	struct pe_action *a = pe_action_find(c, key, NULL);

	if (a == NULL) {
		/* Indexed without a node so that it is found by name; the node is
		 * only there to match its orderings against. */
		a = pe_action_custom(c, NULL, key, key, NULL, false);
		a->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
		a->node = node;
	}
	g_free(key);
	return a;
}

static gint uname_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_node *a = *(const struct pe_node *const *)x;
	const struct pe_node *b = *(const struct pe_node *const *)y;

	return strcmp(a->uname, b->uname);
}

/* Nodes @rsc may be placed on (including those it is banned from), by
 * name.  Before node scores are set up every node counts in a symmetric
 * cluster. */
static GPtrArray *allowed_by_name(const struct pe_resource *rsc)
{
	struct pe_cluster *c = rsc->cluster;
	GPtrArray *nodes = g_ptr_array_new();

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (c->symmetric || rsc->scores[node->index] != PE_SCORE_ABSENT) {
			g_ptr_array_add(nodes, node);
		}
	}
	g_ptr_array_sort(nodes, uname_cmp);
	return nodes;
}

static void primitive_constraints(struct pe_resource *rsc)
{
	struct pe_cluster *c = rsc->cluster;
	char *stop = pe_op_key(rsc->id, "stop", 0);
	char *start = pe_op_key(rsc->id, "start", 0);
	char *migrate = pe_op_key(rsc->id, "migrate_to", 0);
	GPtrArray *allowed = allowed_by_name(rsc);

	for (guint i = 0; i < rsc->running_on->len; i++) {
		struct pe_action *ls = pe_utilization_load_stopped(c, rsc->running_on->pdata[i]);

		pe_order_new(c, rsc, stop, NULL, NULL, NULL, ls, PE_ORD_LOAD);
	}
	for (guint i = 0; i < allowed->len; i++) {
		struct pe_action *ls = pe_utilization_load_stopped(c, allowed->pdata[i]);

		pe_order_new(c, NULL, NULL, ls, rsc, start, NULL, PE_ORD_LOAD);
		pe_order_new(c, NULL, NULL, ls, rsc, migrate, NULL, PE_ORD_LOAD);
	}
	g_ptr_array_free(allowed, TRUE);
	g_free(stop);
	g_free(start);
	g_free(migrate);
}

void pe_utilization_constraints(struct pe_resource *rsc)
{
	if (!rsc->cluster->utilization_strategy) {
		return;
	}
	if (rsc->variant != PE_PRIMITIVE) {
		for (guint i = 0; i < rsc->children->len; i++) {
			pe_utilization_constraints(rsc->children->pdata[i]);
		}
		return;
	}
	/* Only what uses capacity needs to wait for capacity. */
	if (rsc->managed && g_hash_table_size(rsc->utilization) > 0) {
		primitive_constraints(rsc);
	}
}

void pe_utilization_constraints_all(struct pe_cluster *c)
{
	for (guint i = 0; i < c->resources->len; i++) {
		pe_utilization_constraints(c->resources->pdata[i]);
	}
}

bool pe_utilization_load_input_kept(const struct pe_action *first, const struct pe_action *then)
{
	const struct pe_node *target = then->node;

	/* A migration is executed on the source node but loads the node the
	 * resource is assigned to. */
	if (then->rsc != NULL && strcmp(then->task, "migrate_to") == 0) {
		target = then->rsc->assigned;
	}
	if (first->node == NULL || target == NULL || first->node != target) {
		return false;
	}
	return !(first->flags & PE_ACT_OPTIONAL);
}
