/*
 * Bundles: a heading naming the image, then one line per replica.  A
 * replica goes by its guest node's name (the container's, without a
 * bundled primitive) and its address, shows the state of what runs in
 * it, and is placed on the node its container runs on.
 */
#include "pe_status_text_private.h"

static const char *management_note(const struct pe_resource *bundle)
{
	if (bundle->maintenance) {
		return " (maintenance)";
	}
	return bundle->managed ? "" : " (unmanaged)";
}

static void replica_line(const struct pe_replica *r, int depth, unsigned int flags, GString *out)
{
	const struct pe_resource *shown = r->child != NULL ? r->child : r->container;
	const struct pe_resource *named = r->remote != NULL ? r->remote : r->container;
	const struct pe_node *node = NULL;
	char *name;

	if (shown == NULL || named == NULL) {
		return;
	}
	if (r->container->running_on->len > 0) {
		node = r->container->running_on->pdata[0];
	}
	if (r->ipaddr != NULL) {
		name = g_strdup_printf("%s (%s)", named->id, r->ipaddr);
	} else {
		name = g_strdup(named->id);
	}
	pe_st_primitive_line(shown, name, node, depth, flags & ~PE_ST_RSC_ONLY, out);
	g_free(name);
}

void pe_st_bundle(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	const struct pe_bundle *b = rsc->bundle_data;

	if ((flags & PE_ST_INACTIVE) == 0 && !pe_st_rsc_active(rsc, false)) {
		return;
	}
	pe_st_item(out, depth, "Container bundle%s: %s [%s]%s%s:", b->nreplicas > 1 ? " set" : "",
		   rsc->id, b->image, b->replicas_per_host > 1 ? " (unique)" : "",
		   management_note(rsc));
	for (int i = 0; i < b->nreplicas; i++) {
		replica_line(&b->replicas[i], depth + 1, flags, out);
	}
}
