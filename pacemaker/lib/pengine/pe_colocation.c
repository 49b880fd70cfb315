/*
 * Colocations during assignment: a dependent follows (or avoids) where its
 * primary was placed; a primary leans towards where its dependents would
 * like to run.  Nodes match by the colocation's node attribute (#uname by
 * default).
 */
#include <string.h>

#include <crm/common/scores.h>

#include "pe_sched_private.h"

static const char *node_attr(const struct pe_node *node, const char *attr)
{
	return node == NULL ? NULL : g_hash_table_lookup(node->attrs, attr);
}

static bool same_attr(const struct pe_node *a, const struct pe_node *b, const char *attr)
{
	const char *va = node_attr(a, attr);
	const char *vb = node_attr(b, attr);

	return va != NULL && vb != NULL && g_ascii_strcasecmp(va, vb) == 0;
}

static bool matches_any(const struct pe_node *node, const GPtrArray *nodes, const char *attr)
{
	for (guint i = 0; i < nodes->len; i++) {
		if (same_attr(node, nodes->pdata[i], attr)) {
			return true;
		}
	}
	return false;
}

/* Where @primary will be (in @role, when given): a clone is wherever an
 * instance is placed.  NULL when the colocation does not apply because
 * the primary will not have that role. */
static GPtrArray *primary_nodes(const struct pe_resource *primary, enum pe_role role)
{
	GPtrArray *nodes = g_ptr_array_new();

	if (primary->variant == PE_CLONE) {
		for (guint i = 0; i < primary->children->len; i++) {
			const struct pe_resource *inst = primary->children->pdata[i];

			if (inst->assigned != NULL &&
			    (role == PE_ROLE_UNKNOWN || inst->next_role == role ||
			     (role == PE_ROLE_STARTED && inst->next_role > PE_ROLE_STOPPED))) {
				g_ptr_array_add(nodes, inst->assigned);
			}
		}
		return nodes;
	}
	if (role != PE_ROLE_UNKNOWN && primary->next_role != role &&
	    !(role == PE_ROLE_STARTED && primary->next_role > PE_ROLE_STOPPED)) {
		g_ptr_array_free(nodes, TRUE);
		return NULL;
	}
	if (primary->assigned != NULL) {
		g_ptr_array_add(nodes, primary->assigned);
	}
	return nodes;
}

void pe_colocation_apply_to_scores(struct pe_resource *dependent, const struct pe_colocation *coloc)
{
	struct pe_cluster *c = dependent->cluster;
	GPtrArray *where;

	if (coloc->primary->provisional) {
		return;
	}
	if (coloc->dependent_role >= PE_ROLE_UNPROMOTED) {
		/* Settled when the dependent's instances are promoted. */
		return;
	}
	where = primary_nodes(coloc->primary, coloc->primary_role);
	if (where == NULL) {
		return;
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];
		int *slot = &dependent->scores[node->index];

		if (*slot == PE_SCORE_ABSENT) {
			continue;
		}
		if (matches_any(node, where, coloc->node_attribute)) {
			if (coloc->score < PE_INFINITY) {
				*slot = pcmk_score_add(coloc->score, *slot);
			}
		} else if (coloc->score >= PE_INFINITY) {
			*slot = -PE_INFINITY;
		}
	}
	g_ptr_array_free(where, TRUE);
}

/* Best score of @rsc among nodes whose @attr equals @node's. */
static int best_matching(const struct pe_cluster *c, const struct pe_resource *rsc,
			 const struct pe_node *node, const char *attr)
{
	int best = -PE_INFINITY;
	bool found = false;

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *n = c->nodes->pdata[i];
		int s = rsc->scores[n->index];

		if (s == PE_SCORE_ABSENT || !same_attr(n, node, attr)) {
			continue;
		}
		if (!found || s > best) {
			best = s;
			found = true;
		}
	}
	return best;
}

static int scaled(int score, float factor)
{
	if (score >= PE_INFINITY) {
		return factor > 0 ? PE_INFINITY : -PE_INFINITY;
	}
	if (score <= -PE_INFINITY) {
		return factor > 0 ? -PE_INFINITY : PE_INFINITY;
	}
	{
		float f = factor * (float)score;
		int w = (int)(f < 0 ? f - 0.5f : f + 0.5f);

		/* A small factor must not wipe out a small, nonzero score. */
		if (w == 0 && score != 0) {
			w = factor > 0 ? 1 : (factor < 0 ? -1 : 0);
		}
		return w;
	}
}

static bool any_usable(const struct pe_cluster *c, const int *scores)
{
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (scores[i] != PE_SCORE_ABSENT && scores[i] >= 0 && pe_node_available(node)) {
			return true;
		}
	}
	return false;
}

static bool has_influence(const struct pe_colocation *coloc)
{
	return coloc->influence || coloc->primary->running_on->len == 0;
}

/* Fold @dependent's preferences into @work (scores of a primary), then
 * those of resources depending on @dependent, scaled down each step.
 * When nothing could run any more, @work is left as it was. */
static void merge_scores(struct pe_cluster *c, struct pe_resource *dependent, int *work,
			 const char *attr, float factor, GHashTable *seen)
{
	int *copy;

	if (g_hash_table_contains(seen, dependent)) {
		return;
	}
	g_hash_table_add(seen, dependent);
	copy = g_memdup2(work, sizeof(int) * (c->nodes->len + 1));
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];
		int s;

		if (copy[i] == PE_SCORE_ABSENT) {
			continue;
		}
		s = best_matching(c, dependent, node, attr);
		if (factor < 0 && s < 0) {
			continue;
		}
		copy[i] = pcmk_score_add(scaled(s, factor), copy[i]);
	}
	if (any_usable(c, copy)) {
		for (guint i = 0; i < dependent->coloc_with_this->len; i++) {
			struct pe_colocation *next = dependent->coloc_with_this->pdata[i];
			float f = (factor < 0 ? -1.0f : 1.0f) * (float)next->score / PE_INFINITY;

			if (has_influence(next)) {
				merge_scores(c, next->dependent, copy, next->node_attribute, f,
					     seen);
			}
		}
		memcpy(work, copy, sizeof(int) * (c->nodes->len + 1));
	}
	g_free(copy);
	g_hash_table_remove(seen, dependent);
}

void pe_colocation_add_dependent_scores(struct pe_resource *primary,
					const struct pe_colocation *coloc)
{
	struct pe_cluster *c = primary->cluster;
	GHashTable *seen;

	if (!has_influence(coloc) || coloc->dependent_role >= PE_ROLE_UNPROMOTED ||
	    coloc->primary_role >= PE_ROLE_UNPROMOTED) {
		return;
	}
	seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	g_hash_table_add(seen, primary);
	merge_scores(c, coloc->dependent, primary->scores, coloc->node_attribute,
		     (float)coloc->score / PE_INFINITY, seen);
	g_hash_table_destroy(seen);
}
