/*
 * Probes: a one-time monitor of a resource on every node where its state
 * is unknown (no history there), so that nothing is started twice.
 */
#include <string.h>

#include "pe_sched_private.h"

static bool known_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		if (((struct pe_rsc_history *)rsc->history->pdata[i])->node == node) {
			return true;
		}
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (known_on(rsc->children->pdata[i], node)) {
			return true;
		}
	}
	return false;
}

static bool exclusive_here(const struct pe_cluster *c, const struct pe_resource *rsc,
			   const struct pe_node *node)
{
	for (guint i = 0; i < c->locations->len; i++) {
		struct pe_location *loc = c->locations->pdata[i];

		if (loc->discovery != 2) {
			continue;
		}
		for (const struct pe_resource *r = rsc; r != NULL; r = r->parent) {
			if (loc->rsc != r) {
				continue;
			}
			for (guint j = 0; j < loc->node_scores->len; j++) {
				struct pe_node_score *ns = loc->node_scores->pdata[j];

				if (ns->node == node) {
					return true;
				}
			}
		}
	}
	return false;
}

static void probe_primitive(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node)
{
	struct pe_resource *top = pe_rsc_top(rsc);
	struct pe_action *probe;
	char *key;

	if (rsc->orphan || known_on(rsc, node) || !rsc->discover[node->index]) {
		return;
	}
	if ((rsc->exclusive_discovery || top->exclusive_discovery) &&
	    !exclusive_here(c, rsc, node)) {
		return;
	}
	key = pe_op_key(rsc->id, "monitor", 0);
	probe = pe_action_custom(c, rsc, key, "monitor", node, false);
	g_free(key);
	probe->flags &= ~PE_ACT_OPTIONAL;
	g_hash_table_replace(probe->meta, g_strdup("op_target_rc"), g_strdup("7"));
	key = pe_op_key(rsc->id, "start", 0);
	pe_order_new(c, NULL, NULL, probe, rsc, key, NULL, PE_ORD_OPTIONAL);
	g_free(key);
}

static void probe_rsc(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node);

static void probe_anonymous_clone(struct pe_cluster *c, struct pe_resource *clone,
				  struct pe_node *node)
{
	struct pe_resource *pick = NULL;

	if (known_on(clone, node) || clone->children->len == 0) {
		return;
	}
	for (guint i = 0; i < clone->children->len && pick == NULL; i++) {
		struct pe_resource *inst = clone->children->pdata[i];

		if (inst->assigned == node) {
			pick = inst;
		}
	}
	if (pick == NULL) {
		pick = clone->children->pdata[0];
	}
	probe_rsc(c, pick, node);
}

static void probe_rsc(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node)
{
	if (rsc->variant == PE_PRIMITIVE) {
		probe_primitive(c, rsc, node);
	} else if (rsc->variant == PE_CLONE && !rsc->unique) {
		probe_anonymous_clone(c, rsc, node);
	} else {
		for (guint i = 0; i < rsc->children->len; i++) {
			probe_rsc(c, rsc->children->pdata[i], node);
		}
	}
}

void pe_probes_schedule(struct pe_cluster *c)
{
	if (!pe_text_is_true(pe_cluster_option(c, "enable-startup-probes"))) {
		return;
	}
	for (guint n = 0; n < c->nodes->len; n++) {
		struct pe_node *node = c->nodes->pdata[n];

		if (!node->online || node->unclean || node->pending || !node->rsc_discovery) {
			continue;
		}
		for (guint i = 0; i < c->resources->len; i++) {
			probe_rsc(c, c->resources->pdata[i], node);
		}
	}
}
