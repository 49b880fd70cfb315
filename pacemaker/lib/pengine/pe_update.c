/*
 * Propagating action states along orderings until nothing changes.  Each
 * rule below is what an ordering flag means for the pair (first, then).
 */
#include <string.h>

#include "pe_sched_private.h"

#define OPT(a) (((a)->flags & PE_ACT_OPTIONAL) != 0)
#define RUN(a) (((a)->flags & PE_ACT_RUNNABLE) != 0)

static void clear(struct pe_action *a, unsigned int flag)
{
	a->flags &= ~flag;
}

static void restart_rule(struct pe_action *first, struct pe_action *then)
{
	bool reason = !OPT(then);

	if (!RUN(then) && then->rsc != NULL && then->rsc->managed && first->rsc == then->rsc) {
		reason = true;
	}
	if (!reason) {
		return;
	}
	if (RUN(first)) {
		clear(first, PE_ACT_OPTIONAL);
	}
	if (!OPT(then)) {
		clear(first, PE_ACT_OPTIONAL);
	}
	if (!(then->flags & PE_ACT_MIGRATABLE)) {
		clear(first, PE_ACT_MIGRATABLE);
	}
	if (!OPT(first) && !RUN(first)) {
		clear(then, PE_ACT_RUNNABLE);
	}
}

static void asymmetric_rule(struct pe_action *first, struct pe_action *then)
{
	struct pe_resource *rsc = then->rsc;

	if (rsc == NULL || RUN(first)) {
		return;
	}
	if (OPT(then)) {
		if (rsc->role <= PE_ROLE_STOPPED && pe_action_is_stop(then)) {
			return;
		}
		if (rsc->role >= PE_ROLE_STARTED && strcmp(then->task, "start") == 0 &&
		    rsc->running_on->len == 1 && rsc->running_on->pdata[0] == then->node) {
			return;
		}
	}
	clear(then, PE_ACT_OPTIONAL);
	clear(then, PE_ACT_RUNNABLE);
}

static void apply_edge(struct pe_action *first, struct pe_action *then, unsigned int flags)
{
	if (flags & PE_ORD_THEN_CANCELS_FIRST && first->rsc != NULL && !OPT(then)) {
		first->flags |= PE_ACT_OPTIONAL;
	}
	if (flags & PE_ORD_ASYMMETRICAL) {
		asymmetric_rule(first, then);
	}
	if ((flags & PE_ORD_IMPLIES_FIRST) && !OPT(then) && OPT(first)) {
		clear(first, PE_ACT_OPTIONAL);
	}
	if ((flags & PE_ORD_PROMOTED_IMPLIES_FIRST) && then->rsc != NULL &&
	    then->rsc->role == PE_ROLE_PROMOTED && !OPT(then)) {
		clear(first, PE_ACT_OPTIONAL);
	}
	if ((flags & PE_ORD_RUNNABLE_LEFT) && RUN(then) && !RUN(first)) {
		clear(then, PE_ACT_RUNNABLE | PE_ACT_MIGRATABLE);
	}
	if ((flags & PE_ORD_IMPLIES_THEN) && OPT(then) && !OPT(first) &&
	    !(first->flags & PE_ACT_MIGRATABLE)) {
		clear(then, PE_ACT_OPTIONAL);
	}
	if (flags & PE_ORD_RESTART && first->rsc != NULL && then->rsc != NULL) {
		restart_rule(first, then);
	}
	if ((flags & PE_ORD_IMPLIES_THEN_PRINTED) && RUN(first) && !OPT(first)) {
		then->flags |= PE_ACT_ALWAYS_IN_GRAPH;
	}
	if ((flags & PE_ORD_IMPLIES_FIRST_PRINTED) && !OPT(then)) {
		first->flags |= PE_ACT_ALWAYS_IN_GRAPH;
	}
	if ((flags & (PE_ORD_IMPLIES_THEN | PE_ORD_IMPLIES_FIRST | PE_ORD_RESTART)) &&
	    first->rsc != NULL && !first->rsc->managed && first->rsc->blocked && !RUN(first) &&
	    pe_action_is_stop(first)) {
		clear(then, PE_ACT_RUNNABLE);
	}
}

static bool edge_applies(struct pe_action_edge *e, const struct pe_action *then)
{
	const struct pe_action *first = e->action;

	if ((e->flags & PE_ORD_SAME_NODE) && first->node != NULL && then->node != NULL &&
	    first->node != then->node) {
		e->flags = PE_ORD_NONE;
	}
	return e->flags != PE_ORD_NONE;
}

static void push(struct pe_action *a, GQueue *work, GHashTable *queued)
{
	if (!g_hash_table_contains(queued, a)) {
		g_hash_table_add(queued, a);
		g_queue_push_tail(work, a);
	}
}

/* @a changed: it, every action after it, and the group or clone actions
 * that stand for it must be looked at again. */
static void changed(struct pe_action *a, GQueue *work, GHashTable *queued)
{
	GPtrArray *parents = g_ptr_array_new();

	push(a, work, queued);
	for (guint i = 0; i < a->after->len; i++) {
		push(g_array_index(a->after, struct pe_action_edge, i).action, work, queued);
	}
	pe_collective_parent_actions(a, parents);
	for (guint i = 0; i < parents->len; i++) {
		push(parents->pdata[i], work, queued);
	}
	g_ptr_array_free(parents, TRUE);
}

/* An ordering before a group's or clone's action holds for the same
 * action of each member too. */
static void apply_to_members(struct pe_action *first, struct pe_action *then, unsigned int flags,
			     GQueue *work, GHashTable *queued)
{
	struct pe_resource *rsc = then->rsc;

	if (rsc == NULL || rsc->variant == PE_PRIMITIVE || then->node != NULL ||
	    (first->rsc != NULL &&
	     (first->rsc == rsc || first->rsc->parent == rsc || first->rsc->bundle == rsc))) {
		return;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		struct pe_resource *member = rsc->children->pdata[i];

		for (guint j = 0; j < member->actions->len; j++) {
			struct pe_action *m = member->actions->pdata[j];
			unsigned int before = m->flags;

			if (m->interval_ms != 0 || strcmp(m->task, then->task) != 0) {
				continue;
			}
			apply_edge(first, m, flags);
			apply_to_members(first, m, flags, work, queued);
			if (m->flags != before) {
				changed(m, work, queued);
			}
			break;
		}
	}
}

/* Re-evaluate @then against all its firsts. */
static void update_one(struct pe_action *then, GQueue *work, GHashTable *queued)
{
	unsigned int then_before = then->flags;
	int runnable_firsts = 0;

	pe_collective_flags_update(then);
	for (guint i = 0; i < then->before->len; i++) {
		struct pe_action_edge *e = &g_array_index(then->before, struct pe_action_edge, i);
		struct pe_action *first = e->action;
		unsigned int first_before = first->flags;

		if (!edge_applies(e, then)) {
			continue;
		}
		if (e->flags & PE_ORD_ONE_OR_MORE) {
			runnable_firsts += RUN(first) ? 1 : 0;
		}
		apply_edge(first, then, e->flags);
		apply_to_members(first, then, e->flags, work, queued);
		if (first->flags != first_before) {
			changed(first, work, queued);
		}
	}
	if (then->required_runnable_before > 0 &&
	    runnable_firsts < then->required_runnable_before) {
		clear(then, PE_ACT_RUNNABLE);
	}
	if (then->flags != then_before) {
		changed(then, work, queued);
	}
}

void pe_actions_update_all(struct pe_cluster *c)
{
	GQueue work = G_QUEUE_INIT;
	GHashTable *queued = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (guint i = 0; i < c->actions->len; i++) {
		g_queue_push_tail(&work, c->actions->pdata[i]);
		g_hash_table_add(queued, c->actions->pdata[i]);
	}
	while (!g_queue_is_empty(&work)) {
		struct pe_action *a = g_queue_pop_head(&work);

		g_hash_table_remove(queued, a);
		update_one(a, &work, queued);
	}
	g_hash_table_destroy(queued);
}
