/*
 * The cluster status as crm_simulate and crm_mon print it: the "Node List"
 * and "Full List of Resources" sections.  The layout follows pacemaker's
 * text output so that the scheduler regression summaries compare equal;
 * the parts live in pe_status_text_*.c (nodes, primitives and groups,
 * clones, and what they read from the model).
 */
#include <string.h>

#include "pe_status_text_private.h"

/* Higher priority first; among equals configuration order.  Orphans found
 * in the status section come after all configured resources. */
static gint rsc_order(gconstpointer a, gconstpointer b)
{
	const struct pe_resource *x = *(struct pe_resource *const *)a;
	const struct pe_resource *y = *(struct pe_resource *const *)b;

	if (x->orphan != y->orphan) {
		return x->orphan ? 1 : -1;
	}
	if (!x->orphan && x->priority != y->priority) {
		return x->priority > y->priority ? -1 : 1;
	}
	return 0;
}

GPtrArray *pe_status_display_order(const struct pe_cluster *c)
{
	GPtrArray *list = g_ptr_array_sized_new(c->resources->len);

	for (guint i = 0; i < c->resources->len; i++) {
		const struct pe_resource *rsc = c->resources->pdata[i];

		/* A bundle stands where its members are, in their place. */
		if (rsc->bundle == NULL) {
			g_ptr_array_add(list, c->resources->pdata[i]);
		} else if (rsc->bundle->children->pdata[0] == rsc) {
			g_ptr_array_add(list, rsc->bundle);
		}
	}
	/* Stable: equal keys keep the order of the model. */
	g_ptr_array_sort(list, rsc_order);
	return list;
}

/* Whether a top-level resource belongs in the list @flags ask for:
 * inactive orphans never, the fully active ones not after per-node lists,
 * inactive ones only when asked for. */
static bool listed(const struct pe_resource *rsc, unsigned int flags)
{
	bool active = pe_st_rsc_active(rsc, true);

	/* Guest nodes' connections are the cluster's business, not the user's. */
	if (rsc->implicit || (rsc->orphan && !active)) {
		return false;
	}
	if ((flags & PE_ST_BY_NODE) != 0 && active) {
		return false;
	}
	return (flags & PE_ST_INACTIVE) != 0 || pe_st_rsc_active(rsc, false);
}

int pe_status_text_resources(const struct pe_cluster *c, int depth, unsigned int flags,
			     GString *out)
{
	GPtrArray *list = pe_status_display_order(c);
	int printed = 0;

	for (guint i = 0; i < list->len; i++) {
		const struct pe_resource *rsc = list->pdata[i];

		if (listed(rsc, flags)) {
			pe_st_rsc(rsc, depth, flags, out);
			printed++;
		}
	}
	g_ptr_array_free(list, TRUE);
	return printed;
}

void pe_status_text_nodes(const struct pe_cluster *c, int depth, GString *out)
{
	pe_st_node_list(c, depth, out);
}

void pe_status_text_rsc(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	pe_st_rsc(rsc, depth, flags, out);
}

GPtrArray *pe_status_sorted_nodes(const GPtrArray *nodes)
{
	return pe_st_sorted_nodes(nodes);
}

const char *pe_status_ocf_rc_text(long long rc)
{
	return pe_st_ocf_rc_text(rc);
}

bool pe_status_rsc_active(const struct pe_resource *rsc, bool all)
{
	return pe_st_rsc_active(rsc, all);
}

void pe_status_text(const struct pe_cluster *c, GString *out)
{
	pe_st_item(out, 1, "Node List:");
	pe_st_node_list(c, 2, out);
	g_string_append_c(out, '\n');
	pe_st_item(out, 1, "Full List of Resources:");
	if (pe_status_text_resources(c, 2, PE_ST_INACTIVE, out) == 0) {
		pe_st_item(out, 2, "No resources");
	}
}
