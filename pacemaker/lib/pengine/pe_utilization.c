/*
 * Utilization-based placement (placement-strategy utilization, minimal,
 * balanced): a node can take a resource only when it has the capacity
 * left for everything the resource uses; "balanced" prefers the node with
 * more capacity left.  Capacities are kept as text in the node's
 * utilization table, the way the CIB gives them, and updated as
 * resources are assigned.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pe_sched_private.h"

int pe_utilization_value(const char *text)
{
	char *end = NULL;
	long long v;

	if (text == NULL) {
		return 0;
	}
	errno = 0;
	v = strtoll(text, &end, 10);
	if (end == text) {
		/* Not a number: counts as no capacity, as the CIB is not
		 * validated against this. */
		return 0;
	}
	if (v > INT_MAX) {
		return INT_MAX;
	}
	return v < INT_MIN ? INT_MIN : (int)v;
}

static int table_value(GHashTable *table, const char *name)
{
	return pe_utilization_value(g_hash_table_lookup(table, name));
}

bool pe_utilization_has_capacity(const struct pe_node *node, GHashTable *needs)
{
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, needs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (pe_utilization_value(value) > table_value(node->utilization, key)) {
			return false;
		}
	}
	return true;
}

/* One vote per attribute: -1 where @a has more left, +1 where @b has;
 * attributes only @b has count as 0 on @a. */
int pe_utilization_compare(const struct pe_node *a, const struct pe_node *b)
{
	GHashTableIter iter;
	gpointer key, value;
	int result = 0;

	g_hash_table_iter_init(&iter, a->utilization);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		int va = pe_utilization_value(value);
		int vb = table_value(b->utilization, key);

		result += va > vb ? -1 : (va < vb ? 1 : 0);
	}
	g_hash_table_iter_init(&iter, b->utilization);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		int vb = pe_utilization_value(value);

		if (!g_hash_table_contains(a->utilization, key)) {
			result += vb > 0 ? 1 : (vb < 0 ? -1 : 0);
		}
	}
	return result;
}

/* Add (@sign 1) or subtract (@sign -1) @amounts to @table.  Subtracting
 * from an attribute the table lacks leaves it at 0, not negative, which
 * is what pacemaker does (and what "balanced" then compares). */
void pe_utilization_adjust(GHashTable *table, GHashTable *amounts, int sign)
{
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, amounts);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		const char *cur = g_hash_table_lookup(table, key);
		long long result = 0;

		if (sign > 0 || cur != NULL) {
			result = (long long)pe_utilization_value(cur) +
				 sign * (long long)pe_utilization_value(value);
		}
		g_hash_table_replace(table, g_strdup(key), g_strdup_printf("%lld", result));
	}
}

void pe_utilization_consume(struct pe_node *node, const struct pe_resource *rsc)
{
	if (node != NULL && rsc->cluster->utilization_strategy) {
		pe_utilization_adjust(node->utilization, rsc->utilization, -1);
	}
}

void pe_utilization_release(struct pe_node *node, const struct pe_resource *rsc)
{
	if (node != NULL && rsc->cluster->utilization_strategy) {
		pe_utilization_adjust(node->utilization, rsc->utilization, 1);
	}
}

/* Nodes @rsc could be placed on as far as the node and its score go. */
static bool candidate(const struct pe_resource *rsc, const struct pe_node *node)
{
	int score = rsc->scores[node->index];

	return score != PE_SCORE_ABSENT && score >= 0 && pe_node_available(node);
}

static void ban_lacking(struct pe_resource *rsc, GHashTable *needs)
{
	struct pe_cluster *c = rsc->cluster;

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (candidate(rsc, node) && !pe_utilization_has_capacity(node, needs)) {
			pe_rsc_set_score(rsc, node, -PE_INFINITY, "__limit_utilization__");
		}
	}
}

/* Ban @rsc from nodes without room for it and the unassigned resources
 * that must go where it goes.  When no node has room for all of them, only
 * room for @rsc itself is required, and the node with the most capacity
 * left is returned as the one to prefer; otherwise NULL. */
struct pe_node *pe_utilization_ban_insufficient(struct pe_resource *rsc)
{
	struct pe_cluster *c = rsc->cluster;
	struct pe_node *most_free = NULL;
	GHashTable *needs;
	bool any_capable = false;

	if (!c->utilization_strategy) {
		return NULL;
	}
	needs = pe_utilization_colocated_sum(rsc);
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (!candidate(rsc, node)) {
			continue;
		}
		any_capable = any_capable || pe_utilization_has_capacity(node, needs);
		if (most_free == NULL || pe_utilization_compare(node, most_free) < 0) {
			most_free = node;
		}
	}
	if (any_capable) {
		ban_lacking(rsc, needs);
		most_free = NULL;
	} else {
		ban_lacking(rsc, rsc->utilization);
	}
	g_hash_table_destroy(needs);
	return most_free;
}
