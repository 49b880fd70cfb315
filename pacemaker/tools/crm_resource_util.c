/*
 * What several crm_resource commands share: finding the resource -r
 * names, where it is active, its definition, and sending a change.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/common/results.h>
#include <crm/common/xml.h>
#include <crm/pengine/rules.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"

struct pe_resource *rsc_lookup(const struct pe_cluster *c, const char *id)
{
	struct pe_resource *rsc = pe_resource_find(c, id);

	if (rsc != NULL || id == NULL) {
		return rsc;
	}
	/* an anonymous clone's member is known by its instances only */
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *r = c->all_resources->pdata[i];

		if (r->base_id != NULL && strcmp(r->base_id, id) == 0 && r->parent != NULL) {
			return r;
		}
	}
	return NULL;
}

struct pe_resource *rsc_top(struct pe_resource *rsc)
{
	while (rsc != NULL && rsc->parent != NULL) {
		rsc = rsc->parent;
	}
	return rsc;
}

/* Pacemaker's tool gathers the nodes into a list it builds from the front,
 * so they come out last first. */
GPtrArray *rsc_active_nodes(const struct pe_resource *rsc)
{
	GPtrArray *nodes = g_ptr_array_new();

	for (guint i = rsc->running_on->len; i > 0; i--) {
		struct pe_node *node = rsc->running_on->pdata[i - 1];

		if (node->online || rsc->variant == PE_CLONE) {
			g_ptr_array_add(nodes, node);
		}
	}
	return nodes;
}

xmlNode *rsc_config_xml(const struct rsc_ctx *ctx, const struct pe_resource *rsc)
{
	xmlNode *resources = NULL;
	const char *id = rsc->base_id != NULL ? rsc->base_id : rsc->id;

	if (pcmk_xml_xpath_first(ctx->doc, "/cib/configuration/resources", &resources) != 0) {
		return NULL;
	}
	xmlNode *x = pcmk_xml_find_id(resources, NULL, id);

	if (pcmk_xml_is(x, "primitive") || pcmk_xml_is(x, "group") || pcmk_xml_is(x, "clone") ||
	    pcmk_xml_is(x, "master") || pcmk_xml_is(x, "bundle")) {
		return x;
	}
	return NULL;
}

int rsc_cib_change(struct rsc_ctx *ctx, int op, const char *section, const xmlNode *data,
		   const char *xpath)
{
	struct cib_op_request req = {
		.op = (enum cib_op)op,
		.section = section,
		.data = data,
		.xpath = xpath,
		.options =
			(xpath != NULL ? CIB_OPT_XPATH : 0u) | (ctx->o->force ? CIB_OPT_FORCE : 0u),
		.client = "crm_resource",
	};
	char *error = NULL;
	int rc = cib_request(ctx->cib, &req, 0, NULL, &error);

	if (rc != 0 && rc != -ENXIO) {
		g_string_assign(ctx->msg, error != NULL ? error : pcmk_strerror(rc));
	}
	free(error);
	return rc;
}

/* A collective's own instance attributes are not unpacked by the
 * scheduler (only its primitives use them), so read them here, as rules
 * evaluate with no node. */
GHashTable *rsc_instance_params(const struct pe_cluster *c, const struct pe_resource *rsc)
{
	GHashTable *params = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	struct pe_rule_input in = { .now = c->now };
	GHashTableIter iter;
	gpointer k, v;

	g_hash_table_iter_init(&iter, rsc->params);
	while (g_hash_table_iter_next(&iter, &k, &v)) {
		g_hash_table_insert(params, g_strdup(k), g_strdup(v));
	}
	for (const struct pe_resource *p = rsc->parent; p != NULL; p = p->parent) {
		pe_nvpair_sets_unpack(p->xml, "instance_attributes", &in, params, NULL, false);
	}
	return params;
}
