/*
 * Clones: instances placed first where they already run, then on the best
 * nodes up to clone-node-max per node and clone-max in all; the clone's
 * start/running/stop/stopped pseudo-actions bracket the instances'.
 */
#include <string.h>

#include "pe_sched_private.h"

static bool failed_anywhere(const struct pe_resource *rsc)
{
	if (rsc->failed) {
		return true;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (failed_anywhere(rsc->children->pdata[i])) {
			return true;
		}
	}
	return false;
}

/* Running instances first (on usable nodes), higher roles first, failed
 * ones last; otherwise instance order. */
static gint instance_cmp(gconstpointer x, gconstpointer y)
{
	const struct pe_resource *a = *(const struct pe_resource *const *)x;
	const struct pe_resource *b = *(const struct pe_resource *const *)y;
	struct pe_node *na = pe_rsc_current_node(a);
	struct pe_node *nb = pe_rsc_current_node(b);
	bool ca = na != NULL && pe_node_available(na);
	bool cb = nb != NULL && pe_node_available(nb);

	if (a->running_on->len > 0 && b->running_on->len > 0 &&
	    a->running_on->len != b->running_on->len) {
		return a->running_on->len < b->running_on->len ? -1 : 1;
	}
	if (ca != cb) {
		return ca ? -1 : 1;
	}
	if (a->role != b->role) {
		return a->role > b->role ? -1 : 1;
	}
	if (failed_anywhere(a) != failed_anywhere(b)) {
		return failed_anywhere(a) ? 1 : -1;
	}
	return 0;
}

struct placement {
	struct pe_resource *clone;
	int *count; /* instances per node index */
	int per_node;
};

static bool place_instance(struct placement *p, struct pe_resource *inst, struct pe_node *prefer)
{
	struct pe_cluster *c = inst->cluster;
	int *backup = g_memdup2(inst->scores, sizeof(int) * (c->nodes->len + 1));
	struct pe_node *chosen;

	for (guint i = 0; i < c->nodes->len; i++) {
		if (p->count[i] >= p->per_node && inst->scores[i] != PE_SCORE_ABSENT) {
			inst->scores[i] = -PE_INFINITY;
		}
	}
	chosen = pe_rsc_assign(inst, prefer);
	if (prefer != NULL && chosen != NULL && chosen != prefer) {
		/* Not where it runs: undo, it will be placed with the rest. */
		memcpy(inst->scores, backup, sizeof(int) * (c->nodes->len + 1));
		chosen->num_resources--;
		pe_utilization_release(chosen, inst);
		inst->assigned = NULL;
		inst->provisional = true;
		inst->next_role = PE_ROLE_UNKNOWN;
		for (guint i = 0; i < inst->children->len; i++) {
			struct pe_resource *m = inst->children->pdata[i];

			if (m->assigned != NULL) {
				m->assigned->num_resources--;
				pe_utilization_release(m->assigned, m);
			}
			m->assigned = NULL;
			m->provisional = true;
			m->next_role = PE_ROLE_UNKNOWN;
		}
		chosen = NULL;
	}
	g_free(backup);
	if (chosen != NULL) {
		p->count[chosen->index]++;
	}
	return chosen != NULL;
}

static void ban_everywhere(struct pe_resource *inst)
{
	struct pe_cluster *c = inst->cluster;

	for (guint i = 0; i < c->nodes->len; i++) {
		pe_rsc_set_score(inst, c->nodes->pdata[i], -PE_INFINITY, "clone:limit_reached");
	}
}

static void place_instances(struct pe_resource *clone, GPtrArray *instances)
{
	struct pe_cluster *c = clone->cluster;
	struct placement p = { clone, g_new0(int, c->nodes->len + 1), clone->clone_node_max };
	int placed = 0;
	int available = 0;
	int loop_max;

	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];

		if (clone->scores[i] != PE_SCORE_ABSENT && pe_node_available(node)) {
			available++;
		}
	}
	loop_max = available > 0 ? clone->clone_max / available : 1;
	if (loop_max < 1) {
		loop_max = 1;
	}
	for (guint i = 0; i < instances->len && placed < clone->clone_max; i++) {
		struct pe_resource *inst = instances->pdata[i];
		struct pe_node *cur = pe_rsc_current_node(inst);

		if (cur == NULL || !inst->provisional || failed_anywhere(inst)) {
			continue;
		}
		if (clone->scores[cur->index] == PE_SCORE_ABSENT ||
		    p.count[cur->index] >= loop_max || inst->scores[cur->index] < 0 ||
		    !pe_node_available(cur)) {
			continue;
		}
		if (place_instance(&p, inst, cur)) {
			placed++;
		}
	}
	for (guint i = 0; i < instances->len; i++) {
		struct pe_resource *inst = instances->pdata[i];

		if (!inst->provisional) {
			continue;
		}
		if (placed >= clone->clone_max) {
			ban_everywhere(inst);
			pe_rsc_assign(inst, NULL);
		} else if (place_instance(&p, inst, NULL)) {
			placed++;
		}
	}
	g_free(p.count);
}

struct pe_node *pe_clone_assign(struct pe_resource *clone, struct pe_node *prefer)
{
	GPtrArray *instances;

	(void)prefer;
	if (!clone->provisional || clone->assigning) {
		return NULL;
	}
	clone->assigning = true;
	for (guint i = 0; i < clone->coloc_this_with->len; i++) {
		struct pe_colocation *coloc = clone->coloc_this_with->pdata[i];

		pe_rsc_assign(coloc->primary, NULL);
	}
	for (guint i = 0; i < clone->coloc_with_this->len; i++) {
		pe_colocation_add_dependent_scores(clone, clone->coloc_with_this->pdata[i]);
	}
	pe_scores_print(clone->cluster, "pcmk__clone_assign", clone);
	instances = g_ptr_array_new();
	for (guint i = 0; i < clone->children->len; i++) {
		g_ptr_array_add(instances, clone->children->pdata[i]);
	}
	g_ptr_array_sort(instances, instance_cmp);
	place_instances(clone, instances);
	g_ptr_array_free(instances, TRUE);
	if (clone->promotable) {
		pe_promotable_set_roles(clone);
	}
	clone->assigning = false;
	clone->provisional = false;
	return NULL;
}

static bool instances_have(const struct pe_resource *clone, const char *task, bool required)
{
	for (guint i = 0; i < clone->children->len; i++) {
		const struct pe_resource *inst = clone->children->pdata[i];

		for (guint j = 0; j < inst->actions->len; j++) {
			const struct pe_action *a = inst->actions->pdata[j];

			if (a->interval_ms == 0 && strcmp(a->task, task) == 0 &&
			    (!required || !(a->flags & PE_ACT_OPTIONAL))) {
				return true;
			}
		}
		if (instances_have(inst, task, required)) {
			return true;
		}
	}
	return false;
}

void pe_clone_create_actions(struct pe_resource *clone)
{
	bool starting, stopping;

	for (guint i = 0; i < clone->children->len; i++) {
		pe_rsc_create_actions(clone->children->pdata[i]);
	}
	starting = instances_have(clone, "start", true);
	stopping = instances_have(clone, "stop", true);
	pe_rsc_pseudo_action(clone, "start", !starting);
	pe_rsc_pseudo_action(clone, "running", !starting)->priority = PE_INFINITY;
	pe_rsc_pseudo_action(clone, "stop", !stopping);
	pe_rsc_pseudo_action(clone, "stopped", !stopping)->priority = PE_INFINITY;
	if (clone->promotable) {
		pe_promotable_create_actions(clone);
	}
	pe_notify_pseudo_create(clone);
}

void pe_clone_internal_constraints(struct pe_resource *clone)
{
	struct pe_cluster *c = clone->cluster;
	struct pe_resource *last = NULL;

	pe_order_rsc_actions(c, clone, "stopped", clone, "start", PE_ORD_OPTIONAL);
	pe_order_rsc_actions(c, clone, "start", clone, "running", PE_ORD_RUNNABLE_LEFT);
	pe_order_rsc_actions(c, clone, "stop", clone, "stopped", PE_ORD_RUNNABLE_LEFT);
	if (clone->promotable) {
		pe_order_rsc_actions(c, clone, "demoted", clone, "stop", PE_ORD_OPTIONAL);
		pe_order_rsc_actions(c, clone, "running", clone, "promote", PE_ORD_RUNNABLE_LEFT);
	}
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_resource *inst = clone->children->pdata[i];

		pe_rsc_internal_constraints(inst);
		pe_order_rsc_actions(c, clone, "start", inst, "start",
				     PE_ORD_RUNNABLE_LEFT | PE_ORD_IMPLIES_FIRST_PRINTED);
		pe_order_rsc_actions(c, inst, "start", clone, "running",
				     PE_ORD_IMPLIES_THEN_PRINTED);
		if (clone->ordered && last != NULL) {
			pe_order_rsc_actions(c, last, "start", inst, "start", PE_ORD_OPTIONAL);
		}
		pe_order_rsc_actions(c, clone, "stop", inst, "stop", PE_ORD_IMPLIES_FIRST_PRINTED);
		pe_order_rsc_actions(c, inst, "stop", clone, "stopped",
				     PE_ORD_IMPLIES_THEN_PRINTED);
		if (clone->ordered && last != NULL) {
			pe_order_rsc_actions(c, inst, "stop", last, "stop", PE_ORD_OPTIONAL);
		}
		last = inst;
	}
	if (clone->promotable) {
		pe_promotable_internal_constraints(clone);
	}
}
