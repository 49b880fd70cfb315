/*
 * The cluster object: construction, look-ups, cluster options and the
 * messages collected for crm_verify.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pe_sched_private.h"

struct option_default {
	const char *name;
	const char *value;
};

/* Cluster options the scheduler reads, with pacemaker 2.1's defaults. */
static const struct option_default option_defaults[] = {
	{ "batch-limit", "0" },
	{ "cluster-delay", "60s" },
	{ "concurrent-fencing", "false" },
	{ "default-resource-stickiness", "0" },
	{ "enable-startup-probes", "true" },
	{ "maintenance-mode", "false" },
	{ "migration-limit", "-1" },
	{ "no-quorum-policy", "stop" },
	{ "node-health-green", "0" },
	{ "node-health-red", "-INFINITY" },
	{ "node-health-strategy", "none" },
	{ "node-health-yellow", "0" },
	{ "placement-strategy", "default" },
	{ "priority-fencing-delay", "0" },
	{ "remove-after-stop", "false" },
	{ "shutdown-lock", "false" },
	{ "start-failure-is-fatal", "true" },
	{ "startup-fencing", "true" },
	{ "stonith-action", "reboot" },
	{ "stonith-enabled", "true" },
	{ "stonith-timeout", "60s" },
	{ "stop-all-resources", "false" },
	{ "stop-orphan-actions", "true" },
	{ "stop-orphan-resources", "true" },
	{ "symmetric-cluster", "true" },
};

const char *pe_cluster_option(const struct pe_cluster *cluster, const char *name)
{
	const char *value = NULL;

	if (cluster->options != NULL) {
		value = g_hash_table_lookup(cluster->options, name);
	}
	if (value != NULL) {
		return value;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(option_defaults); i++) {
		if (strcmp(option_defaults[i].name, name) == 0) {
			return option_defaults[i].value;
		}
	}
	return NULL;
}

static const char *const role_names[] = {
	[PE_ROLE_UNKNOWN] = "Unknown",   [PE_ROLE_STOPPED] = "Stopped",
	[PE_ROLE_STARTED] = "Started",   [PE_ROLE_UNPROMOTED] = "Unpromoted",
	[PE_ROLE_PROMOTED] = "Promoted",
};

const char *pe_role_text(enum pe_role role)
{
	return role_names[role];
}

enum pe_role pe_role_parse(const char *text)
{
	if (text == NULL) {
		return PE_ROLE_UNKNOWN;
	}
	if (g_ascii_strcasecmp(text, "Master") == 0) {
		return PE_ROLE_PROMOTED;
	}
	if (g_ascii_strcasecmp(text, "Slave") == 0) {
		return PE_ROLE_UNPROMOTED;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(role_names); i++) {
		if (g_ascii_strcasecmp(text, role_names[i]) == 0) {
			return (enum pe_role)i;
		}
	}
	return PE_ROLE_UNKNOWN;
}

struct pe_node *pe_node_find(const struct pe_cluster *cluster, const char *uname)
{
	return (uname == NULL) ? NULL : g_hash_table_lookup(cluster->node_by_uname, uname);
}

struct pe_node *pe_node_find_id(const struct pe_cluster *cluster, const char *id)
{
	return (id == NULL) ? NULL : g_hash_table_lookup(cluster->node_by_id, id);
}

struct pe_resource *pe_resource_find(const struct pe_cluster *cluster, const char *id)
{
	return (id == NULL) ? NULL : g_hash_table_lookup(cluster->rsc_by_id, id);
}

void pe_node_fence(struct pe_node *node, const char *reason)
{
	if (!node->unclean && node->fence_reason == NULL) {
		node->fence_reason = g_strdup(reason);
	}
	node->unclean = true;
}

bool pe_node_available(const struct pe_node *node)
{
	return node != NULL && node->online && !node->shutdown && !node->unclean &&
	       !node->standby && !node->maintenance;
}

static void add_message(GPtrArray *list, const char *fmt, va_list ap)
{
	g_ptr_array_add(list, g_strdup_vprintf(fmt, ap));
}

void pe_config_error(struct pe_cluster *cluster, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_message(cluster->config_errors, fmt, ap);
	va_end(ap);
}

void pe_config_warn(struct pe_cluster *cluster, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_message(cluster->config_warnings, fmt, ap);
	va_end(ap);
}

static void node_free(gpointer data)
{
	struct pe_node *node = data;

	g_free(node->id);
	g_free(node->uname);
	g_free(node->fence_reason);
	if (node->attrs != NULL) {
		g_hash_table_destroy(node->attrs);
	}
	if (node->failures != NULL) {
		g_hash_table_destroy(node->failures);
	}
	if (node->utilization != NULL) {
		g_hash_table_destroy(node->utilization);
	}
	g_ptr_array_free(node->running, TRUE);
	g_free(node);
}

static void history_free(gpointer data)
{
	struct pe_rsc_history *h = data;

	g_ptr_array_free(h->ops, TRUE);
	g_free(h);
}

static void bundle_data_free(struct pe_bundle *b)
{
	if (b == NULL) {
		return;
	}
	for (int i = 0; i < b->nreplicas; i++) {
		g_free(b->replicas[i].ipaddr);
	}
	g_free(b->replicas);
	g_free(b->agent);
	g_free(b->image);
	g_free(b);
}

static void rsc_free(gpointer data)
{
	struct pe_resource *rsc = data;

	bundle_data_free(rsc->bundle_data);
	g_free(rsc->id);
	g_free(rsc->base_id);
	g_free(rsc->history_id);
	g_ptr_array_free(rsc->children, TRUE);
	g_hash_table_destroy(rsc->meta);
	g_hash_table_destroy(rsc->params);
	g_hash_table_destroy(rsc->utilization);
	g_ptr_array_free(rsc->running_on, TRUE);
	g_ptr_array_free(rsc->history, TRUE);
	g_free(rsc->scores);
	g_free(rsc->discover);
	g_ptr_array_free(rsc->ops_xml, TRUE);
	g_ptr_array_free(rsc->coloc_this_with, TRUE);
	g_ptr_array_free(rsc->coloc_with_this, TRUE);
	g_ptr_array_free(rsc->actions, TRUE);
	g_free(rsc);
}

struct pe_resource *pe_resource_new(struct pe_cluster *c, const char *id, xmlNode *xml,
				    enum pe_variant variant, struct pe_resource *parent)
{
	struct pe_resource *rsc = g_new0(struct pe_resource, 1);
	const char *colon = strchr(id, ':');

	rsc->id = g_strdup(id);
	rsc->base_id = (colon == NULL) ? g_strdup(id) : g_strndup(id, colon - id);
	rsc->xml = xml;
	rsc->cluster = c;
	rsc->variant = variant;
	rsc->parent = parent;
	rsc->children = g_ptr_array_new();
	rsc->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	rsc->params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	rsc->utilization = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	rsc->running_on = g_ptr_array_new();
	rsc->history = g_ptr_array_new_with_free_func(history_free);
	rsc->ops_xml = g_ptr_array_new();
	rsc->coloc_this_with = g_ptr_array_new();
	rsc->coloc_with_this = g_ptr_array_new();
	rsc->actions = g_ptr_array_new();
	rsc->scores = g_new(int, c->nodes->len + 1);
	rsc->discover = g_new(bool, c->nodes->len + 1);
	for (guint i = 0; i <= c->nodes->len; i++) {
		rsc->scores[i] = PE_SCORE_ABSENT;
		rsc->discover[i] = true;
	}
	rsc->role = PE_ROLE_STOPPED;
	rsc->next_role = PE_ROLE_UNKNOWN;
	rsc->target_role = PE_ROLE_UNKNOWN;
	rsc->provisional = true;
	return rsc;
}

struct pe_resource *pe_resource_alloc(struct pe_cluster *c, const char *id, xmlNode *xml,
				      enum pe_variant variant, struct pe_resource *parent)
{
	struct pe_resource *rsc = pe_resource_new(c, id, xml, variant, parent);

	rsc->index = (int)c->all_resources->len;
	g_ptr_array_add(c->all_resources, rsc);
	g_hash_table_insert(c->rsc_by_id, rsc->id, rsc);
	return rsc;
}

struct pe_node *pe_node_alloc(struct pe_cluster *c, const char *id, const char *uname)
{
	struct pe_node *node = g_new0(struct pe_node, 1);

	node->id = g_strdup(id);
	node->uname = g_strdup(uname);
	node->cluster = c;
	node->index = (int)c->nodes->len;
	node->attrs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	node->utilization = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	node->running = g_ptr_array_new();
	node->unseen = true;
	node->rsc_discovery = true;
	g_ptr_array_add(c->nodes, node);
	g_hash_table_insert(c->node_by_id, node->id, node);
	g_hash_table_insert(c->node_by_uname, node->uname, node);
	return node;
}

static void location_free(gpointer data)
{
	struct pe_location *loc = data;

	g_free(loc->id);
	g_ptr_array_free(loc->node_scores, TRUE);
	g_free(loc);
}

static void colocation_free(gpointer data)
{
	struct pe_colocation *coloc = data;

	g_free(coloc->id);
	g_free(coloc);
}

struct pe_cluster *pe_cluster_alloc(void)
{
	struct pe_cluster *c = g_new0(struct pe_cluster, 1);

	c->options = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	c->rsc_defaults = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	c->nodes = g_ptr_array_new_with_free_func(node_free);
	c->node_by_id = g_hash_table_new(g_str_hash, g_str_equal);
	c->node_by_uname = g_hash_table_new(g_str_hash, g_str_equal);
	c->resources = g_ptr_array_new();
	c->all_resources = g_ptr_array_new_with_free_func(rsc_free);
	c->bundles = g_ptr_array_new_with_free_func(rsc_free);
	c->rsc_by_id = g_hash_table_new(g_str_hash, g_str_equal);
	c->clone_bases = g_hash_table_new(g_str_hash, g_str_equal);
	c->lrm_by_base = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       (GDestroyNotify)g_ptr_array_unref);
	c->locations = g_ptr_array_new_with_free_func(location_free);
	c->colocations = g_ptr_array_new_with_free_func(colocation_free);
	c->orderings_xml = g_ptr_array_new();
	c->tags = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					(GDestroyNotify)g_ptr_array_unref);
	c->config_errors = g_ptr_array_new_with_free_func(g_free);
	c->config_warnings = g_ptr_array_new_with_free_func(g_free);
	c->actions = g_ptr_array_new_with_free_func((GDestroyNotify)pe_action_free);
	c->action_by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->orderings = g_ptr_array_new_with_free_func((GDestroyNotify)pe_ordering_free);
	c->scores_text = g_string_new(NULL);
	c->next_action_id = 1;
	return c;
}

void pe_cluster_free(struct pe_cluster *c)
{
	if (c == NULL) {
		return;
	}
	/* Actions and orderings first: they point into resources and nodes. */
	g_ptr_array_free(c->orderings, TRUE);
	g_hash_table_destroy(c->action_by_key);
	g_ptr_array_free(c->actions, TRUE);
	g_ptr_array_free(c->locations, TRUE);
	g_ptr_array_free(c->colocations, TRUE);
	g_ptr_array_free(c->orderings_xml, TRUE);
	g_hash_table_destroy(c->rsc_by_id);
	g_hash_table_destroy(c->clone_bases);
	g_hash_table_destroy(c->lrm_by_base);
	g_ptr_array_free(c->resources, TRUE);
	g_ptr_array_free(c->all_resources, TRUE);
	g_ptr_array_free(c->bundles, TRUE);
	g_hash_table_destroy(c->node_by_id);
	g_hash_table_destroy(c->node_by_uname);
	g_ptr_array_free(c->nodes, TRUE);
	g_hash_table_destroy(c->options);
	g_hash_table_destroy(c->rsc_defaults);
	g_hash_table_destroy(c->tags);
	g_ptr_array_free(c->config_errors, TRUE);
	g_ptr_array_free(c->config_warnings, TRUE);
	g_string_free(c->scores_text, TRUE);
	g_free(c->dc_uuid);
	g_free(c->placement_strategy);
	g_free(c->stonith_action);
	g_free(c->health_strategy);
	if (c->implicit_doc != NULL) {
		xmlFreeDoc(c->implicit_doc);
	}
	g_free(c);
}
