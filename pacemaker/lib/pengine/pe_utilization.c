/*
 * Utilization-based placement (placement-strategy utilization, minimal,
 * balanced): a node can take a resource only when it has the capacity
 * left for everything the resource uses; "balanced" prefers the node with
 * more capacity left.
 */
#include <stdlib.h>
#include <string.h>

#include "pe_sched_private.h"

static int capacity_value(GHashTable *table, const char *name)
{
	const char *v = g_hash_table_lookup(table, name);

	return v == NULL ? 0 : atoi(v);
}

/* Whether @node has room for all of @needs. */
static bool has_capacity(const struct pe_node *node, GHashTable *needs)
{
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, needs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (atoi(value) > capacity_value(node->utilization, key)) {
			return false;
		}
	}
	return true;
}

int pe_utilization_compare(const struct pe_node *a, const struct pe_node *b)
{
	GHashTableIter iter;
	gpointer key, value;
	int result = 0;

	/* Count the attributes where one node has more left than the other. */
	g_hash_table_iter_init(&iter, a->utilization);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		int va = atoi(value);
		int vb = capacity_value(b->utilization, key);

		result += va > vb ? -1 : (va < vb ? 1 : 0);
	}
	g_hash_table_iter_init(&iter, b->utilization);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (!g_hash_table_contains(a->utilization, key) && atoi(value) > 0) {
			result += 1;
		}
	}
	return result;
}

struct pe_node *pe_utilization_ban_insufficient(struct pe_resource *rsc)
{
	struct pe_cluster *c = rsc->cluster;
	struct pe_node *most_free = NULL;

	if (!c->utilization_strategy || g_hash_table_size(rsc->utilization) == 0) {
		return NULL;
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (rsc->scores[i] == PE_SCORE_ABSENT || rsc->scores[i] < 0) {
			continue;
		}
		if (!has_capacity(node, rsc->utilization)) {
			rsc->scores[i] = -PE_INFINITY;
			continue;
		}
		if (most_free == NULL || pe_utilization_compare(node, most_free) < 0) {
			most_free = node;
		}
	}
	return most_free;
}

static void adjust(struct pe_node *node, const struct pe_resource *rsc, int sign)
{
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, rsc->utilization);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		int left = capacity_value(node->utilization, key) - sign * atoi(value);

		g_hash_table_replace(node->utilization, g_strdup(key), g_strdup_printf("%d", left));
	}
}

void pe_utilization_consume(struct pe_node *node, const struct pe_resource *rsc)
{
	if (rsc->cluster->utilization_strategy) {
		adjust(node, rsc, 1);
	}
}

void pe_utilization_release(struct pe_node *node, const struct pe_resource *rsc)
{
	if (rsc->cluster->utilization_strategy) {
		adjust(node, rsc, -1);
	}
}
