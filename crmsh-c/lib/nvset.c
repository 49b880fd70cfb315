/*
 * name=value lists: params, meta, utilization, attributes, properties.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

bool nv_is_pair(const char *tok)
{
	const char *eq = (tok != NULL) ? strchr(tok, '=') : NULL;

	return (eq != NULL) && (eq != tok);
}

int nv_add_pair(struct parser *p, xmlNode *set, const char *tok)
{
	const char *eq = strchr(tok, '=');
	char *name = g_strndup(tok, (size_t)(eq - tok));
	char *base = g_strdup_printf("%s-%s", pcmk_xml_attr(set, "id"), name);
	char *id = p_new_id(p, base);
	xmlNode *nv = pcmk_xml_add_child(set, "nvpair");

	pcmk_xml_set_attr(nv, "name", name);
	pcmk_xml_set_attr(nv, "value", eq + 1);
	pcmk_xml_set_attr(nv, "id", id);
	g_free(name);
	g_free(base);
	g_free(id);
	return 0;
}

xmlNode *nv_parse_set(struct parser *p, xmlNode *parent, const char *tag, const char *set_id)
{
	xmlNode *set = NULL;

	if (!nv_is_pair(p_peek(p))) {
		return NULL;
	}
	set = pcmk_xml_add_child(parent, tag);
	pcmk_xml_set_attr(set, "id", set_id);
	p_claim_id(p, set_id);
	while (nv_is_pair(p_peek(p))) {
		nv_add_pair(p, set, p_next(p));
	}
	return set;
}

static xmlNode *nv_find(const xmlNode *set, const char *name)
{
	for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		const char *n = pcmk_xml_attr(nv, "name");

		if ((n != NULL) && (strcmp(n, name) == 0)) {
			return nv;
		}
	}
	return NULL;
}

const char *nv_get(const xmlNode *set, const char *name)
{
	return pcmk_xml_attr(nv_find(set, name), "value");
}

void nv_set(xmlDoc *doc, xmlNode *set, const char *name, const char *value)
{
	xmlNode *nv = nv_find(set, name);

	if (nv == NULL) {
		char *base = g_strdup_printf("%s-%s", pcmk_xml_attr(set, "id"), name);
		char *id = id_unique(doc, NULL, base);

		nv = pcmk_xml_add_child(set, "nvpair");
		pcmk_xml_set_attr(nv, "name", name);
		pcmk_xml_set_attr(nv, "id", id);
		g_free(base);
		g_free(id);
	}
	pcmk_xml_set_attr(nv, "value", value);
}
