/*
 * Probes: a one-time monitor of a resource on every node where its state
 * is unknown (no history there), so that nothing is started twice.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_sched_private.h"

static bool known_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		const struct pe_rsc_history *h = rsc->history->pdata[i];

		if (h->node == node && h->known) {
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

	if (rsc->orphan || known_on(rsc, node) || !rsc->discover[node->index] ||
	    !pe_remote_may_probe(rsc, node) || !pe_bundle_connection_may_probe(rsc, node)) {
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
	/* A clone's instances are probed before the clone starts any. */
	for (struct pe_resource *p = rsc->parent; p != NULL; p = p->parent) {
		if (p->variant == PE_CLONE) {
			top = p;
		}
	}
	if (top->variant != PE_CLONE) {
		top = rsc;
	}
	key = pe_op_key(top->id, "start", 0);
	pe_order_new(c, NULL, NULL, probe, top, key, NULL, PE_ORD_OPTIONAL);
	g_free(key);
	if (rsc->bundle != NULL && rsc->container != NULL) {
		/* A replica's connection is looked for once its container runs. */
		key = pe_op_key(rsc->container->id, "start", 0);
		pe_order_new(c, rsc->container, key, NULL, NULL, NULL, probe, PE_ORD_OPTIONAL);
		g_free(key);
	}
	if (pe_bundle_is_container(rsc) && rsc->bundle->bundle_data->clone != NULL) {
		/* What the bundle runs starts once its containers are known. */
		key = pe_op_key(rsc->bundle->bundle_data->clone->id, "start", 0);
		pe_order_new(c, NULL, NULL, probe, rsc->bundle->bundle_data->clone, key, NULL,
			     PE_ORD_OPTIONAL);
		g_free(key);
	}
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

/* A probe comes before anything ordered after what it is ordered before,
 * except the unfencing of its own node (probes follow it) and the
 * shutdown of another node. */
static bool probe_needed_before(const struct pe_action *probe, const struct pe_action *then)
{
	if (strcmp(then->task, "stonith") == 0 && probe->node == then->node &&
	    g_strcmp0(g_hash_table_lookup(then->meta, "stonith_action"), "on") == 0) {
		return false;
	}
	if (strcmp(then->task, "do_shutdown") == 0 && probe->node != NULL && then->node != NULL &&
	    probe->node != then->node) {
		return false;
	}
	return true;
}

static bool key_is_stop(const char *key)
{
	return g_str_has_suffix(key, "_stop_0");
}

static GPtrArray *probes_of(const struct pe_resource *rsc)
{
	char *key = pe_op_key(rsc->id, "monitor", 0);
	GPtrArray *probes = pe_rsc_actions_by_key(rsc, key, NULL);

	g_free(key);
	return probes;
}

/* "X stop then Y": X's probes come before Y too, since X may turn out to
 * be active. */
static void probes_before_stop_orderings(struct pe_cluster *c)
{
	for (guint i = 0; i < c->orderings->len; i++) {
		struct pe_ordering *o = c->orderings->pdata[i];
		GPtrArray *probes, *thens;
		unsigned int flags = PE_ORD_OPTIONAL;

		if (o->first_rsc == NULL || o->first_rsc == o->then_rsc) {
			continue;
		}
		if (o->first_action != NULL
			    ? !pe_action_is_stop(o->first_action)
			    : (o->first_key == NULL || !key_is_stop(o->first_key))) {
			continue;
		}
		if (o->flags & PE_ORD_SAME_NODE) {
			flags |= PE_ORD_SAME_NODE;
		}
		if (o->flags == PE_ORD_ANTI_COLOCATION || o->flags == PE_ORD_LOAD) {
			flags = o->flags;
		}
		probes = probes_of(o->first_rsc);
		if (o->then_action != NULL) {
			thens = g_ptr_array_new();
			g_ptr_array_add(thens, o->then_action);
		} else {
			thens = pe_rsc_actions_by_key(o->then_rsc, o->then_key, NULL);
		}
		for (guint p = 0; p < probes->len; p++) {
			for (guint t = 0; t < thens->len; t++) {
				if (probe_needed_before(probes->pdata[p], thens->pdata[t])) {
					pe_order_actions(probes->pdata[p], thens->pdata[t], flags);
				}
			}
		}
		g_ptr_array_free(probes, TRUE);
		g_ptr_array_free(thens, TRUE);
	}
}

/* A probe ordered before something that makes another primitive start
 * (or promote) also comes before that primitive's stop (or demote): if
 * the probe finds the resource active, the restart must wait for it. */
static void restart_orderings(struct pe_action *probe, struct pe_action *after, GHashTable *seen)
{
	struct pe_resource *rsc = after->rsc;

	if (g_hash_table_contains(seen, after)) {
		return;
	}
	g_hash_table_add(seen, after);
	if (rsc != NULL && rsc->variant == PE_PRIMITIVE && probe->rsc != rsc) {
		const char *task = strcmp(after->task, "start") == 0     ? "stop"
				   : strcmp(after->task, "promote") == 0 ? "demote"
									 : NULL;

		for (guint i = 0; task != NULL && i < rsc->actions->len; i++) {
			struct pe_action *then = rsc->actions->pdata[i];

			if (then->interval_ms == 0 && strcmp(then->task, task) == 0 &&
			    !(then->flags & PE_ACT_PSEUDO)) {
				pe_order_actions(probe, then, PE_ORD_OPTIONAL);
			}
		}
	}
	for (guint i = 0; i < after->after->len; i++) {
		struct pe_action_edge *e = &g_array_index(after->after, struct pe_action_edge, i);
		struct pe_resource *next_rsc = e->action->rsc;

		if (!(e->flags & PE_ORD_IMPLIES_THEN)) {
			if (rsc == NULL || rsc->variant == PE_PRIMITIVE ||
			    probe->rsc->parent == rsc || next_rsc == NULL ||
			    next_rsc->variant == PE_CLONE || next_rsc->parent != rsc) {
				continue;
			}
			if (rsc->variant == PE_CLONE && rsc->interleave) {
				continue;
			}
		}
		restart_orderings(probe, e->action, seen);
	}
}

static void probe_restart_orderings(struct pe_resource *rsc)
{
	GPtrArray *probes;

	if (rsc->variant != PE_PRIMITIVE) {
		for (guint i = 0; i < rsc->children->len; i++) {
			probe_restart_orderings(rsc->children->pdata[i]);
		}
		return;
	}
	probes = probes_of(rsc);
	for (guint p = 0; p < probes->len; p++) {
		struct pe_action *probe = probes->pdata[p];
		guint n = probe->after->len;

		/* Only the orderings the probe had before this pass. */
		for (guint i = 0; i < n; i++) {
			GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
			struct pe_action *after =
				g_array_index(probe->after, struct pe_action_edge, i).action;

			restart_orderings(probe, after, seen);
			g_hash_table_destroy(seen);
		}
	}
	g_ptr_array_free(probes, TRUE);
}

void pe_probes_order(struct pe_cluster *c)
{
	for (guint i = 0; i < c->resources->len; i++) {
		probe_restart_orderings(c->resources->pdata[i]);
	}
	probes_before_stop_orderings(c);
}
