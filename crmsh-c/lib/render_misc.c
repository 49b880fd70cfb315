/*
 * Rendering the objects that are neither resources nor constraints:
 * nodes, tags, the fencing topology, property and defaults sets, alerts.
 */
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

#define NEXT_LINE " \\\n\t"

static void render_node(GString *out, const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");
	const char *uname = pcmk_xml_attr(node, "uname");

	if ((uname == NULL) || (g_strcmp0(id, uname) == 0)) {
		g_string_append_printf(out, "node %s", id);
	} else {
		g_string_append_printf(out, "node %s: %s", id, uname);
	}
	if (pcmk_xml_attr(node, "type") != NULL) {
		g_string_append_printf(out, ":%s", pcmk_xml_attr(node, "type"));
	}
	for (xmlNode *s = pcmk_xml_first_child(node, NULL); s != NULL;
	     s = pcmk_xml_next(s, false)) {
		bool util = pcmk_xml_is(s, "utilization");

		if (util || pcmk_xml_is(s, "instance_attributes")) {
			g_string_append(out,
					util ? NEXT_LINE "utilization " : NEXT_LINE "attributes ");
			render_nvs(out, s, " ", false);
		}
	}
}

static void render_tag(GString *out, const xmlNode *tag)
{
	g_string_append_printf(out, "tag %s", pcmk_xml_attr(tag, "id"));
	for (xmlNode *r = pcmk_xml_first_child(tag, "obj_ref"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		g_string_append_printf(out, " %s", pcmk_xml_attr(r, "id"));
	}
}

/* One line per target: its levels in index order, each level's devices
 * comma-separated as in the XML. */
static void render_topology(GString *out, const xmlNode *topo)
{
	GPtrArray *targets = g_ptr_array_new();

	g_string_append(out, "fencing_topology");
	for (xmlNode *l = pcmk_xml_first_child(topo, "fencing-level"); l != NULL;
	     l = pcmk_xml_next(l, true)) {
		const char *t = pcmk_xml_attr(l, "target");
		bool seen = false;

		for (guint i = 0; i < targets->len; i++) {
			seen = seen || (g_strcmp0(g_ptr_array_index(targets, i), t) == 0);
		}
		if (!seen) {
			g_ptr_array_add(targets, (gpointer)t);
		}
	}
	for (guint i = 0; i < targets->len; i++) {
		const char *t = g_ptr_array_index(targets, i);

		g_string_append_printf(out, NEXT_LINE "%s:", t ? t : "");
		for (long long idx = 1; idx < 10; idx++) {
			for (xmlNode *l = pcmk_xml_first_child(topo, "fencing-level"); l != NULL;
			     l = pcmk_xml_next(l, true)) {
				long long li = 0;

				pcmk_xml_attr_int(l, "index", &li);
				if ((li == idx) &&
				    (g_strcmp0(pcmk_xml_attr(l, "target"), t) == 0)) {
					g_string_append_printf(out, " %s",
							       pcmk_xml_attr(l, "devices"));
				}
			}
		}
	}
	g_ptr_array_free(targets, TRUE);
}

static void render_nvset(GString *out, const xmlNode *set, const char *word)
{
	g_string_append_printf(out, "%s %s:" NEXT_LINE, word, pcmk_xml_attr(set, "id"));
	render_nvs(out, set, NEXT_LINE, false);
}

static void render_alert(GString *out, const xmlNode *alert)
{
	g_string_append_printf(out, "alert %s ", pcmk_xml_attr(alert, "id"));
	render_value(out, pcmk_xml_attr(alert, "path"));
	for (xmlNode *c = pcmk_xml_first_child(alert, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		if (pcmk_xml_is(c, "meta_attributes")) {
			g_string_append(out, NEXT_LINE "meta ");
			render_nvs(out, c, " ", false);
		} else if (pcmk_xml_is(c, "instance_attributes")) {
			g_string_append(out, NEXT_LINE "attributes ");
			render_nvs(out, c, " ", false);
		} else if (pcmk_xml_is(c, "recipient")) {
			g_string_append(out, NEXT_LINE "to ");
			render_value(out, pcmk_xml_attr(c, "value"));
		}
	}
}

void render_misc(GString *out, const xmlNode *elem)
{
	const char *parent = (elem->parent != NULL) ? (const char *)elem->parent->name : "";

	if (pcmk_xml_is(elem, "node")) {
		render_node(out, elem);
	} else if (pcmk_xml_is(elem, "tag")) {
		render_tag(out, elem);
	} else if (pcmk_xml_is(elem, "fencing-topology")) {
		render_topology(out, elem);
	} else if (pcmk_xml_is(elem, "cluster_property_set")) {
		render_nvset(out, elem, "property");
	} else if (pcmk_xml_is(elem, "meta_attributes") && (strcmp(parent, "rsc_defaults") == 0)) {
		render_nvset(out, elem, "rsc_defaults");
	} else if (pcmk_xml_is(elem, "meta_attributes") && (strcmp(parent, "op_defaults") == 0)) {
		render_nvset(out, elem, "op_defaults");
	} else if (pcmk_xml_is(elem, "alert")) {
		render_alert(out, elem);
	}
}
