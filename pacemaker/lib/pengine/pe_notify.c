/*
 * Clone notifications (notify=true): around each start, stop, promote and
 * demote of a clone, pseudo-actions pre/confirmed-pre and
 * post/confirmed-post, and a "notify" operation on every instance that is
 * active before (pre) or after (post) the change.
 */
#include <string.h>

#include "pe_sched_private.h"

struct notify_set {
	const char *task;
	struct pe_action *pre;
	struct pe_action *pre_done;
	struct pe_action *post;
	struct pe_action *post_done;
};

static struct pe_action *clone_action(struct pe_resource *clone, const char *task)
{
	char *key = pe_op_key(clone->id, task, 0);
	struct pe_action *a = pe_action_find(clone->cluster, key, NULL);

	g_free(key);
	return a;
}

static struct pe_action *notify_pseudo(struct pe_resource *clone, struct pe_action *action,
				       const char *type, const char *task)
{
	bool confirm = strncmp(type, "confirmed", 9) == 0;
	char *key = pe_notify_key(clone->id, type, action->task);
	struct pe_action *a =
		pe_action_custom(clone->cluster, clone, key, confirm ? "notified" : "notify", NULL,
				 (action->flags & PE_ACT_OPTIONAL) != 0);

	a->flags |= PE_ACT_PSEUDO;
	g_hash_table_replace(a->meta, g_strdup("notify_type"),
			     g_strdup(strstr(type, "pre") != NULL ? "pre" : "post"));
	g_hash_table_replace(a->meta, g_strdup("notify_operation"), g_strdup(task));
	g_hash_table_replace(a->meta, g_strdup("notify_key_type"), g_strdup(type));
	g_hash_table_replace(a->meta, g_strdup("notify_key_operation"), g_strdup(action->task));
	g_free(key);
	return a;
}

static void set_runnable(struct pe_action *a, const struct pe_action *like)
{
	if (like->flags & PE_ACT_RUNNABLE) {
		a->flags |= PE_ACT_RUNNABLE;
	} else {
		a->flags &= ~PE_ACT_RUNNABLE;
	}
}

/* The clone-level pseudo-actions around @task (start: start/running). */
static void notify_set_create(struct pe_resource *clone, struct notify_set *n, const char *task,
			      const char *done_task)
{
	struct pe_action *action = clone_action(clone, task);
	struct pe_action *complete = clone_action(clone, done_task);

	memset(n, 0, sizeof(*n));
	n->task = task;
	if (action != NULL) {
		n->pre = notify_pseudo(clone, action, "pre", task);
		n->pre_done = notify_pseudo(clone, action, "confirmed-pre", task);
		pe_order_actions(n->pre, n->pre_done, PE_ORD_OPTIONAL);
	}
	if (complete != NULL) {
		n->post = notify_pseudo(clone, complete, "post", task);
		n->post_done = notify_pseudo(clone, complete, "confirmed-post", task);
		n->post->priority = PE_INFINITY;
		n->post_done->priority = PE_INFINITY;
		set_runnable(n->post, complete);
		set_runnable(n->post_done, complete);
		pe_order_actions(n->post, n->post_done, PE_ORD_IMPLIES_THEN);
	}
	if (action != NULL && complete != NULL) {
		pe_order_actions(n->pre_done, n->post, PE_ORD_IMPLIES_THEN);
	}
	if (action != NULL) {
		pe_order_actions(n->pre_done, action, PE_ORD_OPTIONAL);
	}
	if (complete != NULL) {
		pe_order_actions(complete, n->post, PE_ORD_IMPLIES_THEN);
	}
}

static struct pe_action *instance_notify(struct pe_resource *rsc, struct pe_node *node,
					 struct pe_action *op, struct pe_action *confirm)
{
	const char *type, *task;
	struct pe_action *n;
	char *key;

	if (node == NULL || op == NULL || confirm == NULL || !node->online ||
	    !(op->flags & PE_ACT_RUNNABLE)) {
		return NULL;
	}
	type = g_hash_table_lookup(op->meta, "notify_type");
	task = g_hash_table_lookup(op->meta, "notify_operation");
	key = pe_notify_key(rsc->id, type, task);
	n = pe_action_custom(rsc->cluster, rsc, key, "notify", node,
			     (op->flags & PE_ACT_OPTIONAL) != 0);
	g_free(key);
	g_hash_table_replace(n->meta, g_strdup("notify_type"), g_strdup(type));
	g_hash_table_replace(n->meta, g_strdup("notify_operation"), g_strdup(task));
	pe_order_actions(op, n, PE_ORD_OPTIONAL);
	pe_order_actions(n, confirm, PE_ORD_OPTIONAL);
	return n;
}

static void instance_post_notify(struct pe_resource *rsc, struct pe_node *node,
				 struct notify_set *n)
{
	struct pe_action *a = instance_notify(rsc, node, n->post, n->post_done);

	if (a != NULL) {
		a->priority = PE_INFINITY;
	}
	if (n->post_done == NULL) {
		return;
	}
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *mon = rsc->actions->pdata[i];

		if (mon->interval_ms > 0 && strcmp(mon->task, "cancel") != 0) {
			pe_order_actions(n->post_done, mon, PE_ORD_OPTIONAL);
		}
	}
}

static struct pe_action *first_action(const struct pe_resource *rsc, const char *task)
{
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (a->interval_ms == 0 && strcmp(a->task, task) == 0) {
			return a;
		}
	}
	return NULL;
}

static void down_notifies(struct pe_resource *rsc, struct notify_set *n, bool demote)
{
	struct pe_action *stop = first_action(rsc, "stop");

	for (guint i = 0; i < rsc->running_on->len; i++) {
		struct pe_node *node = rsc->running_on->pdata[i];

		if (stop != NULL && (stop->flags & PE_ACT_PSEUDO) && node->unclean) {
			continue;
		}
		instance_notify(rsc, node, n->pre, n->pre_done);
		if (demote || stop == NULL || (stop->flags & PE_ACT_OPTIONAL)) {
			instance_post_notify(rsc, node, n);
		}
	}
}

static void up_notifies(struct pe_resource *rsc, struct notify_set *n, bool start_task)
{
	struct pe_action *start = first_action(rsc, "start");

	if (start != NULL) {
		struct pe_action *promote = first_action(rsc, "promote");

		/* A promote with no node only stands in for orderings. */
		if ((promote != NULL && promote->node != NULL &&
		     !(promote->flags & PE_ACT_RUNNABLE)) ||
		    !(start->flags & PE_ACT_RUNNABLE)) {
			return;
		}
	}
	if (rsc->assigned == NULL) {
		return;
	}
	if (!start_task || start == NULL || (start->flags & PE_ACT_OPTIONAL)) {
		instance_notify(rsc, rsc->assigned, n->pre, n->pre_done);
	}
	instance_post_notify(rsc, rsc->assigned, n);
}

/* Whether any instance has a required @task. */
static bool any_required(const struct pe_resource *rsc, const char *task)
{
	for (guint i = 0; i < rsc->actions->len; i++) {
		const struct pe_action *a = rsc->actions->pdata[i];

		if (a->node != NULL && a->interval_ms == 0 && strcmp(a->task, task) == 0 &&
		    !(a->flags & PE_ACT_OPTIONAL)) {
			return true;
		}
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (any_required(rsc->children->pdata[i], task)) {
			return true;
		}
	}
	return false;
}

static void instance_notifies(struct pe_resource *rsc, struct notify_set *n, bool needed)
{
	bool down = strcmp(n->task, "stop") == 0 || strcmp(n->task, "demote") == 0;

	if (rsc->children->len > 0) {
		for (guint i = 0; i < rsc->children->len; i++) {
			instance_notifies(rsc->children->pdata[i], n, needed);
		}
		return;
	}
	if (!needed && !down) {
		return;
	}
	if (rsc->role != PE_ROLE_STOPPED && down) {
		down_notifies(rsc, n, strcmp(n->task, "demote") == 0);
	}
	if (rsc->next_role != PE_ROLE_STOPPED && !down) {
		up_notifies(rsc, n, strcmp(n->task, "start") == 0);
	}
}

/* Before the flags are settled: the clone-level pseudo-actions. */
void pe_notify_pseudo_create(struct pe_resource *clone)
{
	struct notify_set start, stop, promote, demote;

	if (!clone->notify || clone->variant != PE_CLONE) {
		return;
	}
	notify_set_create(clone, &start, "start", "running");
	notify_set_create(clone, &stop, "stop", "stopped");
	if (start.pre != NULL && stop.post_done != NULL) {
		pe_order_actions(stop.post_done, start.pre, PE_ORD_OPTIONAL);
	}
	if (!clone->promotable) {
		return;
	}
	notify_set_create(clone, &promote, "promote", "promoted");
	notify_set_create(clone, &demote, "demote", "demoted");
	pe_order_actions(stop.post_done, promote.pre, PE_ORD_OPTIONAL);
	pe_order_actions(start.post_done, promote.pre, PE_ORD_OPTIONAL);
	pe_order_actions(demote.post_done, promote.pre, PE_ORD_OPTIONAL);
	pe_order_actions(demote.post_done, start.pre, PE_ORD_OPTIONAL);
	pe_order_actions(demote.post_done, stop.pre, PE_ORD_OPTIONAL);
}

static void notify_set_find(struct pe_resource *clone, struct notify_set *n, const char *task,
			    const char *done_task)
{
	char *k;

	memset(n, 0, sizeof(*n));
	n->task = task;
	k = pe_notify_key(clone->id, "pre", task);
	n->pre = pe_action_find(clone->cluster, k, NULL);
	g_free(k);
	k = pe_notify_key(clone->id, "confirmed-pre", task);
	n->pre_done = pe_action_find(clone->cluster, k, NULL);
	g_free(k);
	k = pe_notify_key(clone->id, "post", done_task);
	n->post = pe_action_find(clone->cluster, k, NULL);
	g_free(k);
	k = pe_notify_key(clone->id, "confirmed-post", done_task);
	n->post_done = pe_action_find(clone->cluster, k, NULL);
	g_free(k);
}

/* After the flags are settled: the instances' notify operations. */
void pe_notify_instances_create(struct pe_resource *clone)
{
	static const char *const tasks[][2] = { { "start", "running" },
						{ "stop", "stopped" },
						{ "promote", "promoted" },
						{ "demote", "demoted" } };

	if (!clone->notify || clone->variant != PE_CLONE) {
		return;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(tasks); i++) {
		struct notify_set n;

		if (i >= 2 && !clone->promotable) {
			break;
		}
		notify_set_find(clone, &n, tasks[i][0], tasks[i][1]);
		if (n.pre == NULL && n.post == NULL) {
			continue;
		}
		instance_notifies(clone, &n, any_required(clone, tasks[i][0]));
	}
}
