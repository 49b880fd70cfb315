/*
 * Orderings between actions, and how one action's state implies the
 * other's: a required first makes its then required, an unrunnable first
 * blocks its then, and so on.  Flags only move one way (optional ->
 * required, runnable -> unrunnable), so the update runs as a work list to
 * a fixed point instead of pacemaker's recursion.
 */
#include <string.h>

#include "pe_sched_private.h"

void pe_ordering_free(struct pe_ordering *o)
{
	g_free(o->first_key);
	g_free(o->then_key);
	g_free(o);
}

void pe_order_actions(struct pe_action *first, struct pe_action *then, unsigned int flags)
{
	struct pe_action_edge e;

	if (first == NULL || then == NULL || first == then || flags == PE_ORD_NONE) {
		return;
	}
	for (guint i = 0; i < then->before->len; i++) {
		struct pe_action_edge *b = &g_array_index(then->before, struct pe_action_edge, i);

		if (b->action == first) {
			b->flags |= flags;
			for (guint j = 0; j < first->after->len; j++) {
				struct pe_action_edge *a =
					&g_array_index(first->after, struct pe_action_edge, j);

				if (a->action == then) {
					a->flags |= flags;
				}
			}
			return;
		}
	}
	e.action = first;
	e.flags = flags;
	g_array_append_val(then->before, e);
	e.action = then;
	g_array_append_val(first->after, e);
}

void pe_order_new(struct pe_cluster *c, struct pe_resource *first_rsc, const char *first_key,
		  struct pe_action *first, struct pe_resource *then_rsc, const char *then_key,
		  struct pe_action *then, unsigned int flags)
{
	struct pe_ordering *o = g_new0(struct pe_ordering, 1);

	o->id = (int)c->orderings->len;
	o->flags = flags;
	o->first_rsc = first_rsc;
	o->first_key = g_strdup(first_key);
	o->first_action = first;
	o->then_rsc = then_rsc;
	o->then_key = g_strdup(then_key);
	o->then_action = then;
	g_ptr_array_add(c->orderings, o);
}

void pe_order_rsc_actions(struct pe_cluster *c, struct pe_resource *first_rsc,
			  const char *first_task, struct pe_resource *then_rsc,
			  const char *then_task, unsigned int flags)
{
	char *k1 = pe_op_key(first_rsc->id, first_task, 0);
	char *k2 = pe_op_key(then_rsc->id, then_task, 0);

	pe_order_new(c, first_rsc, k1, NULL, then_rsc, k2, NULL, flags);
	g_free(k1);
	g_free(k2);
}

static char *task_of_key(const char *key, const struct pe_resource *rsc)
{
	size_t len = strlen(rsc->id);
	const char *t = key + len + 1;
	const char *u = strrchr(t, '_');

	return u == NULL ? g_strdup(t) : g_strndup(t, u - t);
}

/* "Start the group, then X" waits for the whole group: the group's running
 * action stands for its start in orderings with other resources. */
static const char *remapped_task(const char *task)
{
	static const char *const map[][2] = {
		{ "start", "running" },     { "stop", "stopped" },    { "promote", "promoted" },
		{ "demote", "demoted" },    { "running", "running" }, { "stopped", "stopped" },
		{ "promoted", "promoted" }, { "demoted", "demoted" }
	};

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
		if (strcmp(task, map[i][0]) == 0) {
			return map[i][1];
		}
	}
	return NULL;
}

/* Whether @anc contains @rsc: as a parent, or as the bundle it or one of
 * its parents was made for. */
static bool is_ancestor(const struct pe_resource *anc, const struct pe_resource *rsc)
{
	for (const struct pe_resource *p = rsc; p != NULL; p = p->parent) {
		if ((p != rsc && p == anc) || (p->bundle != NULL && p->bundle == anc)) {
			return true;
		}
	}
	return false;
}

static struct pe_action *for_ordering(struct pe_cluster *c, struct pe_action *first,
				      const struct pe_action *then)
{
	struct pe_resource *rsc = first->rsc;
	const char *task;
	struct pe_action *mapped;
	char *key;

	if (rsc == NULL || rsc->variant == PE_PRIMITIVE || then->rsc == NULL || then->rsc == rsc ||
	    is_ancestor(rsc, then->rsc) || first->interval_ms != 0 ||
	    strstr(first->uuid, "notify") != NULL) {
		return first;
	}
	task = remapped_task(first->task);
	if (task == NULL) {
		return first;
	}
	if (rsc->notify && rsc->variant == PE_CLONE) {
		key = pe_notify_key(rsc->id, "confirmed-post",
				    strcmp(task, "running") == 0    ? "start"
				    : strcmp(task, "stopped") == 0  ? "stop"
				    : strcmp(task, "promoted") == 0 ? "promote"
								    : "demote");
	} else {
		key = pe_op_key(rsc->id, task, 0);
	}
	mapped = pe_action_find(c, key, NULL);
	g_free(key);
	return mapped == NULL ? first : mapped;
}

static GPtrArray *firsts_of(struct pe_cluster *c, struct pe_ordering *o)
{
	GPtrArray *list;
	char *task;

	if (o->first_action != NULL) {
		list = g_ptr_array_new();
		g_ptr_array_add(list, o->first_action);
		return list;
	}
	list = pe_rsc_actions_by_key(o->first_rsc, o->first_key, NULL);
	if (list->len > 0 || o->first_rsc == o->then_rsc) {
		return list;
	}
	task = task_of_key(o->first_key, o->first_rsc);
	if (!((strcmp(task, "stop") == 0 && o->first_rsc->role <= PE_ROLE_STOPPED) ||
	      (strcmp(task, "demote") == 0 && o->first_rsc->role <= PE_ROLE_UNPROMOTED))) {
		/* A placeholder that cannot run: it blocks what depends on it. */
		g_ptr_array_add(list,
				pe_action_custom(c, o->first_rsc, o->first_key, task, NULL, true));
	}
	g_free(task);
	return list;
}

static void ordering_resolve(struct pe_cluster *c, struct pe_ordering *o)
{
	GPtrArray *firsts = firsts_of(c, o);
	GPtrArray *thens;

	if (o->then_action != NULL) {
		thens = g_ptr_array_new();
		g_ptr_array_add(thens, o->then_action);
	} else {
		thens = pe_rsc_actions_by_key(o->then_rsc, o->then_key, NULL);
	}
	for (guint i = 0; i < firsts->len; i++) {
		for (guint j = 0; j < thens->len; j++) {
			struct pe_action *then = thens->pdata[j];
			struct pe_action *first = for_ordering(c, firsts->pdata[i], then);

			pe_order_actions(first, then, o->flags);
		}
	}
	g_ptr_array_free(firsts, TRUE);
	g_ptr_array_free(thens, TRUE);
}

void pe_orderings_apply(struct pe_cluster *c)
{
	for (guint i = 0; i < c->orderings->len; i++) {
		ordering_resolve(c, c->orderings->pdata[i]);
	}
}
