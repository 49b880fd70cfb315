/*
 * The actions of a primitive: bring it down where it must stop, up where
 * it is placed, promote or demote it, and the orderings every primitive
 * has with itself (stop before start, demote before stop...).
 *
 * Actions that might be needed are created optional; orderings turn them
 * required when something they depend on happens (a restart cascades this
 * way).
 */
#include <string.h>

#include "pe_sched_private.h"

typedef void (*role_fn)(struct pe_resource *rsc, struct pe_node *node, bool optional);

static void stop_fn(struct pe_resource *rsc, struct pe_node *node, bool optional);
static void start_fn(struct pe_resource *rsc, struct pe_node *node, bool optional);
static void promote_fn(struct pe_resource *rsc, struct pe_node *node, bool optional);
static void demote_fn(struct pe_resource *rsc, struct pe_node *node, bool optional);

/* The next role on the way from one role to another. */
static const enum pe_role role_step[5][5] = {
	[PE_ROLE_UNKNOWN] = { PE_ROLE_UNKNOWN, PE_ROLE_STOPPED, PE_ROLE_STOPPED, PE_ROLE_STOPPED,
			      PE_ROLE_STOPPED },
	[PE_ROLE_STOPPED] = { PE_ROLE_STOPPED, PE_ROLE_STOPPED, PE_ROLE_STARTED, PE_ROLE_UNPROMOTED,
			      PE_ROLE_UNPROMOTED },
	[PE_ROLE_STARTED] = { PE_ROLE_STOPPED, PE_ROLE_STOPPED, PE_ROLE_STARTED, PE_ROLE_UNPROMOTED,
			      PE_ROLE_PROMOTED },
	[PE_ROLE_UNPROMOTED] = { PE_ROLE_STOPPED, PE_ROLE_STOPPED, PE_ROLE_STOPPED,
				 PE_ROLE_UNPROMOTED, PE_ROLE_PROMOTED },
	[PE_ROLE_PROMOTED] = { PE_ROLE_STOPPED, PE_ROLE_UNPROMOTED, PE_ROLE_UNPROMOTED,
			       PE_ROLE_UNPROMOTED, PE_ROLE_PROMOTED },
};

/* The action that takes a resource one step. */
static const role_fn role_action[5][5] = {
	[PE_ROLE_STOPPED] = { NULL, NULL, start_fn, start_fn, NULL },
	[PE_ROLE_STARTED] = { NULL, stop_fn, NULL, NULL, promote_fn },
	[PE_ROLE_UNPROMOTED] = { NULL, stop_fn, stop_fn, NULL, promote_fn },
	[PE_ROLE_PROMOTED] = { NULL, demote_fn, demote_fn, demote_fn, NULL },
};

static struct pe_action *rsc_action(struct pe_resource *rsc, const char *task, struct pe_node *node,
				    bool optional)
{
	char *key = pe_op_key(rsc->id, task, 0);
	struct pe_action *a = pe_action_custom(rsc->cluster, rsc, key, task, node, optional);

	g_free(key);
	return a;
}

struct pe_action *pe_rsc_stop(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	return rsc_action(rsc, "stop", node, optional);
}

struct pe_action *pe_rsc_start(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	return rsc_action(rsc, "start", node, optional);
}

static void stop_fn(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	(void)node;
	for (guint i = 0; i < rsc->running_on->len; i++) {
		struct pe_node *cur = rsc->running_on->pdata[i];
		struct pe_action *stop;

		if (rsc->partial_migration_target != NULL) {
			if (cur == rsc->partial_migration_target && cur == rsc->assigned) {
				continue;
			}
			optional = false;
		}
		stop = pe_rsc_stop(rsc, cur, optional);
		if (rsc->assigned == NULL) {
			stop->reason = "node availability";
		}
		if (!rsc->managed) {
			stop->flags &= ~PE_ACT_RUNNABLE;
		}
	}
}

static void start_fn(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	struct pe_action *start;

	if (node == NULL) {
		return;
	}
	start = pe_rsc_start(rsc, node, true);
	if ((start->flags & PE_ACT_RUNNABLE) && !optional) {
		start->flags &= ~PE_ACT_OPTIONAL;
	}
}

static void promote_fn(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	bool runnable = true;
	GPtrArray *starts;
	char *key;

	if (node == NULL) {
		return;
	}
	key = pe_op_key(rsc->id, "start", 0);
	starts = pe_rsc_actions_by_key(rsc, key, node);
	for (guint i = 0; i < starts->len; i++) {
		struct pe_action *s = starts->pdata[i];

		runnable = runnable && (s->flags & PE_ACT_RUNNABLE);
	}
	g_ptr_array_free(starts, TRUE);
	g_free(key);
	if (runnable) {
		rsc_action(rsc, "promote", node, optional);
	} else {
		struct pe_action *p = rsc_action(rsc, "promote", node, true);

		p->flags &= ~PE_ACT_RUNNABLE;
	}
}

static void demote_fn(struct pe_resource *rsc, struct pe_node *node, bool optional)
{
	(void)node;
	for (guint i = 0; i < rsc->running_on->len; i++) {
		rsc_action(rsc, "demote", rsc->running_on->pdata[i], optional);
	}
}

static void restart_actions(struct pe_resource *rsc, struct pe_node *current, bool need_stop,
			    bool need_promote)
{
	enum pe_role role = rsc->role;

	while (role != PE_ROLE_STOPPED) {
		enum pe_role next = role_step[role][PE_ROLE_STOPPED];
		role_fn fn = role_action[role][next];

		if (fn == NULL) {
			break;
		}
		fn(rsc, current, !need_stop);
		role = next;
	}
	while (rsc->role <= rsc->next_role && role != rsc->role && !rsc->blocked) {
		enum pe_role next = role_step[role][rsc->role];
		role_fn fn = role_action[role][next];
		bool required = need_stop || (next == PE_ROLE_PROMOTED && need_promote);

		if (fn == NULL) {
			break;
		}
		fn(rsc, rsc->assigned, !required);
		role = next;
	}
}

static void role_transition_actions(struct pe_resource *rsc)
{
	enum pe_role role = rsc->role;

	while (role != rsc->next_role) {
		enum pe_role next = role_step[role][rsc->next_role];
		role_fn fn = role_action[role][next];

		if (fn == NULL) {
			break;
		}
		fn(rsc, rsc->assigned, false);
		role = next;
	}
}

void pe_primitive_create_actions(struct pe_resource *rsc)
{
	struct pe_node *current = pe_rsc_current_node(rsc);
	bool need_stop = false;
	bool need_promote = false;
	bool moving = false;

	if (rsc->next_role == PE_ROLE_UNKNOWN) {
		rsc->next_role = rsc->assigned == NULL ? PE_ROLE_STOPPED : PE_ROLE_STARTED;
	}
	if (current != NULL && rsc->assigned != NULL && current != rsc->assigned &&
	    rsc->next_role >= PE_ROLE_STARTED) {
		moving = true;
		need_stop = true;
	}
	if (rsc->running_on->len > 1) {
		rsc->multiply_active = true;
		need_stop = true;
	}
	if (rsc->start_pending && rsc->assigned != NULL) {
		struct pe_action *s = pe_rsc_start(rsc, rsc->assigned, true);

		s->flags |= PE_ACT_ALWAYS_IN_GRAPH;
	}
	if (moving) {
		/* Nothing else matters for a resource that is moving. */
	} else if (rsc->failed) {
		if (rsc->stop_if_failed) {
			need_stop = true;
		} else if (rsc->next_role == PE_ROLE_PROMOTED) {
			need_promote = true;
		}
	} else if (rsc->blocked) {
		need_stop = true;
	} else if (rsc->role > PE_ROLE_STARTED && current != NULL && rsc->assigned != NULL) {
		struct pe_action *s = pe_rsc_start(rsc, rsc->assigned, true);

		if (!(s->flags & PE_ACT_OPTIONAL)) {
			need_stop = true;
		}
	}
	restart_actions(rsc, current, need_stop, need_promote);
	role_transition_actions(rsc);
	pe_recurring_create(rsc);
}

void pe_primitive_internal_constraints(struct pe_resource *rsc)
{
	struct pe_cluster *c = rsc->cluster;
	struct pe_resource *top = pe_rsc_top(rsc);

	if (!rsc->managed) {
		return;
	}
	pe_order_rsc_actions(c, rsc, "stop", rsc, "start",
			     PE_ORD_OPTIONAL | PE_ORD_IMPLIES_THEN | PE_ORD_RESTART);
	if (top->promotable || rsc->role > PE_ROLE_UNPROMOTED) {
		pe_order_rsc_actions(c, rsc, "demote", rsc, "stop", PE_ORD_PROMOTED_IMPLIES_FIRST);
		pe_order_rsc_actions(c, rsc, "start", rsc, "promote", PE_ORD_RUNNABLE_LEFT);
	}
	pe_utilization_constraints(rsc);
}
