/*
 * Bundles in the cluster model.  Before resources are unpacked the guest
 * nodes of a bundle's replicas are added and the resources it stands for
 * written out (pe_bundle_xml.c); unpacking then makes them top-level
 * resources pointing back to a PE_BUNDLE resource, which only the status
 * displays look at: scheduling sees containers, addresses, connections
 * and a clone like any others.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "pe_bundle_private.h"
#include "pe_sched_private.h"

/* Guest node names must not be those of cluster nodes. */
static bool guest_names_free(struct pe_cluster *c, const struct pe_bundle_spec *spec)
{
	bool ok = true;

	for (int i = 0; i < spec->replicas && spec->primitive != NULL; i++) {
		char *name = pe_bundle_remote_id(spec, i);
		const struct pe_node *node = pe_node_find(c, name);

		if (node != NULL && !node->remote) {
			pe_config_error(c,
					"Bundle %s: replica name %s is the name of a cluster node",
					spec->id, name);
			ok = false;
		}
		g_free(name);
	}
	return ok;
}

void pe_bundle_scan(struct pe_cluster *c, xmlNode *bundle_xml)
{
	struct pe_bundle_spec spec;

	if (pe_bundle_spec_read(bundle_xml, &spec) != 0) {
		pe_config_error(c, "Bundle %s has no docker, podman or rkt element with an image",
				spec.id == NULL ? "(no id)" : spec.id);
		return;
	}
	if (!guest_names_free(c, &spec)) {
		return;
	}
	for (int i = 0; i < spec.replicas && spec.primitive != NULL; i++) {
		char *name = pe_bundle_remote_id(&spec, i);
		struct pe_node *node;

		/* Nodes made here (not configured) are not known yet to the
		 * clones before the bundle. */
		if (pe_node_find(c, name) == NULL) {
			c->bundle_nodes_ahead++;
		}
		node = pe_remote_node_add(c, name, true);
		/* Only the bundled primitive's instance may run there. */
		node->weight = -PE_INFINITY;
		g_free(name);
	}
	pe_bundle_xml_build(&spec, pe_implicit_root(c));
}

static struct pe_resource *find_made(struct pe_cluster *c, char *id)
{
	struct pe_resource *rsc = pe_resource_find(c, id);

	g_free(id);
	return rsc;
}

static void replica_link(struct pe_cluster *c, const struct pe_bundle_spec *spec,
			 struct pe_bundle *b, int i)
{
	struct pe_replica *r = &b->replicas[i];

	r->index = i;
	r->ipaddr = pe_bundle_replica_ip(spec, i);
	if (r->ipaddr != NULL) {
		r->ip = find_made(c, pe_bundle_ip_id(spec, r->ipaddr));
	}
	r->container = find_made(c, pe_bundle_container_id(spec, i));
	if (spec->primitive != NULL) {
		r->remote = find_made(c, pe_bundle_remote_id(spec, i));
		r->node = r->remote == NULL ? NULL : pe_node_find(c, r->remote->id);
	}
	if (r->remote != NULL) {
		/* Shown as its replica, never on its own. */
		r->remote->implicit = true;
	}
	if (b->clone != NULL && i < (int)b->clone->children->len) {
		r->child = b->clone->children->pdata[i];
	}
}

/* The bundle shows the management state its members got from its meta
 * attributes. */
static void bundle_settings(struct pe_resource *bundle)
{
	const struct pe_resource *first;
	GHashTableIter iter;
	gpointer key, value;

	if (bundle->children->len == 0) {
		return;
	}
	first = bundle->children->pdata[0];
	bundle->managed = first->managed;
	bundle->maintenance = first->maintenance;
	bundle->priority = first->priority;
	g_hash_table_iter_init(&iter, first->meta);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		g_hash_table_replace(bundle->meta, g_strdup(key), g_strdup(value));
	}
}

static void members_unpack(struct pe_cluster *c, struct pe_resource *bundle, xmlNode *made)
{
	for (xmlNode *x = pcmk_xml_first_child(made, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		struct pe_resource *rsc = pe_rsc_unpack_xml(c, x);

		if (rsc == NULL) {
			continue;
		}
		rsc->bundle = bundle;
		g_ptr_array_add(c->resources, rsc);
		g_ptr_array_add(bundle->children, rsc);
		if (rsc->variant == PE_CLONE) {
			bundle->bundle_data->clone = rsc;
		}
	}
}

static struct pe_bundle *bundle_data_new(const struct pe_bundle_spec *spec)
{
	struct pe_bundle *b = g_new0(struct pe_bundle, 1);

	b->agent = g_strdup(spec->agent);
	b->image = g_strdup(spec->image);
	b->nreplicas = spec->replicas;
	b->replicas_per_host = spec->replicas_per_host;
	b->promoted_max = spec->promoted_max;
	b->replicas = g_new0(struct pe_replica, spec->replicas > 0 ? spec->replicas : 1);
	return b;
}

void pe_bundle_unpack(struct pe_cluster *c, xmlNode *bundle_xml)
{
	struct pe_bundle_spec spec;
	struct pe_resource *bundle;
	struct pe_bundle *b;
	xmlNode *made;

	if (pe_bundle_spec_read(bundle_xml, &spec) != 0) {
		return;
	}
	made = c->implicit_doc == NULL ? NULL
				       : pcmk_xml_find_id(pe_implicit_root(c), "bundle", spec.id);
	if (made == NULL) {
		return;
	}
	bundle = pe_resource_new(c, spec.id, bundle_xml, PE_BUNDLE, NULL);
	b = bundle_data_new(&spec);
	bundle->bundle_data = b;
	g_ptr_array_add(c->bundles, bundle);
	for (int i = 0; i < spec.replicas && spec.primitive != NULL; i++) {
		char *name = pe_bundle_remote_id(&spec, i);
		const struct pe_node *node = pe_node_find(c, name);

		c->bundle_nodes_ahead -= node != NULL && !node->configured ? 1 : 0;
		g_free(name);
	}
	members_unpack(c, bundle, made);
	for (int i = 0; i < spec.replicas; i++) {
		replica_link(c, &spec, b, i);
	}
	bundle_settings(bundle);
}

struct pe_resource *pe_bundle_replica_child(const struct pe_resource *clone,
					    const struct pe_node *node)
{
	const struct pe_bundle *b = clone->bundle == NULL ? NULL : clone->bundle->bundle_data;

	for (int i = 0; b != NULL && i < b->nreplicas; i++) {
		if (b->replicas[i].node == node) {
			return b->replicas[i].child;
		}
	}
	return NULL;
}

struct pe_resource *pe_bundle_find(const struct pe_cluster *c, const char *id)
{
	for (guint i = 0; id != NULL && i < c->bundles->len; i++) {
		struct pe_resource *bundle = c->bundles->pdata[i];

		if (strcmp(bundle->id, id) == 0) {
			return bundle;
		}
	}
	return NULL;
}
