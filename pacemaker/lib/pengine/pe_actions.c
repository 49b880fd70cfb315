/*
 * Actions: creation, look-up by key and node, and whether an action can
 * run where it is placed.  Every action of a run is indexed by
 * "key\nnode-id" so that finding one is a hash look-up, not a scan.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

char *pe_op_key(const char *rsc_id, const char *task, unsigned int interval_ms)
{
	return g_strdup_printf("%s_%s_%u", rsc_id, task, interval_ms);
}

char *pe_notify_key(const char *rsc_id, const char *type, const char *task)
{
	return g_strdup_printf("%s_%s_notify_%s_0", rsc_id, type, task);
}

static char *index_key(const char *key, const struct pe_node *node)
{
	return g_strdup_printf("%s\n%s", key, node == NULL ? "" : node->id);
}

struct pe_action *pe_action_find(struct pe_cluster *c, const char *key, const struct pe_node *node)
{
	char *k = index_key(key, node);
	struct pe_action *a = g_hash_table_lookup(c->action_by_key, k);

	g_free(k);
	return a;
}

GPtrArray *pe_rsc_actions_by_key(const struct pe_resource *rsc, const char *key,
				 const struct pe_node *node)
{
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; i < rsc->actions->len; i++) {
		struct pe_action *a = rsc->actions->pdata[i];

		if (strcmp(a->uuid, key) == 0 && (node == NULL || a->node == node)) {
			g_ptr_array_add(out, a);
		}
	}
	return out;
}

void pe_action_set_flag(struct pe_action *a, unsigned int flag, bool on)
{
	if (on) {
		a->flags |= flag;
	} else {
		a->flags &= ~flag;
	}
}

bool pe_action_is_stop(const struct pe_action *a)
{
	return strcmp(a->task, "stop") == 0;
}

static bool task_is(const struct pe_action *a, const char *task)
{
	return strcmp(a->task, task) == 0;
}

/* Whether the cluster lets this resource action run (quorum, node state). */
static void runnable_update(struct pe_cluster *c, struct pe_action *a)
{
	struct pe_resource *rsc = a->rsc;
	bool starting = task_is(a, "start") || task_is(a, "promote") || task_is(a, "migrate_to") ||
			task_is(a, "migrate_from");

	if (a->flags & PE_ACT_PSEUDO) {
		return;
	}
	if (a->node == NULL) {
		pe_action_set_flag(a, PE_ACT_RUNNABLE, false);
		return;
	}
	if (!a->node->online) {
		/* Only fencing can complete a stop there. */
		pe_action_set_flag(a, PE_ACT_RUNNABLE, false);
		if (rsc != NULL && rsc->managed && pe_action_is_stop(a) && !a->node->unclean) {
			pe_node_fence(a->node, "stop is unrunnable");
		}
		return;
	}
	if (a->node->pending) {
		pe_action_set_flag(a, PE_ACT_RUNNABLE, false);
		return;
	}
	pe_action_set_flag(a, PE_ACT_RUNNABLE, true);
	if (!starting || rsc == NULL || !rsc->requires_quorum || c->have_quorum) {
		return;
	}
	if (c->no_quorum_policy == PE_NOQ_IGNORE) {
		return;
	}
	if (c->no_quorum_policy == PE_NOQ_FREEZE && rsc->running_on->len > 0 &&
	    task_is(a, "start")) {
		return;
	}
	pe_action_set_flag(a, PE_ACT_RUNNABLE, false);
}

const char *pe_op_timeout(const struct pe_cluster *c, xmlNode *op_config)
{
	const char *timeout = pcmk_xml_attr(op_config, "timeout");
	xmlNode *meta;

	if (timeout != NULL || c->op_defaults_xml == NULL) {
		return timeout;
	}
	meta = pcmk_xml_first_child(c->op_defaults_xml, "meta_attributes");
	for (xmlNode *nv = pcmk_xml_first_child(meta, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		if (g_strcmp0(pcmk_xml_attr(nv, "name"), "timeout") == 0) {
			timeout = pcmk_xml_attr(nv, "value");
		}
	}
	return timeout;
}

static void meta_defaults(struct pe_cluster *c, struct pe_action *a)
{
	xmlNode *op = NULL;
	const char *timeout = NULL;

	if (a->rsc != NULL) {
		op = pe_rsc_op_config(a->rsc, strcmp(a->task, "notify") == 0 ? "notify" : a->task,
				      a->interval_ms);
	}
	a->op_xml = op;
	timeout = pe_op_timeout(c, op);
	if (timeout == NULL && a->rsc != NULL && a->interval_ms == 0 &&
	    strcmp(a->task, "monitor") == 0) {
		/* A probe takes the timeout of the resource's first monitor. */
		for (guint i = 0; i < a->rsc->ops_xml->len && timeout == NULL; i++) {
			xmlNode *o = a->rsc->ops_xml->pdata[i];

			if (g_strcmp0(pcmk_xml_attr(o, "name"), "monitor") == 0) {
				timeout = pcmk_xml_attr(o, "timeout");
			}
		}
	}
	if (a->rsc != NULL) {
		long long ms = pcmk_parse_ms_or(timeout, 20000);

		g_hash_table_replace(a->meta, g_strdup("timeout"), g_strdup_printf("%lld", ms));
	}
}

static unsigned int interval_of_key(const char *key)
{
	const char *u = strrchr(key, '_');

	return u == NULL ? 0 : (unsigned int)strtoul(u + 1, NULL, 10);
}

/* A cancellation shares its key with the operation it cancels. */
static char *action_index(const char *key, const char *task, const struct pe_node *node)
{
	if (strcmp(task, "cancel") == 0) {
		char *k = g_strdup_printf("cancel %s", key);
		char *out = index_key(k, node);

		g_free(k);
		return out;
	}
	return index_key(key, node);
}

static void runnable_update(struct pe_cluster *c, struct pe_action *a);

/* An action made before its resource was placed (a restart required by a
 * changed definition) becomes the action on the node it is now asked
 * for. */
static struct pe_action *adopt_nodeless(struct pe_cluster *c, const char *key, const char *task,
					struct pe_node *node)
{
	char *k = action_index(key, task, NULL);
	struct pe_action *a = g_hash_table_lookup(c->action_by_key, k);

	if (a != NULL) {
		g_hash_table_remove(c->action_by_key, k);
		a->node = node;
		g_hash_table_insert(c->action_by_key, action_index(key, task, node), a);
		if (a->rsc->variant == PE_PRIMITIVE && !(a->flags & PE_ACT_PSEUDO)) {
			bool optional = (a->flags & PE_ACT_OPTIONAL) != 0;

			runnable_update(c, a);
			pe_action_set_flag(a, PE_ACT_OPTIONAL, optional);
		}
	}
	g_free(k);
	return a;
}

struct pe_action *pe_cancel_action(struct pe_resource *rsc, const char *task,
				   unsigned int interval_ms, struct pe_node *node)
{
	char *key = pe_op_key(rsc->id, task, interval_ms);
	char *k = action_index(key, "cancel", node);
	struct pe_action *a = g_hash_table_lookup(rsc->cluster->action_by_key, k);

	g_free(k);
	if (a == NULL) {
		a = pe_action_custom(rsc->cluster, rsc, key, "cancel", node, false);
		a->cancel_task = g_strdup(task);
		a->interval_ms = interval_ms;
		g_hash_table_replace(a->meta, g_strdup("operation"), g_strdup(task));
		g_hash_table_replace(a->meta, g_strdup("interval"),
				     g_strdup_printf("%u", interval_ms));
	}
	g_free(key);
	return a;
}

struct pe_action *pe_action_custom(struct pe_cluster *c, struct pe_resource *rsc, const char *key,
				   const char *task, struct pe_node *node, bool optional)
{
	char *k = action_index(key, task, node);
	struct pe_action *a = g_hash_table_lookup(c->action_by_key, k);

	g_free(k);
	if (a == NULL && node != NULL && rsc != NULL) {
		a = adopt_nodeless(c, key, task, node);
	}

	if (a != NULL) {
		if (!optional) {
			pe_action_set_flag(a, PE_ACT_OPTIONAL, false);
		}
		return a;
	}
	a = g_new0(struct pe_action, 1);
	a->id = c->next_action_id++;
	a->uuid = g_strdup(key);
	a->task = g_strdup(task);
	a->interval_ms = rsc == NULL ? 0 : interval_of_key(key);
	a->rsc = rsc;
	a->node = node;
	a->flags = PE_ACT_RUNNABLE | (optional ? PE_ACT_OPTIONAL : 0);
	a->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	a->before = g_array_new(FALSE, FALSE, sizeof(struct pe_action_edge));
	a->after = g_array_new(FALSE, FALSE, sizeof(struct pe_action_edge));
	g_ptr_array_add(c->actions, a);
	g_hash_table_insert(c->action_by_key, action_index(key, task, node), a);
	if (rsc != NULL) {
		g_ptr_array_add(rsc->actions, a);
		meta_defaults(c, a);
		if (rsc->variant != PE_PRIMITIVE) {
			a->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
		} else {
			runnable_update(c, a);
		}
		/* An unmanaged resource's one-time actions are only ever optional
		 * (they stay runnable: they are simply never sent). */
		if (!rsc->managed && rsc->variant == PE_PRIMITIVE && a->interval_ms == 0 &&
		    a->node != NULL) {
			a->flags |= PE_ACT_OPTIONAL;
		}
	}
	return a;
}

void pe_action_free(struct pe_action *a)
{
	g_free(a->uuid);
	g_free(a->task);
	g_free(a->cancel_task);
	g_hash_table_destroy(a->meta);
	if (a->extra != NULL) {
		g_hash_table_destroy(a->extra);
	}
	g_array_free(a->before, TRUE);
	g_array_free(a->after, TRUE);
	g_free(a);
}

struct pe_action *pe_rsc_pseudo_action(struct pe_resource *rsc, const char *task, bool optional)
{
	char *key = pe_op_key(rsc->id, task, 0);
	struct pe_action *a = pe_action_custom(rsc->cluster, rsc, key, task, NULL, optional);

	a->flags |= PE_ACT_PSEUDO | PE_ACT_RUNNABLE;
	g_free(key);
	return a;
}
