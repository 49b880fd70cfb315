/*
 * Recurring monitors: one per configured monitor op whose role matches
 * where the resource is going, needed when the resource starts or the
 * monitor is not already running there (per the history).
 */
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

/* Whether @node's history shows the recurring op @key active after the
 * resource's last start there. */
static bool history_has_active(const struct pe_resource *rsc, const struct pe_node *node,
			       const char *task, unsigned int interval_ms)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		struct pe_rsc_history *h = rsc->history->pdata[i];
		bool found = false;

		if (h->node != node) {
			continue;
		}
		for (guint j = 0; j < h->ops->len; j++) {
			xmlNode *op = h->ops->pdata[j];
			const char *t = pcmk_xml_attr(op, "operation");
			long long ms = 0, status = 0;

			pcmk_xml_attr_int(op, "interval", &ms);
			pcmk_xml_attr_int(op, "op-status", &status);
			if (t == NULL) {
				continue;
			}
			if (ms == 0 && (strcmp(t, "start") == 0 || strcmp(t, "stop") == 0 ||
					strcmp(t, "promote") == 0 || strcmp(t, "demote") == 0 ||
					strcmp(t, "migrate_from") == 0)) {
				found = false;
			} else if ((unsigned int)ms == interval_ms && strcmp(t, task) == 0 &&
				   status != 1) {
				found = true;
			}
		}
		return found;
	}
	return false;
}

static enum pe_role op_role(xmlNode *op)
{
	return pe_role_parse(pcmk_xml_attr(op, "role"));
}

static void order_monitor(struct pe_resource *rsc, struct pe_action *mon)
{
	struct pe_cluster *c = rsc->cluster;
	char *start = pe_op_key(rsc->id, "start", 0);

	pe_order_new(c, rsc, start, NULL, NULL, NULL, mon,
		     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
	g_free(start);
	if (rsc->next_role == PE_ROLE_PROMOTED) {
		char *promote = pe_op_key(rsc->id, "promote", 0);

		pe_order_new(c, rsc, promote, NULL, NULL, NULL, mon,
			     PE_ORD_OPTIONAL | PE_ORD_RUNNABLE_LEFT);
		g_free(promote);
	} else if (rsc->role == PE_ROLE_PROMOTED) {
		char *demote = pe_op_key(rsc->id, "demote", 0);

		pe_order_new(c, rsc, demote, NULL, NULL, NULL, mon,
			     PE_ORD_OPTIONAL | PE_ORD_RUNNABLE_LEFT);
		g_free(demote);
	}
}

/* The call id of the newest history entry of a recurring op. */
static const char *history_call_id(const struct pe_resource *rsc, const struct pe_node *node,
				   unsigned int interval_ms)
{
	const char *id = NULL;

	for (guint i = 0; i < rsc->history->len; i++) {
		struct pe_rsc_history *h = rsc->history->pdata[i];

		for (guint j = 0; h->node == node && j < h->ops->len; j++) {
			xmlNode *op = h->ops->pdata[j];
			long long ms = 0;

			pcmk_xml_attr_int(op, "interval", &ms);
			if ((unsigned int)ms == interval_ms &&
			    g_strcmp0(pcmk_xml_attr(op, "operation"), "monitor") == 0) {
				id = pcmk_xml_attr(op, "call-id");
			}
		}
	}
	return id;
}

/* A monitor for a role the resource is leaving is cancelled before the
 * role changes. */
static void cancel_wrong_role(struct pe_resource *rsc, struct pe_node *node,
			      unsigned int interval_ms, enum pe_role op_role)
{
	const char *after = NULL;
	struct pe_action *cancel;
	const char *call_id;
	char *key;

	if (!history_has_active(rsc, node, "monitor", interval_ms)) {
		return;
	}
	cancel = pe_cancel_action(rsc, "monitor", interval_ms, node);
	if (op_role != PE_ROLE_UNKNOWN) {
		g_hash_table_replace(cancel->meta, g_strdup("role"),
				     g_strdup(pe_role_text(op_role)));
	}
	call_id = history_call_id(rsc, node, interval_ms);
	if (call_id != NULL) {
		g_hash_table_replace(cancel->meta, g_strdup("call_id"), g_strdup(call_id));
	}
	if (rsc->role == PE_ROLE_UNPROMOTED || rsc->role == PE_ROLE_STARTED) {
		after = rsc->next_role == PE_ROLE_PROMOTED  ? "promote"
			: rsc->next_role == PE_ROLE_STOPPED ? "stop"
							    : NULL;
	} else if (rsc->role == PE_ROLE_PROMOTED) {
		after = "demote";
	}
	if (after == NULL) {
		return;
	}
	key = pe_op_key(rsc->id, after, 0);
	pe_order_new(rsc->cluster, NULL, NULL, cancel, rsc, key, NULL, PE_ORD_RUNNABLE_LEFT);
	g_free(key);
}

/* Whether the monitor may stay as it is: the resource is not (re)started
 * here and the monitor already runs (per the history). */
static bool monitor_already_running(struct pe_resource *rsc, struct pe_node *node,
				    struct pe_action *start, unsigned int interval_ms)
{
	struct pe_action *old;
	char *key;

	if (start != NULL && !(start->flags & PE_ACT_OPTIONAL)) {
		return false;
	}
	if (!history_has_active(rsc, node, "monitor", interval_ms)) {
		return false;
	}
	key = pe_op_key(rsc->id, "monitor", interval_ms);
	old = pe_action_find(rsc->cluster, key, node);
	g_free(key);
	return old == NULL || !(old->flags & PE_ACT_RESCHEDULE);
}

static void monitor_for_active(struct pe_resource *rsc, xmlNode *op, unsigned int interval_ms)
{
	struct pe_node *node = rsc->assigned;
	enum pe_role role = op_role(op);
	struct pe_action *start;
	struct pe_action *mon;
	char *key;
	bool optional;

	if (node == NULL || role == PE_ROLE_STOPPED) {
		return;
	}
	key = pe_op_key(rsc->id, "start", 0);
	start = pe_action_find(rsc->cluster, key, node);
	g_free(key);
	optional = monitor_already_running(rsc, node, start, interval_ms);
	/* A monitor with no role is for the unpromoted (or started) role. */
	if ((role != PE_ROLE_UNKNOWN && role != rsc->next_role) ||
	    (role == PE_ROLE_UNKNOWN && rsc->next_role == PE_ROLE_PROMOTED)) {
		if (optional) {
			cancel_wrong_role(rsc, node, interval_ms, role);
		}
		return;
	}
	key = pe_op_key(rsc->id, "monitor", interval_ms);
	mon = pe_action_custom(rsc->cluster, rsc, key, "monitor", node, optional);
	g_free(key);
	if (role != PE_ROLE_UNKNOWN) {
		g_hash_table_replace(mon->meta, g_strdup("role"), g_strdup(pe_role_text(role)));
	}
	if (role == PE_ROLE_PROMOTED) {
		g_hash_table_replace(mon->meta, g_strdup("op_target_rc"), g_strdup("8"));
	}
	if ((start != NULL && !(start->flags & PE_ACT_RUNNABLE)) || !rsc->managed) {
		mon->flags &= ~PE_ACT_RUNNABLE;
	}
	if (rsc->next_role <= PE_ROLE_STOPPED || !pe_node_available(node)) {
		mon->flags &= ~PE_ACT_RUNNABLE;
	}
	order_monitor(rsc, mon);
}

static void order_before_stopped_monitor(struct pe_resource *rsc, struct pe_node *node,
					 struct pe_action *mon)
{
	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (a->node != node || a->interval_ms != 0) {
			continue;
		}
		if (strcmp(a->task, "monitor") == 0 ||
		    (strcmp(a->task, "stop") == 0 && !(a->flags & PE_ACT_OPTIONAL))) {
			pe_order_actions(a, mon, PE_ORD_RUNNABLE_LEFT);
		}
	}
}

/* Monitors with role Stopped check that the resource is not running on
 * every node where it is not meant to run; where it is about to start, an
 * active one is cancelled first. */
static void monitor_for_inactive(struct pe_resource *rsc, unsigned int interval_ms)
{
	struct pe_cluster *c = rsc->cluster;
	struct pe_node *target = rsc->next_role > PE_ROLE_STOPPED ? rsc->assigned : NULL;
	char *key;

	if (rsc->parent != NULL && pe_rsc_top(rsc)->variant == PE_CLONE &&
	    !pe_rsc_top(rsc)->unique) {
		return; /* not supported for anonymous clones */
	}
	if (target != NULL && history_has_active(rsc, target, "monitor", interval_ms)) {
		struct pe_action *cancel = pe_cancel_action(rsc, "monitor", interval_ms, target);

		g_hash_table_replace(cancel->meta, g_strdup("role"), g_strdup("Stopped"));
		key = pe_op_key(rsc->id, "start", 0);
		pe_order_new(c, NULL, NULL, cancel, rsc, key, NULL, PE_ORD_RUNNABLE_LEFT);
		g_free(key);
	}
	key = pe_op_key(rsc->id, "monitor", interval_ms);
	for (guint i = 0; i < c->nodes->len; i++) {
		struct pe_node *node = c->nodes->pdata[i];
		bool optional = history_has_active(rsc, node, "monitor", interval_ms);
		struct pe_action *mon;

		if (node == target) {
			continue;
		}
		mon = pe_action_custom(c, rsc, key, "monitor", node, optional);
		g_hash_table_replace(mon->meta, g_strdup("op_target_rc"), g_strdup("7"));
		g_hash_table_replace(mon->meta, g_strdup("role"), g_strdup("Stopped"));
		if (rsc->managed) {
			order_before_stopped_monitor(rsc, node, mon);
		} else {
			mon->flags &= ~PE_ACT_RUNNABLE;
		}
		if (!node->online || node->unclean) {
			mon->flags &= ~PE_ACT_RUNNABLE;
		}
	}
	g_free(key);
}

/* Whether more than one monitor op has this interval. */
static bool op_is_duplicate(const struct pe_resource *rsc, unsigned int interval_ms)
{
	int found = 0;

	for (guint i = 0; i < rsc->ops_xml->len; i++) {
		xmlNode *op = rsc->ops_xml->pdata[i];
		unsigned int ms;

		if (g_strcmp0(pcmk_xml_attr(op, "name"), "monitor") == 0 &&
		    pcmk_parse_interval_ms(pcmk_xml_attr(op, "interval"), &ms) == 0 &&
		    ms == interval_ms) {
			found++;
		}
	}
	return found > 1;
}

void pe_recurring_create(struct pe_resource *rsc)
{
	if (rsc->blocked || rsc->maintenance ||
	    (rsc->assigned != NULL && rsc->assigned->maintenance)) {
		return;
	}
	for (guint i = 0; i < rsc->ops_xml->len; i++) {
		xmlNode *op = rsc->ops_xml->pdata[i];
		unsigned int ms = 0;
		const char *enabled = pcmk_xml_attr(op, "enabled");

		(void)pcmk_parse_interval_ms(pcmk_xml_attr(op, "interval"), &ms);
		if (ms == 0 || g_strcmp0(pcmk_xml_attr(op, "name"), "monitor") != 0) {
			continue;
		}
		if (enabled != NULL && !pe_text_is_true(enabled)) {
			continue;
		}
		if (op_is_duplicate(rsc, ms)) {
			continue; /* an invalid configuration: none of them runs */
		}
		if (op_role(op) == PE_ROLE_STOPPED) {
			monitor_for_inactive(rsc, (unsigned int)ms);
		} else {
			monitor_for_active(rsc, op, (unsigned int)ms);
		}
	}
}
