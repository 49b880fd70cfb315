/*
 * What changed in the configuration since the history was written: an
 * operation no longer configured is cancelled, a resource whose agent
 * changed (or an orphan) has its history deleted, and parameters whose
 * digest no longer matches restart the resource or reschedule the
 * monitor.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>
#include <crm/pengine/digest.h>
#include <crm/pengine/rules.h>

#include "pe_sched_private.h"

static void delete_history(struct pe_resource *rsc, struct pe_node *node)
{
	char *key;

	if (rsc->failed || node == NULL || node->unclean || !node->online) {
		return;
	}
	key = pe_op_key(rsc->id, "delete", 0);
	pe_action_custom(rsc->cluster, rsc, key, "delete", node, false);
	g_free(key);
	pe_order_rsc_actions(rsc->cluster, rsc, "stop", rsc, "delete", PE_ORD_OPTIONAL);
	pe_order_rsc_actions(rsc->cluster, rsc, "delete", rsc, "start", PE_ORD_OPTIONAL);
}

/* The agent recorded in history differs from the configured one. */
static bool agent_changed(const struct pe_resource *rsc, xmlNode *entry)
{
	return g_strcmp0(pcmk_xml_attr(entry, "class"), rsc->klass) != 0 ||
	       g_strcmp0(pcmk_xml_attr(entry, "provider"), rsc->provider) != 0 ||
	       g_strcmp0(pcmk_xml_attr(entry, "type"), rsc->type) != 0;
}

static bool running_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		if (rsc->running_on->pdata[i] == node) {
			return true;
		}
	}
	return false;
}

static gint call_id_cmp(gconstpointer x, gconstpointer y)
{
	long long a = -1, b = -1;

	pcmk_xml_attr_int(*(xmlNode *const *)x, "call-id", &a);
	pcmk_xml_attr_int(*(xmlNode *const *)y, "call-id", &b);
	if (a < 0 && b >= 0) {
		return 1;
	}
	if (b < 0 && a >= 0) {
		return -1;
	}
	return a < b ? -1 : (a > b ? 1 : 0);
}

/* Index of the operation the resource's current run started with (-1 when
 * it is stopped since). */
static int active_since(GPtrArray *ops)
{
	int start = -1, stop = -1, implied_monitor = -1, implied_clone = -1;

	for (guint i = 0; i < ops->len; i++) {
		xmlNode *op = ops->pdata[i];
		const char *task = pcmk_xml_attr(op, "operation");
		long long status = 0, rc = 0;

		pcmk_xml_attr_int(op, "op-status", &status);
		pcmk_xml_attr_int(op, "rc-code", &rc);
		if (task == NULL) {
			continue;
		}
		if (strcmp(task, "stop") == 0 && status == 0) {
			stop = (int)i;
		} else if (strcmp(task, "start") == 0 || strcmp(task, "migrate_from") == 0) {
			start = (int)i;
		} else if (implied_monitor <= stop && strcmp(task, "monitor") == 0 &&
			   (rc == 0 || rc == 8)) {
			implied_monitor = (int)i;
		} else if (strcmp(task, "promote") == 0 || strcmp(task, "demote") == 0) {
			implied_clone = (int)i;
		}
	}
	if (start == -1) {
		start = implied_clone != -1 ? implied_clone : implied_monitor;
	}
	return start < stop ? -1 : start;
}

static GHashTable *op_params_of(struct pe_cluster *c, xmlNode *op_config)
{
	GHashTable *params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	struct pe_rule_input in;

	if (op_config != NULL) {
		pe_rule_input_for_node(c, NULL, &in);
		pe_nvpair_sets_unpack(op_config, "instance_attributes", &in, params, NULL, false);
	}
	return params;
}

static void restart_required(struct pe_resource *rsc, const char *task)
{
	char *key = pe_op_key(rsc->id, task, 0);
	struct pe_action *a = pe_action_custom(rsc->cluster, rsc, key, task, NULL, false);

	a->reason = "resource definition change";
	g_free(key);
}

static void definition_changed(struct pe_resource *rsc, struct pe_node *node, xmlNode *op,
			       const char *task, unsigned int interval_ms)
{
	struct pe_cluster *c = rsc->cluster;
	const char *config_task = interval_ms == 0 ? "start" : task;
	xmlNode *config = pe_rsc_op_config(rsc, config_task, interval_ms);
	GHashTable *op_params = op_params_of(c, config);
	const char *timeout = pe_op_timeout(c, config);
	char *timeout_ms = NULL;
	unsigned int flags = (c->sanitized ? PE_DIGEST_SANITIZED : 0) |
			     (rsc->is_fencing ? PE_DIGEST_FENCE_DEVICE : 0);
	enum pe_digest_result r;

	if (timeout != NULL) {
		timeout_ms = g_strdup_printf("%lld", pcmk_parse_ms_or(timeout, -1));
	}
	r = pe_op_digest_compare_full(op, rsc->params, op_params, timeout_ms,
				      pcmk_xml_attr(c->cib, "crm_feature_set"), flags);
	g_free(timeout_ms);
	g_hash_table_destroy(op_params);
	if (r == PE_DIGEST_RESTART) {
		restart_required(rsc, interval_ms == 0 ? "start" : task);
	} else if (r == PE_DIGEST_ALL || r == PE_DIGEST_UNKNOWN) {
		if (interval_ms > 0) {
			char *key = pe_op_key(rsc->id, task, interval_ms);
			struct pe_action *mon = pe_action_custom(c, rsc, key, task, node, true);

			mon->flags |= PE_ACT_RESCHEDULE;
			g_free(key);
		} else {
			restart_required(rsc, "start");
		}
	}
}

static void check_op(struct pe_resource *rsc, struct pe_node *node, xmlNode *op)
{
	const char *task = pcmk_xml_attr(op, "operation");
	long long interval = 0;

	pcmk_xml_attr_int(op, "interval", &interval);
	if (task == NULL) {
		return;
	}
	if (interval > 0 && (rsc->maintenance || node->maintenance)) {
		pe_cancel_action(rsc, task, (unsigned int)interval, node);
		return;
	}
	if (interval == 0 && strcmp(task, "monitor") != 0 && strcmp(task, "start") != 0 &&
	    strcmp(task, "promote") != 0 && strcmp(task, "migrate_from") != 0) {
		return;
	}
	if (interval > 0 && pe_rsc_op_config(rsc, task, (unsigned int)interval) == NULL) {
		if (rsc->cluster->stop_orphan_actions) {
			struct pe_action *cancel =
				pe_cancel_action(rsc, task, (unsigned int)interval, node);
			const char *call_id = pcmk_xml_attr(op, "call-id");

			if (call_id != NULL) {
				g_hash_table_replace(cancel->meta, g_strdup("call_id"),
						     g_strdup(call_id));
			}
		}
		return;
	}
	if (interval == 0 && strcmp(task, "monitor") == 0) {
		task = "start";
	}
	definition_changed(rsc, node, op, task, (unsigned int)interval);
}

static void check_entry(struct pe_resource *rsc, struct pe_node *node, xmlNode *entry)
{
	GPtrArray *ops;
	int since;

	if (rsc->orphan) {
		struct pe_resource *top = pe_rsc_top(rsc);

		if (top == rsc || top->variant != PE_CLONE || top->unique) {
			delete_history(rsc, node);
		}
		return;
	}
	if (!running_on(rsc, node)) {
		if (agent_changed(rsc, entry)) {
			delete_history(rsc, node);
		}
		return;
	}
	if (agent_changed(rsc, entry)) {
		delete_history(rsc, node);
	}
	ops = g_ptr_array_new();
	for (xmlNode *op = pcmk_xml_first_child(entry, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		g_ptr_array_add(ops, op);
	}
	g_ptr_array_sort(ops, call_id_cmp);
	since = active_since(ops);
	for (guint i = 0; since >= 0 && i < ops->len; i++) {
		if ((int)i >= since) {
			check_op(rsc, node, ops->pdata[i]);
		}
	}
	g_ptr_array_free(ops, TRUE);
}

/* Primitives by the name history knows them by: their id, or for
 * anonymous instances the name found in history. */
static GHashTable *history_names(struct pe_cluster *c)
{
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
						  (GDestroyNotify)g_ptr_array_unref);

	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];
		const char *keys[2] = { rsc->id, rsc->history_id };

		if (rsc->variant != PE_PRIMITIVE) {
			continue;
		}
		for (int k = 0; k < 2 && keys[k] != NULL; k++) {
			GPtrArray *list = g_hash_table_lookup(names, keys[k]);

			if (list == NULL) {
				list = g_ptr_array_new();
				g_hash_table_insert(names, (gpointer)keys[k], list);
			}
			if (list->len == 0 || list->pdata[list->len - 1] != rsc) {
				g_ptr_array_add(list, rsc);
			}
		}
	}
	return names;
}

void pe_config_changes_check(struct pe_cluster *c)
{
	xmlNode *status = pcmk_xml_first_child(c->cib, "status");
	GHashTable *names = history_names(c);

	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = pe_node_find_id(c, pcmk_xml_attr(s, "id"));
		xmlNode *lrm =
			pcmk_xml_first_child(pcmk_xml_first_child(s, "lrm"), "lrm_resources");

		if (node == NULL || (!pe_node_available(node) && !node->maintenance) ||
		    !(node->online || c->stonith_enabled)) {
			continue;
		}
		for (xmlNode *e = pcmk_xml_first_child(lrm, "lrm_resource"); e != NULL;
		     e = pcmk_xml_next(e, true)) {
			const char *id = pcmk_xml_attr(e, "id");
			GPtrArray *list = id == NULL ? NULL : g_hash_table_lookup(names, id);

			if (pcmk_xml_first_child(e, NULL) == NULL) {
				continue;
			}
			for (guint i = 0; list != NULL && i < list->len; i++) {
				check_entry(list->pdata[i], node, e);
			}
		}
	}
	g_hash_table_destroy(names);
}
