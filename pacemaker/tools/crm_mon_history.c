/*
 * What the status section says per node beyond where resources run: node
 * attributes (-A), fail counts ("Migration Summary", -f) and each
 * resource's operations ("Operations", -o, -t), in the order of the
 * node's lrm_resource entries.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/status_text.h>

#include "crm_mon.h"

static long long op_ll(const xmlNode *op, const char *name, long long dflt)
{
	long long v = dflt;

	return pcmk_xml_attr_int(op, name, &v) == 0 ? v : dflt;
}

const char *mon_op_task(const xmlNode *op)
{
	const char *task = pcmk_xml_attr(op, "operation");

	if (g_strcmp0(task, "monitor") == 0 && op_ll(op, "interval", 0) == 0) {
		return "probe";
	}
	return task == NULL ? "unknown" : task;
}

static bool has_history_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		if (((const struct pe_rsc_history *)rsc->history->pdata[i])->node == node) {
			return true;
		}
	}
	return false;
}

/* The instance the history of @id on @node was unpacked into, else any
 * resource going by that name. */
static const struct pe_resource *history_rsc(const struct pe_cluster *c, const struct pe_node *node,
					     const char *id)
{
	const struct pe_resource *any = g_hash_table_lookup(c->rsc_by_id, id);

	/* a history is unpacked into one resource per node: when the one of
	 * that id has it, no other has (the usual case, without a search) */
	if (any != NULL && any->variant == PE_PRIMITIVE && has_history_on(any, node)) {
		return any;
	}
	any = NULL;
	for (guint i = 0; i < c->all_resources->len; i++) {
		const struct pe_resource *rsc = c->all_resources->pdata[i];

		if (rsc->variant != PE_PRIMITIVE ||
		    (g_strcmp0(rsc->id, id) != 0 && g_strcmp0(rsc->history_id, id) != 0 &&
		     g_strcmp0(rsc->base_id, id) != 0)) {
			continue;
		}
		if (has_history_on(rsc, node)) {
			return rsc;
		}
		any = any != NULL ? any : rsc;
	}
	return any;
}

static bool op_shown(const xmlNode *op)
{
	const char *task = mon_op_task(op);

	return strcmp(task, "notify") != 0 &&
	       !(strcmp(task, "probe") == 0 && op_ll(op, "rc-code", 0) == 7);
}

void mon_history_ops(const struct pe_cluster *c, const struct pe_node *node, xmlNode *lrm_resource,
		     const struct pe_resource **rsc, GPtrArray **ops, bool shown)
{
	*rsc = history_rsc(c, node, pcmk_xml_attr(lrm_resource, "id"));
	*ops = g_ptr_array_new();
	for (xmlNode *op = pcmk_xml_first_child(lrm_resource, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		if (!shown || op_shown(op)) {
			g_ptr_array_add(*ops, op);
		}
	}
	g_ptr_array_sort(*ops, pe_op_cmp_call_id);
}

static xmlNode *node_state(const struct pe_cluster *c, const struct pe_node *node)
{
	xmlNode *status = pcmk_xml_first_child(c->cib, "status");

	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		if (g_strcmp0(pcmk_xml_attr(s, "id"), node->id) == 0) {
			return s;
		}
	}
	return NULL;
}

GPtrArray *mon_status_nodes(const struct pe_cluster *c)
{
	GPtrArray *nodes = g_ptr_array_new();
	xmlNode *status = pcmk_xml_first_child(c->cib, "status");

	for (xmlNode *s = pcmk_xml_first_child(status, "node_state"); s != NULL;
	     s = pcmk_xml_next(s, true)) {
		struct pe_node *node = pe_node_find_id(c, pcmk_xml_attr(s, "id"));

		if (node != NULL && node->online) {
			g_ptr_array_add(nodes, node);
		}
	}
	return nodes;
}

static void free_entry(gpointer p)
{
	struct mon_rsc_history *h = p;

	g_ptr_array_free(h->ops, TRUE);
	g_free(h);
}

GPtrArray *mon_node_history(const struct pe_cluster *c, const struct pe_node *node, bool all)
{
	GPtrArray *list = g_ptr_array_new_with_free_func(free_entry);
	xmlNode *lrm = pcmk_xml_first_child(pcmk_xml_first_child(node_state(c, node), "lrm"),
					    "lrm_resources");

	for (xmlNode *r = pcmk_xml_first_child(lrm, "lrm_resource"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		struct mon_rsc_history *h = g_new0(struct mon_rsc_history, 1);

		h->id = pcmk_xml_attr(r, "id");
		mon_history_ops(c, node, r, &h->rsc, &h->ops, true);
		if (h->rsc != NULL) {
			h->fail_count = pe_rsc_fail_count(c, h->rsc, node, &h->last_failure, false);
		}
		if (all ? h->ops->len > 0 : h->fail_count > 0) {
			g_ptr_array_add(list, h);
		} else {
			free_entry(h);
		}
	}
	return list;
}

static gint str_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Internal attributes (#uname...) and the fail counts shown elsewhere are
 * left out. */
GPtrArray *mon_node_attributes(const struct pe_node *node)
{
	GPtrArray *names = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, node->attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		const char *name = key;

		if (name[0] != '#' && !g_str_has_prefix(name, "fail-count-") &&
		    !g_str_has_prefix(name, "last-failure-") && strcmp(name, "standby") != 0 &&
		    strcmp(name, "shutdown") != 0 && strcmp(name, "terminate") != 0) {
			g_ptr_array_add(names, key);
		}
	}
	g_ptr_array_sort(names, str_cmp);
	return names;
}

static int host_count(const char *hosts)
{
	char **list = g_strsplit(hosts, " ", 0);
	int n = (int)g_strv_length(list);

	g_strfreev(list);
	return n;
}

bool mon_ping_expected(const struct pe_node *node, const char *attr, int *expected)
{
	for (guint i = 0; i < node->running->len; i++) {
		const struct pe_resource *rsc = node->running->pdata[i];
		const char *name, *hosts, *multiplier;
		gint64 m = 1;

		if (rsc->variant != PE_PRIMITIVE || rsc->type == NULL ||
		    (g_ascii_strcasecmp(rsc->type, "ping") != 0 &&
		     g_ascii_strcasecmp(rsc->type, "pingd") != 0)) {
			continue;
		}
		name = g_hash_table_lookup(rsc->params, "name");
		if (g_ascii_strcasecmp(name != NULL ? name : "pingd", attr) != 0) {
			continue;
		}
		hosts = g_hash_table_lookup(rsc->params, "host_list");
		multiplier = g_hash_table_lookup(rsc->params, "multiplier");
		if (multiplier != NULL &&
		    !g_ascii_string_to_signed(multiplier, 10, G_MININT, G_MAXINT, &m, NULL)) {
			m = 1;
		}
		*expected = (hosts != NULL ? host_count(hosts) : 0) * (int)m;
		return true;
	}
	return false;
}

/* One attribute line; a ping attribute below what its agent can reach
 * says so. */
static void attribute_line(const struct pe_node *node, const char *name, const char *value,
			   GString *out)
{
	int expected = 0;
	long long v = 0;

	if (!mon_ping_expected(node, name, &expected)) {
		mon_item(out, 2, "%-32s\t: %-10s", name, value);
		return;
	}
	v = value != NULL ? g_ascii_strtoll(value, NULL, 10) : 0;
	if (v <= 0) {
		mon_item(out, 2, "%-32s\t: %-10s\t: Connectivity is lost", name, value);
	} else if (v < expected) {
		mon_item(out, 2, "%-32s\t: %-10s\t: Connectivity is degraded (Expected=%d)", name,
			 value, expected);
	} else {
		mon_item(out, 2, "%-32s\t: %-10s", name, value);
	}
}

void mon_attributes_text(const struct pe_cluster *c, GString *out)
{
	GPtrArray *nodes = pe_status_sorted_nodes(c->nodes);
	bool header = false;

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];
		GPtrArray *names;

		if (!node->online) {
			continue;
		}
		names = mon_node_attributes(node);
		/* The heading only comes with the first node that has some. */
		if (names->len > 0 && !header) {
			mon_item(out, 0, "\nNode Attributes:");
			header = true;
		}
		if (names->len > 0) {
			mon_item(out, 1, "Node: %s:", node->uname);
		}
		for (guint j = 0; j < names->len; j++) {
			attribute_line(node, names->pdata[j],
				       g_hash_table_lookup(node->attrs, names->pdata[j]), out);
		}
		g_ptr_array_free(names, TRUE);
	}
	g_ptr_array_free(nodes, TRUE);
}

static void rsc_line(const struct mon_rsc_history *h, bool ops, GString *out)
{
	GString *s = g_string_new(NULL);
	char when[64];

	g_string_append_printf(s, "%s: ", h->id);
	if (h->rsc == NULL) {
		g_string_append(s, "orphan");
	} else {
		g_string_append_printf(s, "migration-threshold=%d", h->rsc->migration_threshold);
		if (h->fail_count > 0) {
			g_string_append_printf(s, " fail-count=%d", h->fail_count);
		}
		if (h->fail_count > 0 && h->last_failure > 0) {
			mon_time_text(h->last_failure, when, sizeof(when));
			g_string_append_printf(s, " last-failure='%s'", when);
		}
	}
	mon_item(out, 2, "%s%s", s->str, ops ? ":" : "");
	g_string_free(s, TRUE);
}

static void time_attr(const xmlNode *op, const char *name, bool as_date, GString *s)
{
	long long v = op_ll(op, name, -1);
	char text[64];

	if (v < 0) {
		return;
	}
	if (as_date) {
		mon_time_text(v, text, sizeof(text));
		g_string_append_printf(s, " %s=\"%s\"", name, text);
	} else {
		g_string_append_printf(s, " %s=\"%lldms\"", name, v);
	}
}

static void op_line(const xmlNode *op, bool timing, GString *out)
{
	GString *s = g_string_new(NULL);
	long long interval = op_ll(op, "interval", 0);
	long long rc = op_ll(op, "rc-code", 0);

	if (interval > 0) {
		g_string_append_printf(s, " interval=\"%lldms\"", interval);
	}
	if (timing) {
		time_attr(op, "last-rc-change", true, s);
		time_attr(op, "exec-time", false, s);
		time_attr(op, "queue-time", false, s);
		g_string_append_printf(s, " rc=%lld (%s)", rc, pe_status_ocf_rc_text(rc));
	}
	mon_item(out, 3, "(%s) %s%s%s", pcmk_xml_attr(op, "call-id"), mon_op_task(op),
		 s->len > 0 ? ":" : "", s->str);
	g_string_free(s, TRUE);
}

static void node_history_text(const struct pe_cluster *c, const struct pe_node *node,
			      const struct mon_opts *o, GString *out)
{
	GPtrArray *list = mon_node_history(c, node, o->operations);

	if (list->len > 0) {
		mon_item(out, 1, "Node: %s:", node->uname);
	}
	for (guint i = 0; i < list->len; i++) {
		const struct mon_rsc_history *h = list->pdata[i];

		rsc_line(h, o->operations, out);
		for (guint j = 0; o->operations && j < h->ops->len; j++) {
			op_line(h->ops->pdata[j], o->timing, out);
		}
	}
	g_ptr_array_free(list, TRUE);
}

void mon_history_text(const struct pe_cluster *c, const struct mon_opts *o, GString *out)
{
	bool header = false;
	GPtrArray *nodes = mon_status_nodes(c);

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];

		if (!header) {
			mon_item(out, 0, o->operations ? "\nOperations:" : "\nMigration Summary:");
			header = true;
		}
		node_history_text(c, node, o, out);
	}
	g_ptr_array_free(nodes, TRUE);
}
