/*
 * Actions of groups and clones stand for their members' actions: a
 * group's start is required when a member's start is, its "running" cannot
 * happen when a member cannot start, and a clone's "running" needs at
 * least one instance able to start.
 */
#include <string.h>

#include "pe_sched_private.h"

/* The member task a collective task stands for ("running" -> "start"). */
static const char *member_task(const char *task)
{
	static const char *const map[][2] = { { "running", "start" },
					      { "stopped", "stop" },
					      { "promoted", "promote" },
					      { "demoted", "demote" } };

	for (size_t i = 0; i < G_N_ELEMENTS(map); i++) {
		if (strcmp(task, map[i][0]) == 0) {
			return map[i][1];
		}
	}
	return task;
}

static bool is_collective_task(const char *task)
{
	static const char *const tasks[] = { "start",   "running",  "stop",   "stopped",
					     "promote", "promoted", "demote", "demoted" };

	for (size_t i = 0; i < G_N_ELEMENTS(tasks); i++) {
		if (strcmp(task, tasks[i]) == 0) {
			return true;
		}
	}
	return false;
}

/* First action of @member for @task (any node). */
static struct pe_action *member_action(const struct pe_resource *member, const char *task)
{
	for (guint i = 0; i < member->actions->len; i++) {
		struct pe_action *a = member->actions->pdata[i];

		if (a->interval_ms == 0 && strcmp(a->task, task) == 0) {
			return a;
		}
	}
	return NULL;
}

void pe_collective_flags_update(struct pe_action *a)
{
	struct pe_resource *rsc = a->rsc;
	const char *task;
	bool any_runnable = false;
	bool mapped;

	if (rsc == NULL || rsc->variant == PE_PRIMITIVE || a->node != NULL ||
	    !is_collective_task(a->task)) {
		return;
	}
	task = member_task(a->task);
	mapped = strcmp(task, a->task) != 0;
	for (guint i = 0; i < rsc->children->len; i++) {
		struct pe_action *m = member_action(rsc->children->pdata[i], task);

		if (m == NULL) {
			if (rsc->variant == PE_GROUP && strcmp(task, "stop") != 0 &&
			    strcmp(task, "demote") != 0 && mapped) {
				a->flags &= ~PE_ACT_RUNNABLE;
			}
			continue;
		}
		if (!(m->flags & PE_ACT_OPTIONAL)) {
			a->flags &= ~PE_ACT_OPTIONAL;
		}
		if (m->flags & PE_ACT_RUNNABLE) {
			any_runnable = true;
		} else if (rsc->variant == PE_GROUP && mapped) {
			a->flags &= ~PE_ACT_RUNNABLE;
		}
	}
	if (rsc->variant == PE_CLONE && !any_runnable && mapped) {
		a->flags &= ~PE_ACT_RUNNABLE;
	}
}

void pe_collective_parent_actions(const struct pe_action *a, GPtrArray *out)
{
	struct pe_resource *parent = a->rsc == NULL ? NULL : a->rsc->parent;
	static const char *const up[][3] = { { "start", "start", "running" },
					     { "stop", "stop", "stopped" },
					     { "promote", "promote", "promoted" },
					     { "demote", "demote", "demoted" } };

	if (parent == NULL || a->interval_ms != 0) {
		return;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(up); i++) {
		if (strcmp(a->task, up[i][0]) != 0 && strcmp(a->task, up[i][2]) != 0) {
			continue;
		}
		for (int j = 1; j <= 2; j++) {
			char *key = pe_op_key(parent->id, up[i][j], 0);
			struct pe_action *pa = pe_action_find(parent->cluster, key, NULL);

			if (pa != NULL) {
				g_ptr_array_add(out, pa);
			}
			g_free(key);
		}
	}
}
