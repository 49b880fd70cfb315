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

static GPtrArray *display_order(const struct pe_cluster *c)
{
	GPtrArray *list = g_ptr_array_sized_new(c->resources->len);

	for (guint i = 0; i < c->resources->len; i++) {
		g_ptr_array_add(list, c->resources->pdata[i]);
	}
	/* Stable: equal keys keep the order of the model. */
	g_ptr_array_sort(list, rsc_order);
	return list;
}

static void resource_list(const struct pe_cluster *c, GString *out)
{
	GPtrArray *list = display_order(c);
	bool printed = false;

	for (guint i = 0; i < list->len; i++) {
		const struct pe_resource *rsc = list->pdata[i];

		/* Resources removed from the configuration are shown only
		 * while still active somewhere. */
		if (rsc->orphan && !pe_st_rsc_active(rsc, true)) {
			continue;
		}
		pe_st_rsc(rsc, 2, out);
		printed = true;
	}
	if (!printed) {
		pe_st_item(out, 2, "No resources");
	}
	g_ptr_array_free(list, TRUE);
}

void pe_status_text(const struct pe_cluster *c, GString *out)
{
	pe_st_item(out, 1, "Node List:");
	pe_st_node_list(c, out);
	g_string_append_c(out, '\n');
	pe_st_item(out, 1, "Full List of Resources:");
	resource_list(c, out);
}
