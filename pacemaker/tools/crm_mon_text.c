/*
 * crm_mon's text output: the sections in pacemaker's order, each
 * introduced by an empty line (the summary first, without one).
 */
#include <string.h>

#include <crm/pengine/status_text.h>

#include "crm_mon.h"

/* -n: every node with the resources active on it, in the order its
 * history lists them. */
static void nodes_by_node(const struct pe_cluster *c, GString *out)
{
	GPtrArray *nodes = pe_status_sorted_nodes(c->nodes);

	for (guint i = 0; i < nodes->len; i++) {
		const struct pe_node *node = nodes->pdata[i];

		mon_item(out, 1, "%s %s: %s:", pe_status_node_kind(node), node->uname,
			 pe_status_node_state(node));
		mon_item(out, 2, "Resources:");
		for (guint j = 0; j < node->running->len; j++) {
			pe_status_text_rsc(node->running->pdata[j], 3,
					   PE_ST_INACTIVE | PE_ST_RSC_ONLY, out);
		}
	}
	g_ptr_array_free(nodes, TRUE);
}

static void node_list(const struct pe_cluster *c, const struct mon_opts *o, GString *out)
{
	mon_item(out, 0, "\nNode List:");
	if (o->by_node) {
		nodes_by_node(c, out);
	} else {
		pe_status_text_nodes(c, 1, out);
	}
}

static void resource_list(const struct pe_cluster *c, const struct mon_opts *o, GString *out)
{
	unsigned int flags = (o->inactive ? PE_ST_INACTIVE : 0) | (o->by_node ? PE_ST_BY_NODE : 0);
	const char *heading = "Active Resources:", *none = "No active resources";

	/* After the per-node lists only the inactive ones are left to show. */
	if (o->by_node && !o->inactive) {
		return;
	}
	if (o->by_node) {
		heading = "Inactive Resources:";
		none = "No inactive resources";
	} else if (o->inactive) {
		heading = "Full List of Resources:";
		none = "No resources";
	}
	mon_item(out, 0, "\n%s", heading);
	if (pe_status_text_resources(c, 1, flags, out) == 0) {
		mon_item(out, 1, "%s", none);
	}
}

void mon_text(const struct pe_cluster *c, const struct mon_opts *o, GString *out)
{
	if (!o->hide_headers) {
		mon_summary_text(c, out);
	}
	node_list(c, o, out);
	resource_list(c, o, out);
	if (o->attributes) {
		mon_attributes_text(c, out);
	}
	if (o->failcounts || o->operations) {
		mon_history_text(c, o, out);
	}
	mon_failures_text(c, out);
	if (out->len > 0 && out->str[0] == '\n') {
		g_string_erase(out, 0, 1);
	}
}
