/*
 * Fencing of unclean nodes and shutdown of nodes that asked to leave.  A
 * fenced node's stops cannot really run: they become pseudo-actions that
 * complete when the fencing does, and starts of resources that require
 * fencing wait for it.
 */
#include <string.h>

#include "pe_sched_private.h"

bool pe_can_fence(const struct pe_cluster *c, const struct pe_node *node)
{
	if (!c->stonith_enabled || !c->have_stonith_resource) {
		return false;
	}
	if (c->have_quorum || c->no_quorum_policy == PE_NOQ_IGNORE) {
		return true;
	}
	return node != NULL && node->online;
}

struct pe_action *pe_fence_op(struct pe_cluster *c, struct pe_node *node, const char *op,
			      bool optional)
{
	char *key = g_strdup_printf("stonith-%s-%s", node->uname, op);
	struct pe_action *a = pe_action_find(c, key, node);

	if (a == NULL) {
		a = pe_action_custom(c, NULL, key, "stonith", node, true);
		g_hash_table_replace(a->meta, g_strdup("stonith_action"), g_strdup(op));
	}
	if (!optional && pe_can_fence(c, node)) {
		a->flags &= ~PE_ACT_OPTIONAL;
	}
	g_free(key);
	return a;
}

static bool known_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		if (((struct pe_rsc_history *)rsc->history->pdata[i])->node == node) {
			return true;
		}
	}
	return false;
}

static void order_start_vs_fencing(struct pe_resource *rsc, struct pe_action *fence)
{
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (strcmp(a->task, "start") != 0 && strcmp(a->task, "promote") != 0) {
			continue;
		}
		if (rsc->requires_fencing) {
			pe_order_actions(fence, a, PE_ORD_OPTIONAL);
		} else if (rsc->requires_quorum && strcmp(a->task, "start") == 0 &&
			   rsc->scores[fence->node->index] != PE_SCORE_ABSENT &&
			   !known_on(rsc, fence->node)) {
			pe_order_actions(fence, a, PE_ORD_OPTIONAL | PE_ORD_RUNNABLE_LEFT);
		}
	}
}

static void order_stop_vs_fencing(struct pe_resource *rsc, struct pe_action *fence)
{
	struct pe_node *target = fence->node;
	struct pe_resource *top = pe_rsc_top(rsc);
	struct pe_action *parent_stop = NULL;

	if (rsc->requires_fencing) {
		char *key = pe_op_key(top->id, "stop", 0);

		parent_stop = top == rsc ? NULL : pe_action_find(rsc->cluster, key, NULL);
		g_free(key);
	}
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (a->node != target) {
			continue;
		}
		if (strcmp(a->task, "stop") == 0) {
			a->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
			if (rsc->requires_fencing) {
				a->flags |= PE_ACT_IMPLIED_BY_FENCING;
				pe_order_actions(fence, a, PE_ORD_PRESERVE);
				pe_order_actions(fence, parent_stop, PE_ORD_PRESERVE);
			}
		} else if (strcmp(a->task, "demote") == 0 &&
			   (!target->online || target->unclean || rsc->failed)) {
			a->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
			if (rsc->requires_fencing) {
				pe_order_actions(fence, a, PE_ORD_PRESERVE | PE_ORD_OPTIONAL);
			}
		}
	}
}

static void rsc_fence_ordering(struct pe_resource *rsc, struct pe_action *fence)
{
	if (rsc->children->len > 0) {
		for (guint i = 0; i < rsc->children->len; i++) {
			rsc_fence_ordering(rsc->children->pdata[i], fence);
		}
		return;
	}
	if (!rsc->managed) {
		return;
	}
	order_start_vs_fencing(rsc, fence);
	order_stop_vs_fencing(rsc, fence);
}

static struct pe_action *schedule_fencing(struct pe_cluster *c, struct pe_node *node)
{
	struct pe_action *fence = pe_fence_op(c, node, c->stonith_action, false);

	fence->reason = node->fence_reason != NULL ? node->fence_reason : "node is unclean";
	for (guint i = 0; i < c->resources->len; i++) {
		rsc_fence_ordering(c->resources->pdata[i], fence);
	}
	return fence;
}

static struct pe_action *schedule_shutdown(struct pe_cluster *c, struct pe_node *node)
{
	char *key = g_strdup_printf("do_shutdown-%s", node->uname);
	struct pe_action *down = pe_action_custom(c, NULL, key, "do_shutdown", node, false);

	g_free(key);
	g_hash_table_replace(down->meta, g_strdup("op_no_wait"), g_strdup("true"));
	for (guint i = 0; i < c->actions->len; i++) {
		struct pe_action *a = c->actions->pdata[i];

		if (a->node == node && a->rsc != NULL && pe_action_is_stop(a)) {
			pe_order_actions(a, down, PE_ORD_OPTIONAL | PE_ORD_RUNNABLE_LEFT);
		}
	}
	return down;
}

static bool any_managed(const struct pe_cluster *c)
{
	for (guint i = 0; i < c->all_resources->len; i++) {
		const struct pe_resource *rsc = c->all_resources->pdata[i];

		if (rsc->managed) {
			return true;
		}
	}
	return false;
}

/* A remote node goes down with its connection's stop instead. */
static bool needs_shutdown(const struct pe_node *node)
{
	return node->online && node->shutdown && !node->remote;
}

void pe_fencing_and_shutdowns(struct pe_cluster *c)
{
	struct pe_action *dc_down = NULL;
	bool have_managed = any_managed(c);
	GPtrArray *fencing = g_ptr_array_new();
	GPtrArray *shutdowns = g_ptr_array_new();

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (node->unclean && have_managed && pe_can_fence(c, node)) {
			struct pe_action *fence = schedule_fencing(c, node);

			if (node->is_dc) {
				dc_down = fence;
			} else {
				if (!c->concurrent_fencing && fencing->len > 0) {
					pe_order_actions(fencing->pdata[fencing->len - 1], fence,
							 PE_ORD_OPTIONAL);
				}
				g_ptr_array_add(fencing, fence);
			}
		} else if (needs_shutdown(node)) {
			struct pe_action *down = schedule_shutdown(c, node);

			if (node->is_dc) {
				dc_down = down;
			} else {
				g_ptr_array_add(shutdowns, down);
			}
		}
	}
	if (dc_down != NULL) {
		if (strcmp(dc_down->task, "do_shutdown") == 0) {
			for (guint i = 0; i < shutdowns->len; i++) {
				pe_order_actions(shutdowns->pdata[i], dc_down, PE_ORD_OPTIONAL);
			}
		}
		if (c->concurrent_fencing) {
			for (guint i = 0; i < fencing->len; i++) {
				pe_order_actions(fencing->pdata[i], dc_down, PE_ORD_OPTIONAL);
			}
		} else if (fencing->len > 0) {
			pe_order_actions(fencing->pdata[fencing->len - 1], dc_down,
					 PE_ORD_OPTIONAL);
		}
	}
	g_ptr_array_free(fencing, TRUE);
	g_ptr_array_free(shutdowns, TRUE);
}
