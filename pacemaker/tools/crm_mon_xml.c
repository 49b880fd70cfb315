/*
 * crm_mon's XML output: pacemaker's <pacemaker-result> document (API
 * version 2.25) with the summary, nodes, resources, node attributes,
 * node history and failures, ending in the status of the request.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>

#include "crm_mon.h"

static void set(xmlNode *x, const char *name, const char *value)
{
	pcmk_xml_set_attr(x, name, value);
}

static void set_bool(xmlNode *x, const char *name, bool value)
{
	pcmk_xml_set_attr(x, name, value ? "true" : "false");
}

static xmlNode *child(xmlNode *parent, const char *name)
{
	return pcmk_xml_add_child(parent, name);
}

static void summary_times(const struct pe_cluster *c, xmlNode *s)
{
	char now[64];
	const char *keys[] = { "cib-last-written", "update-user", "update-client",
			       "update-origin" };
	const char *names[] = { "time", "user", "client", "origin" };
	xmlNode *x = child(s, "last_update");

	mon_time_text(time(NULL), now, sizeof(now));
	set(x, "time", now);
	x = child(s, "last_change");
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
		const char *v = pcmk_xml_attr(c->cib, keys[i]);

		set(x, names[i], v != NULL ? v : "");
	}
}

static void summary_options(const struct pe_cluster *c, xmlNode *s)
{
	xmlNode *x = child(s, "cluster_options");
	static const char *const noq[] = { "stop", "freeze", "ignore", "demote", "suicide" };

	set_bool(x, "stonith-enabled", c->stonith_enabled);
	set_bool(x, "symmetric-cluster", c->symmetric);
	set(x, "no-quorum-policy", noq[c->no_quorum_policy]);
	set_bool(x, "maintenance-mode", c->maintenance_mode);
	set_bool(x, "stop-all-resources", c->stop_all);
	pcmk_xml_set_attr_int(x, "stonith-timeout-ms", c->stonith_timeout_ms);
	pcmk_xml_set_attr_int(x, "priority-fencing-delay-ms", c->priority_fencing_delay * 1000LL);
}

static void summary(const struct pe_cluster *c, xmlNode *root)
{
	xmlNode *s = child(root, "summary");
	xmlNode *x = child(s, "stack");
	struct mon_counts n;

	set(x, "type", mon_stack(c));
	x = child(s, "current_dc");
	set_bool(x, "present", c->dc_node != NULL);
	if (c->dc_node != NULL) {
		set(x, "version", g_hash_table_lookup(c->options, "dc-version") ?: "");
		set(x, "name", c->dc_node->uname);
		set(x, "id", c->dc_node->id);
		set_bool(x, "with_quorum", c->have_quorum);
		set_bool(x, "mixed_version", false);
	}
	summary_times(c, s);
	pcmk_xml_set_attr_int(child(s, "nodes_configured"), "number", c->nodes->len);
	mon_count_instances(c, &n);
	x = child(s, "resources_configured");
	pcmk_xml_set_attr_int(x, "number", n.instances);
	pcmk_xml_set_attr_int(x, "disabled", n.disabled);
	pcmk_xml_set_attr_int(x, "blocked", n.blocked);
	summary_options(c, s);
}

/* What the node's controller announced (as a node attribute, or in its
 * node_state); "<3.15.1" for controllers too old to say. */
static const char *feature_set(const struct pe_node *node)
{
	xmlNode *status = pcmk_xml_first_child(node->cluster->cib, "status");
	const char *attr = g_hash_table_lookup(node->attrs, "#feature-set");

	if (attr != NULL) {
		return attr;
	}
	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		if (g_strcmp0(pcmk_xml_attr(s, "id"), node->id) == 0 &&
		    pcmk_xml_attr(s, "feature_set") != NULL) {
			return pcmk_xml_attr(s, "feature_set");
		}
	}
	return "<3.15.1";
}

static void node_element(const struct pe_node *node, xmlNode *nodes)
{
	xmlNode *x = child(nodes, "node");

	set(x, "name", node->uname);
	set(x, "id", node->id);
	set_bool(x, "online", node->online);
	set_bool(x, "standby", node->standby);
	set_bool(x, "standby_onfail", node->standby_onfail);
	set_bool(x, "maintenance", node->maintenance);
	set_bool(x, "pending", node->pending);
	set_bool(x, "unclean", node->unclean);
	set(x, "health", "green");
	if (node->online && !node->remote) {
		set(x, "feature_set", feature_set(node));
	}
	set_bool(x, "shutdown", node->shutdown);
	set_bool(x, "expected_up", node->expected_up);
	set_bool(x, "is_dc", node->is_dc);
	pcmk_xml_set_attr_int(x, "resources_running", node->running->len);
	set(x, "type", node->remote ? "remote" : "member");
	if (node->guest && node->remote_rsc != NULL && node->remote_rsc->container != NULL) {
		/* A guest node is known to the cluster by its container. */
		set(x, "id_as_resource", node->remote_rsc->container->id);
	}
}

static void primitive_element(const struct pe_resource *rsc, xmlNode *parent)
{
	xmlNode *x = child(parent, "resource");
	const char *target = g_hash_table_lookup(rsc->meta, "target-role");
	char *agent = g_strdup_printf("%s%s%s:%s", rsc->klass ? rsc->klass : "unknown",
				      rsc->provider ? ":" : "", rsc->provider ? rsc->provider : "",
				      rsc->type ? rsc->type : "unknown");

	set(x, "id", rsc->unique || rsc->parent == NULL ? rsc->id : rsc->base_id);
	set(x, "resource_agent", agent);
	set(x, "role", pe_status_rsc_state(rsc));
	if (target != NULL) {
		set(x, "target_role", target);
	}
	set_bool(x, "active", pe_status_rsc_active(rsc, false));
	set_bool(x, "orphaned", rsc->orphan);
	set_bool(x, "blocked", rsc->blocked);
	set_bool(x, "managed", rsc->managed);
	set_bool(x, "failed", rsc->failed);
	set_bool(x, "failure_ignored", rsc->failure_ignored);
	pcmk_xml_set_attr_int(x, "nodes_running_on", rsc->running_on->len);
	for (guint i = 0; i < rsc->running_on->len; i++) {
		const struct pe_node *node = rsc->running_on->pdata[i];
		xmlNode *n = child(x, "node");

		set(n, "name", node->uname);
		set(n, "id", node->id);
		/* pacemaker's "cached" says whether the node is online */
		set_bool(n, "cached", node->online);
	}
	g_free(agent);
}

static void rsc_element(const struct pe_resource *rsc, xmlNode *parent);

static void collective_element(const struct pe_resource *rsc, xmlNode *parent)
{
	const char *target = g_hash_table_lookup(rsc->meta, "target-role");
	bool disabled = target != NULL && pe_role_parse(target) == PE_ROLE_STOPPED;
	xmlNode *x = child(parent, rsc->variant == PE_GROUP ? "group" : "clone");

	set(x, "id", rsc->id);
	if (rsc->variant == PE_GROUP) {
		pcmk_xml_set_attr_int(x, "number_resources", rsc->children->len);
		set_bool(x, "managed", rsc->managed);
		set_bool(x, "disabled", disabled);
	} else {
		set_bool(x, "multi_state", rsc->promotable);
		set_bool(x, "unique", rsc->unique);
		set_bool(x, "managed", rsc->managed);
		set_bool(x, "disabled", disabled);
		/* the clone's own flag; its instances report their failures */
		set_bool(x, "failed", rsc->failed);
		set_bool(x, "failure_ignored", rsc->failure_ignored);
	}
	/* A clone without its own target-role reports its first instance's;
	 * groups report none. */
	if (target == NULL && rsc->children->len > 0) {
		target = g_hash_table_lookup(
			((const struct pe_resource *)rsc->children->pdata[0])->meta, "target-role");
	}
	if (target != NULL && rsc->variant == PE_CLONE) {
		set(x, "target_role", target);
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		rsc_element(rsc->children->pdata[i], x);
	}
}

/* A bundle lists its replicas, each with its address, the instance of
 * the bundled primitive, the container and the connection. */
static void bundle_element(const struct pe_resource *rsc, xmlNode *parent)
{
	const struct pe_bundle *b = rsc->bundle_data;
	xmlNode *x = child(parent, "bundle");

	set(x, "id", rsc->id);
	set(x, "type", b->agent);
	set(x, "image", b->image);
	set_bool(x, "unique", b->replicas_per_host > 1);
	set_bool(x, "managed", rsc->managed);
	set_bool(x, "failed", rsc->failed);
	for (int i = 0; i < b->nreplicas; i++) {
		const struct pe_replica *r = &b->replicas[i];
		const struct pe_resource *members[] = { r->ip, r->child, r->container, r->remote };
		xmlNode *replica = child(x, "replica");

		pcmk_xml_set_attr_int(replica, "id", r->index);
		for (size_t j = 0; j < G_N_ELEMENTS(members); j++) {
			if (members[j] != NULL) {
				primitive_element(members[j], replica);
			}
		}
	}
}

static void rsc_element(const struct pe_resource *rsc, xmlNode *parent)
{
	if (rsc->variant == PE_BUNDLE) {
		bundle_element(rsc, parent);
	} else if (rsc->variant == PE_PRIMITIVE) {
		primitive_element(rsc, parent);
	} else {
		collective_element(rsc, parent);
	}
}

static void node_attributes(const struct pe_cluster *c, xmlNode *root)
{
	GPtrArray *nodes = pe_status_sorted_nodes(c->nodes);
	xmlNode *list = NULL;

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];
		GPtrArray *names = node->online ? mon_node_attributes(node) : g_ptr_array_new();
		xmlNode *n = NULL;
		int expected = 0;

		for (guint j = 0; j < names->len; j++) {
			xmlNode *a;

			list = list != NULL ? list : child(root, "node_attributes");
			if (n == NULL) {
				n = child(list, "node");
				set(n, "name", node->uname);
			}
			a = child(n, "attribute");
			set(a, "name", names->pdata[j]);
			set(a, "value", g_hash_table_lookup(node->attrs, names->pdata[j]));
			if (mon_ping_expected(node, names->pdata[j], &expected)) {
				pcmk_xml_set_attr_int(a, "expected", expected);
			}
		}
		g_ptr_array_free(names, TRUE);
	}
	g_ptr_array_free(nodes, TRUE);
}

static void ms_attr(const xmlNode *op, const char *name, xmlNode *x)
{
	const char *v = pcmk_xml_attr(op, name);
	char text[64];

	if (v != NULL) {
		snprintf(text, sizeof(text), "%sms", v);
		set(x, name, text);
	}
}

static void op_element(const xmlNode *op, xmlNode *parent)
{
	xmlNode *x = child(parent, "operation_history");
	long long rc = 0, v = 0;
	char text[64];

	pcmk_xml_attr_int(op, "rc-code", &rc);
	set(x, "call", pcmk_xml_attr(op, "call-id"));
	set(x, "task", mon_op_task(op));
	pcmk_xml_set_attr_int(x, "rc", rc);
	set(x, "rc_text", pe_status_ocf_rc_text(rc));
	if (pcmk_xml_attr_int(op, "interval", &v) == 0 && v > 0) {
		snprintf(text, sizeof(text), "%lldms", v);
		set(x, "interval", text);
	}
	if (pcmk_xml_attr_int(op, "last-rc-change", &v) == 0 && v > 0) {
		mon_time_text(v, text, sizeof(text));
		set(x, "last-rc-change", text);
	}
	/* The durations whenever recorded, with or without a change time. */
	ms_attr(op, "exec-time", x);
	ms_attr(op, "queue-time", x);
}

/* With its operations a resource goes by its configured id: an anonymous
 * clone's instances by the cloned resource's. */
static const char *printable_id(const struct mon_rsc_history *h)
{
	const struct pe_resource *top = h->rsc;

	if (h->rsc == NULL || h->rsc->unique) {
		return h->id;
	}
	while (top->parent != NULL) {
		top = top->parent;
	}
	return top->variant == PE_CLONE ? h->rsc->base_id : h->id;
}

static void history_entry(const struct mon_rsc_history *h, xmlNode *n)
{
	xmlNode *x = child(n, "resource_history");
	char when[64];

	set(x, "id", printable_id(h));
	set_bool(x, "orphan", h->rsc == NULL);
	if (h->rsc != NULL) {
		pcmk_xml_set_attr_int(x, "migration-threshold", h->rsc->migration_threshold);
	}
	if (h->fail_count > 0) {
		pcmk_xml_set_attr_int(x, "fail-count", h->fail_count);
	}
	if (h->fail_count > 0 && h->last_failure > 0) {
		mon_time_text(h->last_failure, when, sizeof(when));
		set(x, "last-failure", when);
	}
	for (guint i = 0; i < h->ops->len; i++) {
		op_element(h->ops->pdata[i], x);
	}
}

static void node_history(const struct pe_cluster *c, xmlNode *root)
{
	GPtrArray *nodes = mon_status_nodes(c);
	xmlNode *list = child(root, "node_history");

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];
		GPtrArray *entries;
		xmlNode *n;

		entries = mon_node_history(c, node, true);
		if (entries->len > 0) {
			n = child(list, "node");
			set(n, "name", node->uname);
			for (guint j = 0; j < entries->len; j++) {
				history_entry(entries->pdata[j], n);
			}
		}
		g_ptr_array_free(entries, TRUE);
	}
	g_ptr_array_free(nodes, TRUE);
}

static void failure_element(const struct pe_cluster *c, const xmlNode *op, xmlNode *list)
{
	xmlNode *x = child(list, "failure");
	long long status = 0, rc = 0, changed = 0;
	const char *reason = pcmk_xml_attr(op, "exit-reason");
	char when[64];
	time_t t;
	struct tm tm;

	pcmk_xml_attr_int(op, "op-status", &status);
	pcmk_xml_attr_int(op, "rc-code", &rc);
	if (pcmk_xml_attr(op, "operation_key") != NULL) {
		set(x, "op_key", pcmk_xml_attr(op, "operation_key"));
	} else {
		set(x, "id", pcmk_xml_attr(op, "id"));
	}
	set(x, "node", mon_op_node(c, op));
	set(x, "exitstatus", pe_status_ocf_rc_text(rc));
	set(x, "exitreason", reason != NULL ? reason : "none");
	pcmk_xml_set_attr_int(x, "exitcode", rc);
	set(x, "call", pcmk_xml_attr(op, "call-id"));
	set(x, "status", mon_exec_status_text(status));
	if (pcmk_xml_attr_int(op, "last-rc-change", &changed) == 0 && changed > 0) {
		t = (time_t)changed;
		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%SZ", &tm);
		set(x, "last-rc-change", when);
		set(x, "queued", pcmk_xml_attr(op, "queue-time"));
		set(x, "exec", pcmk_xml_attr(op, "exec-time"));
		set(x, "interval", pcmk_xml_attr(op, "interval"));
		set(x, "task", pcmk_xml_attr(op, "operation"));
	}
}

static void failures(const struct pe_cluster *c, xmlNode *root)
{
	GPtrArray *ops = mon_failed_ops(c);
	xmlNode *list = ops->len > 0 ? child(root, "failures") : NULL;

	for (guint i = 0; i < ops->len; i++) {
		failure_element(c, ops->pdata[i], list);
	}
	g_ptr_array_free(ops, TRUE);
}

static void cluster_elements(const struct pe_cluster *c, xmlNode *root)
{
	xmlNode *nodes, *rscs;
	GPtrArray *sorted = pe_status_sorted_nodes(c->nodes);

	summary(c, root);
	nodes = child(root, "nodes");
	for (guint i = 0; i < sorted->len; i++) {
		node_element(sorted->pdata[i], nodes);
	}
	g_ptr_array_free(sorted, TRUE);
	rscs = child(root, "resources");
	sorted = pe_status_display_order(c);
	for (guint i = 0; i < sorted->len; i++) {
		const struct pe_resource *rsc = sorted->pdata[i];

		if (!rsc->orphan || pe_status_rsc_active(rsc, false)) {
			rsc_element(rsc, rscs);
		}
	}
	g_ptr_array_free(sorted, TRUE);
	node_attributes(c, root);
	node_history(c, root);
	failures(c, root);
	mon_tickets_xml(c, root);
	mon_bans_xml(c, root);
}

char *mon_xml(const struct pe_cluster *c, const struct mon_opts *o, const char *error)
{
	xmlNode *root = pcmk_xml_new_root("pacemaker-result");
	xmlNode *status;
	char *text;

	if (root == NULL) {
		return NULL;
	}
	set(root, "api-version", "2.25");
	set(root, "request", o->request);
	if (c != NULL) {
		cluster_elements(c, root);
	}
	status = child(root, "status");
	set(status, "code", "0");
	set(status, "message", pcmk_exit_str(PCMK_EX_OK));
	if (error != NULL) {
		xmlNodeSetContent(child(child(status, "errors"), "error"), (const xmlChar *)error);
	}
	text = pcmk_xml_to_string(root, true);
	pcmk_xml_free(root);
	return text;
}
