/*
 * Assigning resources to nodes: the order resources are placed in, node
 * preference (score, then fewest resources, then the current node, then
 * name), and primitives.  Groups and clones have their own files.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/scores.h>

#include "pe_sched_private.h"

/* Negative when @a is preferred to @b. */
int pe_node_compare(const struct pe_node *a, int score_a, const struct pe_node *b, int score_b,
		    const struct pe_node *preferred)
{
	if (!pe_node_available(a)) {
		score_a = -PE_INFINITY;
	}
	if (!pe_node_available(b)) {
		score_b = -PE_INFINITY;
	}
	if (score_a != score_b) {
		return score_a > score_b ? -1 : 1;
	}
	if (strcmp(a->cluster->placement_strategy, "minimal") == 0) {
		return strcmp(a->uname, b->uname);
	}
	if (strcmp(a->cluster->placement_strategy, "balanced") == 0) {
		int by_capacity = pe_utilization_compare(a, b);

		if (by_capacity != 0) {
			return by_capacity < 0 ? -1 : 1;
		}
	}
	if (a->num_resources != b->num_resources) {
		return a->num_resources < b->num_resources ? -1 : 1;
	}
	if (preferred != NULL) {
		if (a == preferred) {
			return -1;
		}
		if (b == preferred) {
			return 1;
		}
	}
	return strcmp(a->uname, b->uname);
}

struct pe_node *pe_rsc_current_node(const struct pe_resource *rsc)
{
	return rsc->running_on->len == 0 ? NULL : rsc->running_on->pdata[0];
}

struct node_sort_ctx {
	const int *scores;
	const struct pe_node *preferred;
};

static gint node_cmp(gconstpointer x, gconstpointer y, gpointer data)
{
	const struct pe_node *a = *(const struct pe_node *const *)x;
	const struct pe_node *b = *(const struct pe_node *const *)y;
	const struct node_sort_ctx *ctx = data;

	return pe_node_compare(a, ctx->scores[a->index], b, ctx->scores[b->index], ctx->preferred);
}

/* Allowed nodes of @rsc, best first. */
static GPtrArray *sorted_allowed(struct pe_cluster *c, const struct pe_resource *rsc,
				 const struct pe_node *preferred)
{
	GPtrArray *nodes = g_ptr_array_new();
	struct node_sort_ctx ctx = { rsc->scores, preferred };

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (rsc->scores[node->index] != PE_SCORE_ABSENT) {
			g_ptr_array_add(nodes, node);
		}
	}
	g_ptr_array_sort_with_data(nodes, node_cmp, &ctx);
	return nodes;
}

void pe_rsc_assign_to(struct pe_resource *rsc, struct pe_node *node, bool force)
{
	rsc->provisional = false;
	if (node != NULL && (rsc->scores[node->index] < 0 && !force)) {
		node = NULL;
	}
	if (node != NULL && !force && !pe_node_available(node)) {
		node = NULL;
	}
	rsc->assigned = node;
	for (guint i = 0; i < rsc->children->len; i++) {
		pe_rsc_assign_to(rsc->children->pdata[i], node, force);
	}
	if (node == NULL) {
		if (rsc->next_role == PE_ROLE_UNKNOWN || rsc->next_role > PE_ROLE_STOPPED) {
			rsc->next_role = PE_ROLE_STOPPED;
		}
		return;
	}
	if (rsc->variant == PE_PRIMITIVE) {
		node->num_resources++;
		pe_utilization_consume(node, rsc);
	}
}

static bool usable_score(int score)
{
	return score >= 0 && score != PE_SCORE_ABSENT;
}

static bool assign_best_node(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *prefer)
{
	struct pe_node *current = pe_rsc_current_node(rsc);
	GPtrArray *nodes = sorted_allowed(c, rsc, current);
	struct pe_node *chosen = NULL;
	struct pe_node *best = nodes->len > 0 ? nodes->pdata[0] : NULL;

	if (prefer != NULL && best != NULL && rsc->scores[prefer->index] != PE_SCORE_ABSENT &&
	    rsc->scores[prefer->index] >= rsc->scores[best->index] && pe_node_available(prefer) &&
	    rsc->scores[prefer->index] >= 0) {
		chosen = prefer;
	}
	if (chosen == NULL && best != NULL) {
		chosen = best;
		if (current != NULL && pe_node_available(current) && rsc->scores[best->index] > 0 &&
		    rsc->scores[current->index] == rsc->scores[best->index]) {
			chosen = current;
		}
	}
	if (chosen != NULL && (!pe_node_available(chosen) || rsc->scores[chosen->index] < 0)) {
		chosen = NULL;
	}
	pe_rsc_assign_to(rsc, chosen, false);
	g_ptr_array_free(nodes, TRUE);
	return chosen != NULL;
}

static void apply_this_with(struct pe_resource *rsc, struct pe_colocation *coloc)
{
	struct pe_cluster *c = rsc->cluster;
	int *archive = NULL;
	bool any = false;

	if (coloc->dependent_role >= PE_ROLE_PROMOTED ||
	    (coloc->score < 0 && coloc->score > -PE_INFINITY)) {
		archive = g_memdup2(rsc->scores, sizeof(int) * (c->nodes->len + 1));
	}
	if (coloc->primary->provisional) {
		pe_rsc_assign(coloc->primary, NULL);
	}
	pe_colocation_apply_to_scores(rsc, coloc);
	if (archive == NULL) {
		return;
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		any = any || (usable_score(rsc->scores[i]) && pe_node_available(node));
	}
	if (!any) {
		memcpy(rsc->scores, archive, sizeof(int) * (c->nodes->len + 1));
	}
	g_free(archive);
}

static bool is_mandatory(const struct pe_colocation *coloc)
{
	return coloc->score >= PE_INFINITY || coloc->score <= -PE_INFINITY;
}

static void colocations_apply(struct pe_resource *rsc, bool mandatory)
{
	GPtrArray *this_with = rsc->coloc_this_with;
	GPtrArray *with_this = rsc->coloc_with_this;

	for (guint i = 0; i < this_with->len; i++) {
		struct pe_colocation *coloc = this_with->pdata[i];

		if (is_mandatory(coloc) == mandatory) {
			apply_this_with(rsc, coloc);
		}
	}
	for (guint i = 0; i < with_this->len; i++) {
		struct pe_colocation *coloc = with_this->pdata[i];

		if (is_mandatory(coloc) == mandatory) {
			pe_colocation_add_dependent_scores(rsc, coloc);
		}
	}
}

static struct pe_node *primitive_assign(struct pe_resource *rsc, struct pe_node *prefer)
{
	struct pe_cluster *c = rsc->cluster;

	if (rsc->parent != NULL && rsc->parent->provisional && !rsc->parent->assigning) {
		pe_rsc_assign(rsc->parent, prefer);
	}
	if (!rsc->provisional) {
		return rsc->assigned;
	}
	if (rsc->assigning) {
		return NULL;
	}
	rsc->assigning = true;
	colocations_apply(rsc, true);
	colocations_apply(rsc, false);
	if (rsc->next_role == PE_ROLE_STOPPED) {
		for (guint i = 0; i < c->nodes->len; i++) {
			pe_rsc_set_score(rsc, c->nodes->pdata[i], -PE_INFINITY, "target-role");
		}
	} else if (rsc->next_role > rsc->role && !c->have_quorum &&
		   c->no_quorum_policy == PE_NOQ_FREEZE) {
		rsc->next_role = rsc->role;
	}
	pe_scores_print(c, "pcmk__primitive_assign", rsc);
	if (c->stonith_enabled && !c->have_stonith_resource) {
		rsc->managed = false;
	}
	if (!rsc->managed) {
		struct pe_node *cur = pe_rsc_current_node(rsc);

		if (rsc->next_role == PE_ROLE_UNKNOWN) {
			rsc->next_role = rsc->role;
		}
		pe_rsc_assign_to(rsc, cur, true);
	} else if (c->stop_all) {
		pe_rsc_assign_to(rsc, NULL, true);
	} else {
		struct pe_node *most_free = pe_utilization_ban_insufficient(rsc);

		assign_best_node(c, rsc, prefer != NULL ? prefer : most_free);
	}
	rsc->assigning = false;
	return rsc->assigned;
}

struct pe_node *pe_rsc_assign(struct pe_resource *rsc, struct pe_node *prefer)
{
	switch (rsc->variant) {
	case PE_GROUP:
		return pe_group_assign(rsc, prefer);
	case PE_CLONE:
		return pe_clone_assign(rsc, prefer);
	default:
		return primitive_assign(rsc, prefer);
	}
}

void pe_scores_print(struct pe_cluster *c, const char *who, const struct pe_resource *rsc)
{
	char buf[PCMK_SCORE_BUFSIZE];

	if (!c->want_scores) {
		return;
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];
		int s = rsc->scores[node->index];

		if (s == PE_SCORE_ABSENT) {
			continue;
		}
		g_string_append_printf(c->scores_text, "%s: %s allocation score on %s: %s\n", who,
				       rsc->id, node->uname,
				       pcmk_score_to_string(s, buf, sizeof(buf)));
	}
}

static int best_score(const struct pe_resource *rsc, const struct pe_node *node)
{
	return node == NULL || rsc->scores[node->index] == PE_SCORE_ABSENT
		       ? -PE_INFINITY
		       : rsc->scores[node->index];
}

static gint rsc_cmp(gconstpointer x, gconstpointer y, gpointer data)
{
	const GPtrArray *sort_nodes = data;
	const struct pe_resource *a = *(const struct pe_resource *const *)x;
	const struct pe_resource *b = *(const struct pe_resource *const *)y;
	int sa, sb;

	if (a->priority != b->priority) {
		return a->priority > b->priority ? -1 : 1;
	}
	sa = best_score(a, pe_rsc_current_node(a));
	sb = best_score(b, pe_rsc_current_node(b));
	if (sa != sb) {
		return sa > sb ? -1 : 1;
	}
	for (guint i = 0; i < sort_nodes->len; i++) {
		const struct pe_node *node = sort_nodes->pdata[i];

		sa = best_score(a, node);
		sb = best_score(b, node);
		if (sa != sb) {
			return sa > sb ? -1 : 1;
		}
	}
	return 0;
}

static gint priority_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_resource *a = *(const struct pe_resource *const *)x;
	const struct pe_resource *b = *(const struct pe_resource *const *)y;

	return a->priority == b->priority ? 0 : (a->priority > b->priority ? -1 : 1);
}

static gint plain_node_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_node *a = *(const struct pe_node *const *)x;
	const struct pe_node *b = *(const struct pe_node *const *)y;

	return pe_node_compare(a, a->weight, b, b->weight, NULL);
}

void pe_assign_all(struct pe_cluster *c)
{
	GPtrArray *order = g_ptr_array_new();
	GPtrArray *sort_nodes = g_ptr_array_new();

	for (guint i = 0; i < c->nodes->len; i++) {
		g_ptr_array_add(sort_nodes, c->nodes->pdata[i]);
	}
	g_ptr_array_sort(sort_nodes, plain_node_cmp);
	for (guint i = 0; i < c->resources->len; i++) {
		g_ptr_array_add(order, c->resources->pdata[i]);
	}
	/* Stable sorts, like pacemaker's: by priority only, unless a placement
	 * strategy asks for the full comparison. */
	if (c->utilization_strategy) {
		g_ptr_array_sort_with_data(order, rsc_cmp, sort_nodes);
	} else {
		g_ptr_array_sort(order, priority_cmp);
	}
	/* The cluster's own list follows the assignment order, as pacemaker's
	 * does: actions and the graph come in that order. */
	for (guint i = 0; i < order->len; i++) {
		c->resources->pdata[i] = order->pdata[i];
	}
	/* Connections first: where they go decides which remote nodes will be
	 * up to take resources. */
	for (guint i = 0; i < order->len; i++) {
		struct pe_resource *rsc = order->pdata[i];

		if (rsc->remote_node != NULL) {
			pe_rsc_assign(rsc, rsc->partial_migration_target);
			pe_remote_connection_assigned(rsc);
		}
	}
	for (guint i = 0; i < order->len; i++) {
		pe_rsc_assign(order->pdata[i], NULL);
	}
	g_ptr_array_free(order, TRUE);
	g_ptr_array_free(sort_nodes, TRUE);
}
