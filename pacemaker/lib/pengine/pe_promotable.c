/*
 * Promotable clones: after instances are placed, the ones with the highest
 * promotion scores (the agent's "master-<rsc>" node attribute plus
 * role-specific locations) are promoted, up to promoted-max in all and
 * promoted-node-max per node.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/scores.h>

#include "pe_sched_private.h"

/* The agent's promotion score for @inst on @node; false when none is set. */
static bool promotion_attr(const struct pe_resource *inst, const struct pe_node *node, int *score)
{
	const char *name =
		pe_rsc_top((struct pe_resource *)inst)->unique ? inst->id : inst->base_id;
	char *attr = g_strdup_printf("master-%s", name);
	const char *v = g_hash_table_lookup(node->attrs, attr);

	g_free(attr);
	if (v == NULL && strcmp(name, inst->id) != 0) {
		attr = g_strdup_printf("master-%s", inst->id);
		v = g_hash_table_lookup(node->attrs, attr);
		g_free(attr);
	}
	if (v == NULL) {
		return false;
	}
	*score = pcmk_score_from_string(v);
	return true;
}

static int role_location_score(const struct pe_cluster *c, const struct pe_resource *clone,
			       const struct pe_resource *inst, const struct pe_node *node)
{
	int total = 0;

	for (guint i = 0; i < c->locations->len; i++) {
		struct pe_location *loc = c->locations->pdata[i];

		if (loc->role != PE_ROLE_PROMOTED || (loc->rsc != clone && loc->rsc != inst)) {
			continue;
		}
		for (guint j = 0; j < loc->node_scores->len; j++) {
			struct pe_node_score *ns = loc->node_scores->pdata[j];

			if (ns->node == node) {
				total = pcmk_score_add(total, ns->score);
			}
		}
	}
	return total;
}

/* The primitive that carries an instance's history (a group's first
 * member for cloned groups). */
static const struct pe_resource *instance_primitive(const struct pe_resource *inst)
{
	while (inst->variant != PE_PRIMITIVE && inst->children->len > 0) {
		inst = inst->children->pdata[0];
	}
	return inst;
}

static bool known_or_running_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		if (rsc->running_on->pdata[i] == node) {
			return true;
		}
	}
	for (guint i = 0; i < rsc->history->len; i++) {
		if (((struct pe_rsc_history *)rsc->history->pdata[i])->node == node) {
			return true;
		}
	}
	return false;
}

/* The agent's promotion score, but only where the instance's state is
 * known once it has been seen anywhere (so stale scores of nodes it was
 * never probed on do not count). */
static bool promotion_score(const struct pe_resource *inst, const struct pe_node *node, int *score)
{
	const struct pe_resource *prim = instance_primitive(inst);

	if ((prim->running_on->len > 0 || prim->history->len > 0) &&
	    !known_or_running_on(prim, node)) {
		return false;
	}
	if (prim->scores[node->index] == PE_SCORE_ABSENT || prim->scores[node->index] < 0) {
		return false;
	}
	return promotion_attr(prim, node, score);
}

static bool same_place(const struct pe_node *a, const struct pe_node *b, const char *attr)
{
	const char *va = a == NULL ? NULL : g_hash_table_lookup(a->attrs, attr);
	const char *vb = b == NULL ? NULL : g_hash_table_lookup(b->attrs, attr);

	return va != NULL && vb != NULL && g_ascii_strcasecmp(va, vb) == 0;
}

/* Colocations of the clone in a role ("promoted with X"): the instance
 * that will be where X is gains (or, for unpromoted, loses) the score;
 * elsewhere a mandatory one rules promotion out. */
static int role_colocation_score(const struct pe_resource *clone, const struct pe_resource *inst)
{
	int total = 0;

	for (guint i = 0; i < clone->coloc_this_with->len; i++) {
		const struct pe_colocation *coloc = clone->coloc_this_with->pdata[i];
		const struct pe_resource *prim = coloc->primary;

		if (coloc->dependent_role < PE_ROLE_UNPROMOTED || prim->assigned == NULL ||
		    inst->assigned == NULL) {
			continue;
		}
		if (!same_place(inst->assigned, prim->assigned, coloc->node_attribute)) {
			if (coloc->score >= PE_INFINITY &&
			    coloc->dependent_role == PE_ROLE_PROMOTED) {
				return -PE_INFINITY;
			}
			continue;
		}
		if (coloc->primary_role != PE_ROLE_UNKNOWN &&
		    coloc->primary_role != prim->next_role) {
			continue;
		}
		total = pcmk_score_add(total, coloc->dependent_role == PE_ROLE_UNPROMOTED
						      ? -coloc->score
						      : coloc->score);
	}
	return total;
}

static int instance_priority(const struct pe_resource *clone, const struct pe_resource *inst)
{
	struct pe_node *node = inst->assigned;
	int score = 0;

	if (node == NULL || inst->next_role == PE_ROLE_STOPPED) {
		return -PE_INFINITY;
	}
	if (!promotion_score(inst, node, &score)) {
		/* No score: promotable only through role locations. */
		score = -1;
	}
	score = pcmk_score_add(score, role_location_score(clone->cluster, clone, inst, node));
	return pcmk_score_add(score, role_colocation_score(clone, inst));
}

static gint priority_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_resource *a = *(const struct pe_resource *const *)x;
	const struct pe_resource *b = *(const struct pe_resource *const *)y;

	if (a->promotion_priority != b->promotion_priority) {
		return a->promotion_priority > b->promotion_priority ? -1 : 1;
	}
	if (a->role != b->role) {
		return a->role > b->role ? -1 : 1;
	}
	return 0;
}

static void set_next_role(struct pe_resource *rsc, enum pe_role role)
{
	rsc->next_role = role;
	for (guint i = 0; i < rsc->children->len; i++) {
		set_next_role(rsc->children->pdata[i], role);
	}
}

void pe_promotable_set_roles(struct pe_resource *clone)
{
	struct pe_cluster *c = clone->cluster;
	GPtrArray *order = g_ptr_array_new();
	int *per_node = g_new0(int, c->nodes->len + 1);
	int promoted = 0;

	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_resource *inst = clone->children->pdata[i];

		inst->promotion_priority = instance_priority(clone, inst);
		g_ptr_array_add(order, inst);
	}
	g_ptr_array_sort(order, priority_cmp);
	for (guint i = 0; i < order->len; i++) {
		struct pe_resource *inst = order->pdata[i];
		struct pe_node *node = inst->assigned;

		if (node == NULL || inst->next_role == PE_ROLE_STOPPED) {
			set_next_role(inst, PE_ROLE_STOPPED);
			continue;
		}
		if (inst->promotion_priority >= 0 && promoted < clone->promoted_max &&
		    per_node[node->index] < clone->promoted_node_max && inst->managed &&
		    (c->have_quorum || c->no_quorum_policy == PE_NOQ_IGNORE ||
		     inst->role == PE_ROLE_PROMOTED)) {
			set_next_role(inst, PE_ROLE_PROMOTED);
			promoted++;
			per_node[node->index]++;
		} else {
			set_next_role(inst, PE_ROLE_UNPROMOTED);
		}
	}
	g_free(per_node);
	g_ptr_array_free(order, TRUE);
}

static bool instances_doing(const struct pe_resource *rsc, const char *task)
{
	for (guint j = 0; j < rsc->actions->len; j++) {
		const struct pe_action *a = rsc->actions->pdata[j];

		if (a->interval_ms == 0 && strcmp(a->task, task) == 0 &&
		    !(a->flags & PE_ACT_OPTIONAL)) {
			return true;
		}
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (instances_doing(rsc->children->pdata[i], task)) {
			return true;
		}
	}
	return false;
}

static void pseudo(struct pe_resource *clone, const char *task, bool optional)
{
	struct pe_action *a = pe_rsc_pseudo_action(clone, task, optional);

	if (strcmp(task, "promoted") == 0 || strcmp(task, "demoted") == 0) {
		a->priority = PE_INFINITY;
	}
}

void pe_promotable_create_actions(struct pe_resource *clone)
{
	bool promoting = false, demoting = false;

	for (guint i = 0; i < clone->children->len; i++) {
		promoting = promoting || instances_doing(clone->children->pdata[i], "promote");
		demoting = demoting || instances_doing(clone->children->pdata[i], "demote");
	}
	pseudo(clone, "promote", !promoting);
	pseudo(clone, "promoted", !promoting);
	pseudo(clone, "demote", !demoting);
	pseudo(clone, "demoted", !demoting);
}

void pe_promotable_internal_constraints(struct pe_resource *clone)
{
	struct pe_cluster *c = clone->cluster;

	pe_order_rsc_actions(c, clone, "demoted", clone, "promote", PE_ORD_OPTIONAL);
	pe_order_rsc_actions(c, clone, "demote", clone, "demoted", PE_ORD_RUNNABLE_LEFT);
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_resource *inst = clone->children->pdata[i];

		pe_order_rsc_actions(c, clone, "promote", inst, "promote", PE_ORD_RUNNABLE_LEFT);
		pe_order_rsc_actions(c, inst, "promote", clone, "promoted",
				     PE_ORD_IMPLIES_THEN_PRINTED);
		pe_order_rsc_actions(c, clone, "demote", inst, "demote",
				     PE_ORD_IMPLIES_FIRST_PRINTED);
		pe_order_rsc_actions(c, inst, "demote", clone, "demoted",
				     PE_ORD_IMPLIES_THEN_PRINTED);
	}
}
