/*
 * `show`: the configuration in crmsh's order (nodes, resources by kind,
 * tags, constraints, fencing topology, properties, defaults), each kind
 * sorted by id, and the shared bits of rendering (values, scores, raw
 * XML for what the language cannot express).
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

/* Characters a value may hold without quotes. */
static bool plain_value(const char *v)
{
	if (*v == '\0') {
		return false;
	}
	for (; *v != '\0'; v++) {
		if (!g_ascii_isalnum(*v) && (strchr("_.-+:", *v) == NULL)) {
			return false;
		}
	}
	return true;
}

void render_value(GString *out, const char *value)
{
	if (plain_value(value)) {
		g_string_append(out, value);
		return;
	}
	g_string_append_c(out, '"');
	for (const char *c = value; *c != '\0'; c++) {
		if ((*c == '"') || (*c == '\\')) {
			g_string_append_c(out, '\\');
		}
		g_string_append_c(out, *c);
	}
	g_string_append_c(out, '"');
}

/* Parameters whose values show hides. */
static bool secret_name(const char *name)
{
	return (strcmp(name, "password") == 0) || (strcmp(name, "passwd") == 0);
}

void render_nvs(GString *out, const xmlNode *set, const char *sep, bool hide)
{
	bool first = true;

	for (xmlNode *nv = pcmk_xml_first_child(set, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		const char *name = pcmk_xml_attr(nv, "name");
		const char *value = pcmk_xml_attr(nv, "value");

		g_string_append_printf(out, "%s%s=", first ? "" : sep, name ? name : "");
		render_value(out,
			     (hide && name && secret_name(name)) ? "******" : (value ? value : ""));
		first = false;
	}
}

void render_score(GString *out, const char *score)
{
	static const struct {
		const char *xml;
		const char *cli;
	} inf[] = { { "INFINITY", "inf" }, { "+INFINITY", "+inf" }, { "-INFINITY", "-inf" } };

	for (size_t i = 0; i < G_N_ELEMENTS(inf); i++) {
		if (g_ascii_strcasecmp(score, inf[i].xml) == 0) {
			g_string_append(out, inf[i].cli);
			return;
		}
	}
	g_string_append(out, score);
}

char *render_raw_xml(const xmlNode *elem)
{
	char *text = pcmk_xml_to_string(elem, true);
	GString *out = g_string_new("xml ");
	char **lines = g_strsplit(text ? text : "", "\n", -1);
	bool first = true;

	for (size_t i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0') {
			continue;
		}
		g_string_append_printf(out, "%s%s", first ? "" : " \\\n", lines[i]);
		first = false;
	}
	g_strfreev(lines);
	free(text);
	return g_string_free(out, FALSE);
}

char *crmconf_render(const xmlNode *elem)
{
	GString *out = g_string_new(NULL);

	if (cib_is_resource(elem) || pcmk_xml_is(elem, "template")) {
		render_resource(out, elem);
	} else if (!render_constraint(out, elem)) {
		render_misc(out, elem);
	}
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return render_raw_xml(elem);
	}
	return g_string_free(out, FALSE);
}

/* The kinds in the order show prints them; within a kind by id, except
 * the attribute sets, which keep the document's order. */
enum rank {
	R_NODE,
	R_TEMPLATE,
	R_PRIMITIVE,
	R_GROUP,
	R_CLONE,
	R_TAG,
	R_CONSTRAINT,
	R_TOPOLOGY,
	R_PROPERTY,
	R_RSC_DEFAULTS,
	R_OP_DEFAULTS,
	R_ALERT,
	R_COUNT
};

static const struct {
	const char *tag;
	enum rank rank;
} ranks[] = {
	{ "node", R_NODE },
	{ "template", R_TEMPLATE },
	{ "primitive", R_PRIMITIVE },
	{ "group", R_GROUP },
	{ "clone", R_CLONE },
	{ "master", R_CLONE },
	{ "tag", R_TAG },
	{ "rsc_location", R_CONSTRAINT },
	{ "rsc_colocation", R_CONSTRAINT },
	{ "rsc_order", R_CONSTRAINT },
	{ "rsc_ticket", R_CONSTRAINT },
	{ "fencing-topology", R_TOPOLOGY },
	{ "alert", R_ALERT },
};

static int rank_of(const xmlNode *n)
{
	const char *parent = (n->parent != NULL) ? (const char *)n->parent->name : "";

	if (pcmk_xml_is(n, "cluster_property_set")) {
		return R_PROPERTY;
	}
	if (pcmk_xml_is(n, "meta_attributes") && (strcmp(parent, "rsc_defaults") == 0)) {
		return R_RSC_DEFAULTS;
	}
	if (pcmk_xml_is(n, "meta_attributes") && (strcmp(parent, "op_defaults") == 0)) {
		return R_OP_DEFAULTS;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(ranks); i++) {
		if (pcmk_xml_is(n, ranks[i].tag)) {
			return ranks[i].rank;
		}
	}
	return -1;
}

/* Objects of @node's children; sections (@top) and containers are
 * searched too, so that grouped and cloned primitives are listed. */
static void collect(xmlNode *node, GPtrArray **by_rank, bool top)
{
	for (xmlNode *c = pcmk_xml_first_child(node, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		int r = rank_of(c);

		if (r >= 0) {
			g_ptr_array_add(by_rank[r], c);
		}
		if ((top && (r < 0)) || pcmk_xml_is(c, "group") || pcmk_xml_is(c, "clone") ||
		    pcmk_xml_is(c, "master")) {
			collect(c, by_rank, false);
		}
	}
}

static gint by_id(gconstpointer a, gconstpointer b)
{
	const xmlNode *x = *(const xmlNode *const *)a;
	const xmlNode *y = *(const xmlNode *const *)b;

	return g_strcmp0(pcmk_xml_attr(x, "id"), pcmk_xml_attr(y, "id"));
}

static bool wanted(const xmlNode *n, const char *const *ids)
{
	const char *id = pcmk_xml_attr(n, "id");

	for (size_t i = 0; (ids != NULL) && (ids[i] != NULL); i++) {
		if (g_strcmp0(ids[i], id) == 0) {
			return true;
		}
	}
	return ids == NULL;
}

static void check_ids(xmlDoc *cib, const char *const *ids, struct crmconf_msgs *msgs)
{
	for (size_t i = 0; (ids != NULL) && (ids[i] != NULL); i++) {
		if (cib_find_object(cib, ids[i]) == NULL) {
			crmconf_msgs_add(msgs, CRMCONF_ERROR, "object %s does not exist", ids[i]);
		}
	}
}

char *crmconf_show(xmlDoc *cib, const char *const *ids, struct crmconf_msgs *msgs)
{
	GPtrArray *by_rank[R_COUNT];
	GString *out = g_string_new(NULL);

	check_ids(cib, ids, msgs);
	for (int r = 0; r < R_COUNT; r++) {
		by_rank[r] = g_ptr_array_new();
	}
	collect(cib_config(cib), by_rank, true);
	for (int r = 0; r < R_COUNT; r++) {
		if ((r < R_TOPOLOGY) || (r == R_ALERT)) {
			g_ptr_array_sort(by_rank[r], by_id);
		}
		for (guint i = 0; i < by_rank[r]->len; i++) {
			xmlNode *n = g_ptr_array_index(by_rank[r], i);
			char *text = NULL;

			if (!wanted(n, ids)) {
				continue;
			}
			text = crmconf_render(n);
			g_string_append_printf(out, "%s\n", text);
			g_free(text);
		}
		g_ptr_array_free(by_rank[r], TRUE);
	}
	return g_string_free(out, FALSE);
}
