/*
 * Node scores of resources before assignment: the symmetric default,
 * location constraints, stickiness and failure limits.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

/* Add @score for @node to @rsc and (as pacemaker does) to its children. */
void pe_rsc_set_score(struct pe_resource *rsc, const struct pe_node *node, int score,
		      const char *why)
{
	int *slot = &rsc->scores[node->index];

	for (guint i = 0; i < rsc->children->len; i++) {
		pe_rsc_set_score(rsc->children->pdata[i], node, score, why);
	}
	if (*slot == PE_SCORE_ABSENT) {
		*slot = node->weight;
	}
	*slot = pcmk_score_add(*slot, score);
}

void pe_location_add(struct pe_cluster *c, const char *id, struct pe_resource *rsc,
		     struct pe_node *node, int score)
{
	struct pe_location *loc = g_new0(struct pe_location, 1);
	struct pe_node_score *ns = g_new(struct pe_node_score, 1);

	loc->id = g_strdup(id);
	loc->rsc = rsc;
	loc->node_scores = g_ptr_array_new_with_free_func(g_free);
	ns->node = node;
	ns->score = score;
	ns->rule = NULL;
	g_ptr_array_add(loc->node_scores, ns);
	g_ptr_array_add(c->locations, loc);
}

static void symmetric_default(struct pe_cluster *c, struct pe_resource *rsc)
{
	for (guint n = 0; n < c->nodes->len; n++) {
		struct pe_node *node = c->nodes->pdata[n];

		if (rsc->exclusive_discovery || !node->rsc_discovery) {
			continue;
		}
		pe_rsc_set_score(rsc, node, 0, "symmetric_default");
	}
}

void pe_locations_apply(struct pe_cluster *c)
{
	if (c->symmetric) {
		for (guint i = 0; i < c->resources->len; i++) {
			symmetric_default(c, c->resources->pdata[i]);
		}
	}
	pe_remote_bans_apply(c);
	for (guint i = 0; i < c->locations->len; i++) {
		struct pe_location *loc = c->locations->pdata[i];

		for (guint j = 0; j < loc->node_scores->len; j++) {
			struct pe_node_score *ns = loc->node_scores->pdata[j];

			if (loc->discovery == 1) {
				loc->rsc->discover[ns->node->index] = false;
			}
			/* Role-specific locations only weigh in on promotion. */
			if (loc->role == PE_ROLE_PROMOTED || loc->role == PE_ROLE_UNPROMOTED) {
				continue;
			}
			pe_rsc_set_score(loc->rsc, ns->node, ns->score, loc->id);
		}
	}
}

static void stickiness_apply(struct pe_cluster *c, struct pe_resource *rsc)
{
	struct pe_node *node;

	for (guint i = 0; i < rsc->children->len; i++) {
		stickiness_apply(c, rsc->children->pdata[i]);
	}
	if (rsc->children->len > 0 || !rsc->managed || rsc->stickiness < 1 ||
	    rsc->running_on->len != 1) {
		return;
	}
	node = rsc->running_on->pdata[0];
	if (!c->symmetric && rsc->scores[node->index] == PE_SCORE_ABSENT) {
		return;
	}
	pe_rsc_set_score(rsc, node, rsc->stickiness, "stickiness");
}

struct pe_fail_sum {
	int count;
	long long last;
};

/* "PREFIXrsc" or "PREFIXrsc#op_interval": the resource id, or NULL. */
static char *fail_attr_rsc(const char *name, const char *prefix)
{
	size_t plen = strlen(prefix);
	const char *hash;

	if (strncmp(name, prefix, plen) != 0) {
		return NULL;
	}
	name += plen;
	hash = strchr(name, '#');
	return hash != NULL ? g_strndup(name, (gsize)(hash - name)) : g_strdup(name);
}

static struct pe_fail_sum *sum_for(GHashTable *sums, char *id)
{
	struct pe_fail_sum *sum = g_hash_table_lookup(sums, id);

	if (sum == NULL) {
		sum = g_new0(struct pe_fail_sum, 1);
		g_hash_table_insert(sums, id, sum);
	} else {
		g_free(id);
	}
	return sum;
}

/* The key summing every instance of @id ("rsc", "rsc:0", "rsc:1"...):
 * "*rsc" (no resource id starts with '*'). */
static char *instances_key(const char *id)
{
	const char *colon = strrchr(id, ':');
	size_t len = strlen(id);

	if (colon != NULL && colon[1] != '\0' &&
	    strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		len = (size_t)(colon - id);
	}
	return g_strdup_printf("*%.*s", (int)len, id);
}

static void fail_attr_add(GHashTable *sums, char *id, const char *value, bool is_count)
{
	char *ids[2] = { instances_key(id), id };

	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++) {
		struct pe_fail_sum *sum = sum_for(sums, ids[i]);
		long long t;

		if (is_count) {
			sum->count = pcmk_score_add(sum->count, pcmk_score_from_string(value));
		} else {
			t = strtoll(value, NULL, 10);
			sum->last = t > sum->last ? t : sum->last;
		}
	}
}

/* One pass over the node's attributes instead of one per resource; each
 * attribute counts for its exact id and for all instances of its base. */
static GHashTable *node_failures(struct pe_node *node)
{
	GHashTableIter iter;
	gpointer key, value;
	char *id;

	if (node->failures != NULL) {
		return node->failures;
	}
	node->failures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	g_hash_table_iter_init(&iter, node->attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if ((id = fail_attr_rsc(key, "fail-count-")) != NULL) {
			fail_attr_add(node->failures, id, value, true);
		} else if ((id = fail_attr_rsc(key, "last-failure-")) != NULL) {
			fail_attr_add(node->failures, id, value, false);
		}
	}
	return node->failures;
}

/* Effective fail count of @rsc on @node (expired failures ignored). */
int pe_rsc_fail_count(const struct pe_cluster *c, const struct pe_resource *rsc,
		      const struct pe_node *node, long long *last_failure, bool effective)
{
	const struct pe_fail_sum *sum;
	int count = 0;
	long long last = 0;
	/* Anonymous resources (also orphans of anonymous clones) answer to
	 * the failures recorded under any instance number, as pacemaker's. */
	char *id = rsc->unique ? g_strdup(rsc->id) : instances_key(rsc->id);

	sum = g_hash_table_lookup(node_failures((struct pe_node *)node), id);
	g_free(id);
	if (sum != NULL) {
		count = sum->count;
		last = sum->last;
	}
	if (last_failure != NULL) {
		*last_failure = last;
	}
	if (effective && count > 0 && rsc->failure_timeout > 0 && last > 0 &&
	    c->now.seconds > last + rsc->failure_timeout) {
		return 0;
	}
	return count;
}

static bool clear_scheduled(struct pe_cluster *c, const struct pe_resource *rsc,
			    const struct pe_node *node)
{
	char *key = pe_op_key(rsc->id, "clear_failcount", 0);
	bool found = pe_action_find(c, key, node) != NULL;

	g_free(key);
	return found;
}

static void failure_threshold_check(struct pe_cluster *c, struct pe_resource *rsc,
				    struct pe_node *node)
{
	struct pe_resource *to_ban = rsc;
	int count;

	for (guint i = 0; i < rsc->children->len; i++) {
		failure_threshold_check(c, rsc->children->pdata[i], node);
	}
	if (rsc->children->len > 0 || rsc->migration_threshold == 0 || rsc->failure_ignored) {
		return;
	}
	if (rsc->parent != NULL && pe_rsc_is_clone(pe_rsc_top(rsc)) && !pe_rsc_top(rsc)->unique) {
		to_ban = pe_rsc_top(rsc);
	}
	if (clear_scheduled(c, rsc, node)) {
		return;
	}
	count = pe_rsc_fail_count(c, rsc, node, NULL, true);
	if (count > 0 && count >= rsc->migration_threshold) {
		pe_rsc_set_score(to_ban, node, -PE_INFINITY, "__fail_limit__");
	}
}

void pe_stickiness_and_failures_apply(struct pe_cluster *c)
{
	for (guint i = 0; i < c->resources->len; i++) {
		stickiness_apply(c, c->resources->pdata[i]);
	}
	for (guint n = 0; n < c->nodes->len; n++) {
		for (guint i = 0; i < c->resources->len; i++) {
			failure_threshold_check(c, c->resources->pdata[i], c->nodes->pdata[n]);
		}
	}
}
