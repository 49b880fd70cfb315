/*
 * Ids as crmsh generates them (a base such as "vip-instance_attributes",
 * else the base with -0, -1 ... appended until it is free), and finding
 * the configuration's sections and objects.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

bool id_in_doc(xmlDoc *doc, const char *id)
{
	xmlNode *root = (doc != NULL) ? xmlDocGetRootElement(doc) : NULL;

	return (root != NULL) && (pcmk_xml_find_id(root, NULL, id) != NULL);
}

static bool id_taken(xmlDoc *doc, GHashTable *taken, const char *id)
{
	return ((taken != NULL) && g_hash_table_contains(taken, id)) || id_in_doc(doc, id);
}

char *id_unique(xmlDoc *doc, GHashTable *taken, const char *base)
{
	char *id = g_strdup(base);

	for (unsigned int n = 0; id_taken(doc, taken, id); n++) {
		g_free(id);
		id = g_strdup_printf("%s-%u", base, n);
	}
	return id;
}

xmlNode *cib_config(xmlDoc *cib)
{
	xmlNode *root = xmlDocGetRootElement(cib);

	return pcmk_xml_is(root, "configuration") ? root
						  : pcmk_xml_first_child(root, "configuration");
}

xmlNode *cib_section(xmlDoc *cib, const char *name, bool create)
{
	xmlNode *conf = cib_config(cib);
	xmlNode *sec = NULL;

	if (conf == NULL) {
		return NULL;
	}
	sec = pcmk_xml_first_child(conf, name);
	if ((sec == NULL) && create) {
		sec = pcmk_xml_add_child(conf, name);
	}
	return sec;
}

/* Object containers searched by cib_find_object(), in crmsh's sense of
 * "object": resources at any depth, and the children of the others. */
static xmlNode *find_in(xmlNode *sec, const char *id, bool deep)
{
	for (xmlNode *c = pcmk_xml_first_child(sec, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		const char *cid = pcmk_xml_attr(c, "id");

		if ((cid != NULL) && (strcmp(cid, id) == 0)) {
			return c;
		}
		if (deep && (pcmk_xml_is(c, "group") || pcmk_xml_is(c, "clone") ||
			     pcmk_xml_is(c, "master"))) {
			xmlNode *r = find_in(c, id, true);

			if (r != NULL) {
				return r;
			}
		}
	}
	return NULL;
}

xmlNode *cib_find_object(xmlDoc *cib, const char *id)
{
	static const char *const secs[] = { "resources",  "constraints",  "nodes",       "tags",
					    "crm_config", "rsc_defaults", "op_defaults", "alerts" };
	xmlNode *r = NULL;

	for (size_t i = 0; (r == NULL) && (i < G_N_ELEMENTS(secs)); i++) {
		xmlNode *sec = cib_section(cib, secs[i], false);

		if (sec != NULL) {
			r = find_in(sec, id, strcmp(secs[i], "resources") == 0);
		}
	}
	return r;
}

static const struct {
	const char *tag;
	const char *kind;
} kinds[] = {
	{ "primitive", "primitive" },
	{ "template", "rsc_template" },
	{ "group", "group" },
	{ "clone", "clone" },
	{ "master", "ms" },
	{ "bundle", "bundle" },
	{ "rsc_location", "location" },
	{ "rsc_colocation", "colocation" },
	{ "rsc_order", "order" },
	{ "rsc_ticket", "rsc_ticket" },
	{ "node", "node" },
	{ "tag", "tag" },
	{ "cluster_property_set", "property" },
	{ "alert", "alert" },
};

const char *cib_kind(const xmlNode *node)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		if (pcmk_xml_is(node, kinds[i].tag)) {
			return kinds[i].kind;
		}
	}
	return (node != NULL) ? (const char *)node->name : "";
}

bool cib_is_resource(const xmlNode *node)
{
	return pcmk_xml_is(node, "primitive") || pcmk_xml_is(node, "group") ||
	       pcmk_xml_is(node, "clone") || pcmk_xml_is(node, "master") ||
	       pcmk_xml_is(node, "bundle");
}
