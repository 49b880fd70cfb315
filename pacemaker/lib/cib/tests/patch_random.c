/*
 * Random CIB edits.  Names come from a small set so that id-less
 * siblings of the same name (the hard case for patch paths) are common.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/version.h>
#include <crm/common/xml.h>

#include "patch_random.h"

static const char base_text[] =
	"<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"5\" "
	"num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config>"
	"<cluster_property_set id=\"cib-bootstrap-options\">"
	"<nvpair id=\"opt-1\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>"
	"</crm_config><nodes><node id=\"1\" uname=\"n1\"/><node id=\"2\" uname=\"n2\"/></nodes>"
	"<resources><primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
	"<instance_attributes id=\"ip-ia\"><nvpair id=\"ip-ip\" name=\"ip\" value=\"10.0.0.5\"/>"
	"</instance_attributes><operations><op id=\"ip-mon\" name=\"monitor\" interval=\"30s\"/>"
	"</operations></primitive><group id=\"g\"><primitive id=\"a\" class=\"lsb\" type=\"a\"/>"
	"<primitive id=\"b\" class=\"lsb\" type=\"b\"/></group></resources><constraints/>"
	"<rsc_defaults><meta_attributes id=\"rd\"><rule score=\"0\"/><rule score=\"1\"/>"
	"</meta_attributes></rsc_defaults></configuration><status>"
	"<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\"><lrm id=\"1\"><lrm_resources>"
	"<lrm_resource id=\"ip\" type=\"IPaddr2\"><lrm_rsc_op id=\"ip_last_0\" "
	"operation=\"start\" rc-code=\"0\"/></lrm_resource></lrm_resources></lrm>"
	"</node_state></status></cib>";

static const char *const names[] = { "primitive", "nvpair", "op", "rule", "x", "lrm_rsc_op" };
static const char *const attr_names[] = { "a", "b", "value", "type", "score", "name" };

xmlNode *patch_random_base(void)
{
	xmlDoc *doc = NULL;

	if (pcmk_xml_parse(base_text, strlen(base_text), &doc, NULL) < 0) {
		abort();
	}
	return xmlDocGetRootElement(doc);
}

guint32 patch_random_seed(void)
{
	const char *env = getenv("PATCH_TEST_SEED");

	return env != NULL ? (guint32)strtoul(env, NULL, 10) : (guint32)g_get_real_time();
}

static void collect(xmlNode *node, GPtrArray *out)
{
	g_ptr_array_add(out, node);
	for (xmlNode *c = pcmk_xml_first_child(node, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		collect(c, out);
	}
}

static xmlNode *pick(GRand *rng, GPtrArray *all, bool root_ok)
{
	guint from = root_ok ? 0 : 1;

	if (all->len <= from) {
		return NULL;
	}
	return g_ptr_array_index(all, g_rand_int_range(rng, (gint32)from, (gint32)all->len));
}

/* Insert @node among @parent's children at a random place. */
static void place(GRand *rng, xmlNode *parent, xmlNode *node)
{
	guint n = 0;
	xmlNode *at;

	for (xmlNode *c = parent->children; c != NULL; c = c->next) {
		n += c != node;
	}
	at = parent->children;
	for (gint32 i = g_rand_int_range(rng, 0, (gint32)n + 1); at != NULL; at = at->next) {
		if (at != node && i-- == 0) {
			break;
		}
	}
	if (at != NULL) {
		xmlAddPrevSibling(at, node);
	} else {
		xmlUnlinkNode(node);
		xmlAddChild(parent, node);
	}
}

static const char *attr_name(GRand *rng)
{
	return attr_names[g_rand_int_range(rng, 0, G_N_ELEMENTS(attr_names))];
}

static void add_element(GRand *rng, xmlNode *parent, int *serial)
{
	xmlNode *child =
		pcmk_xml_add_child(parent, names[g_rand_int_range(rng, 0, G_N_ELEMENTS(names))]);
	char buf[32];

	if (g_rand_int_range(rng, 0, 10) < 6) {
		snprintf(buf, sizeof(buf), "r%d", (*serial)++);
		pcmk_xml_set_attr(child, "id", buf);
	}
	for (gint32 i = g_rand_int_range(rng, 0, 3); i > 0; i--) {
		pcmk_xml_set_attr_int(child, attr_name(rng), g_rand_int_range(rng, 0, 5));
	}
	place(rng, parent, child);
}

static void unset_attr(GRand *rng, xmlNode *node)
{
	guint n = 0;
	xmlAttr *a;

	for (a = node->properties; a != NULL; a = a->next) {
		n++;
	}
	if (n == 0 || node->parent->type == XML_DOCUMENT_NODE) {
		return; /* leave the version on <cib> alone */
	}
	a = node->properties;
	for (gint32 i = g_rand_int_range(rng, 0, (gint32)n); i > 0; i--) {
		a = a->next;
	}
	xmlRemoveProp(a);
}

static void edit_once(GRand *rng, xmlNode *cib, int *serial)
{
	GPtrArray *all = g_ptr_array_new();
	xmlNode *node;
	char buf[32];

	collect(cib, all);
	switch (g_rand_int_range(rng, 0, 8)) {
	case 0:
	case 1:
		add_element(rng, pick(rng, all, true), serial);
		break;
	case 2:
		if ((node = pick(rng, all, false)) != NULL) {
			xmlUnlinkNode(node);
			xmlFreeNode(node);
		}
		break;
	case 3:
		if ((node = pick(rng, all, false)) != NULL) {
			place(rng, node->parent, node);
		}
		break;
	case 4:
	case 5:
		pcmk_xml_set_attr_int(pick(rng, all, true), attr_name(rng),
				      g_rand_int_range(rng, 0, 5));
		break;
	case 6:
		unset_attr(rng, pick(rng, all, true));
		break;
	default:
		node = pick(rng, all, false);
		if (node != NULL && g_rand_boolean(rng)) {
			snprintf(buf, sizeof(buf), "r%d", (*serial)++);
			pcmk_xml_set_attr(node, "id", buf);
		} else if (node != NULL) {
			snprintf(buf, sizeof(buf), "note %d", g_rand_int_range(rng, 0, 3));
			place(rng, node, xmlNewDocComment(node->doc, (const xmlChar *)buf));
		}
		break;
	}
	g_ptr_array_free(all, TRUE);
}

void patch_random_edit(GRand *rng, xmlNode *cib, int count, int *serial)
{
	for (int i = 0; i < count; i++) {
		edit_once(rng, cib, serial);
	}
	cib_version_bump(cib, false);
}
