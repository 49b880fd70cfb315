/*
 * Rendering resources: primitive, rsc_template, group, clone, ms.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

#define NEXT_LINE " \\\n\t"

static void render_agent(GString *out, const xmlNode *rsc)
{
	const char *cls = pcmk_xml_attr(rsc, "class");
	const char *prov = pcmk_xml_attr(rsc, "provider");
	const char *type = pcmk_xml_attr(rsc, "type");

	if (pcmk_xml_attr(rsc, "template") != NULL) {
		g_string_append_printf(out, " @%s", pcmk_xml_attr(rsc, "template"));
	} else if ((g_strcmp0(cls, "ocf") == 0) && (g_strcmp0(prov, "heartbeat") == 0)) {
		g_string_append_printf(out, " %s", type);
	} else if (prov != NULL) {
		g_string_append_printf(out, " %s:%s:%s", cls, prov, type);
	} else {
		g_string_append_printf(out, " %s:%s", cls ? cls : "", type ? type : "");
	}
}

/* op NAME attr=value... then its op_params / op_meta lines */
static void render_op(GString *out, const xmlNode *op)
{
	g_string_append_printf(out, NEXT_LINE "op %s", pcmk_xml_attr(op, "name"));
	for (xmlAttr *a = op->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		if ((strcmp(name, "id") != 0) && (strcmp(name, "name") != 0)) {
			g_string_append_printf(out, " %s=", name);
			render_value(out, pcmk_xml_attr(op, name));
		}
	}
	for (xmlNode *s = pcmk_xml_first_child(op, NULL); s != NULL; s = pcmk_xml_next(s, false)) {
		bool meta = pcmk_xml_is(s, "meta_attributes");

		if (meta || pcmk_xml_is(s, "instance_attributes")) {
			g_string_append(out, meta ? NEXT_LINE "op_meta " : NEXT_LINE "op_params ");
			render_nvs(out, s, " ", false);
		}
	}
}

static const struct {
	const char *tag;
	const char *word;
} set_words[] = {
	{ "instance_attributes", "params" },
	{ "meta_attributes", "meta" },
	{ "utilization", "utilization" },
};

/* The attribute sets and operations of @rsc, in document order. */
static void render_children(GString *out, const xmlNode *rsc, bool hide)
{
	for (xmlNode *c = pcmk_xml_first_child(rsc, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		for (size_t i = 0; i < G_N_ELEMENTS(set_words); i++) {
			if (pcmk_xml_is(c, set_words[i].tag)) {
				g_string_append_printf(out, NEXT_LINE "%s ", set_words[i].word);
				render_nvs(out, c, " ", hide);
			}
		}
		if (pcmk_xml_is(c, "operations")) {
			for (xmlNode *op = pcmk_xml_first_child(c, "op"); op != NULL;
			     op = pcmk_xml_next(op, true)) {
				render_op(out, op);
			}
		}
	}
}

static void render_members(GString *out, const xmlNode *rsc)
{
	for (xmlNode *c = pcmk_xml_first_child(rsc, NULL); c != NULL; c = pcmk_xml_next(c, false)) {
		if (cib_is_resource(c)) {
			g_string_append_printf(out, " %s", pcmk_xml_attr(c, "id"));
		}
	}
}

void render_resource(GString *out, const xmlNode *rsc)
{
	bool primitive = pcmk_xml_is(rsc, "primitive") || pcmk_xml_is(rsc, "template");

	g_string_append_printf(out, "%s %s", cib_kind(rsc), pcmk_xml_attr(rsc, "id"));
	if (primitive) {
		render_agent(out, rsc);
	} else {
		render_members(out, rsc);
	}
	render_children(out, rsc, true);
}
