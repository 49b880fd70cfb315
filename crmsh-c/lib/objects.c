/*
 * node, fencing_topology and alert.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

static const char *const node_types[] = { "normal", "member", "ping", "remote", NULL };

static bool is_node_type(const char *w)
{
	for (size_t i = 0; node_types[i] != NULL; i++) {
		if (strcmp(node_types[i], w) == 0) {
			return true;
		}
	}
	return false;
}

/* [$id=ID] NAME[:TYPE] or "ID: NAME" (crmsh's show form) */
static int node_name(struct parser *p, xmlNode *node)
{
	const char *w = p_next(p);
	char *id = NULL;

	if ((w != NULL) && g_str_has_prefix(w, "$id=")) {
		id = g_strdup(w + 4);
		w = p_next(p);
	}
	if (w == NULL) {
		g_free(id);
		return p_fail(p, "expected <uname>");
	}
	if (g_str_has_suffix(w, ":") && (p_peek(p) != NULL) && !nv_is_pair(p_peek(p)) &&
	    (strcmp(p_peek(p), "attributes") != 0) && (strcmp(p_peek(p), "utilization") != 0)) {
		g_free(id);
		id = g_strndup(w, strlen(w) - 1);
		w = p_next(p);
	}
	{
		char **parts = g_strsplit(w, ":", 2);

		pcmk_xml_set_attr(node, "uname", parts[0]);
		pcmk_xml_set_attr(node, "id", (id != NULL) ? id : parts[0]);
		if ((parts[1] != NULL) && is_node_type(parts[1])) {
			pcmk_xml_set_attr(node, "type", parts[1]);
		}
		g_strfreev(parts);
	}
	g_free(id);
	return 0;
}

int parse_node(struct parser *p, struct crmconf_cmd *cmd)
{
	cmd->xml = pcmk_xml_new_root("node");
	if (node_name(p, cmd->xml) < 0) {
		return -EINVAL;
	}
	p_claim_id(p, pcmk_xml_attr(cmd->xml, "id"));
	while (!p_end(p)) {
		const char *w = p_next(p);
		const char *uname = pcmk_xml_attr(cmd->xml, "uname");
		bool util = strcmp(w, "utilization") == 0;
		char *id = NULL;

		if (!util && (strcmp(w, "attributes") != 0)) {
			p->i--;
			return p_fail(p, "expected attributes or utilization");
		}
		id = g_strdup_printf("%s-%s", uname, util ? "utilization" : "instance_attributes");
		if (nv_parse_set(p, cmd->xml, util ? "utilization" : "instance_attributes", id) ==
		    NULL) {
			g_free(id);
			return p_fail(p, "expected <name>=<value>");
		}
		g_free(id);
	}
	return 0;
}

static void add_level(struct parser *p, xmlNode *topo, const char *target, int index,
		      const char *devices)
{
	xmlNode *lvl = pcmk_xml_add_child(topo, "fencing-level");
	char *id = p_new_id(p, "fencing");

	pcmk_xml_set_attr(lvl, "target", target);
	pcmk_xml_set_attr_int(lvl, "index", index);
	pcmk_xml_set_attr(lvl, "devices", devices);
	pcmk_xml_set_attr(lvl, "id", id);
	g_free(id);
}

/* The targets of levels given without one: every configured node. */
static GPtrArray *all_nodes(struct parser *p)
{
	GPtrArray *names = g_ptr_array_new();
	xmlNode *nodes = (p->cib != NULL) ? cib_section(p->cib, "nodes", false) : NULL;

	for (xmlNode *n = pcmk_xml_first_child(nodes, "node"); n != NULL;
	     n = pcmk_xml_next(n, true)) {
		g_ptr_array_add(names, (gpointer)pcmk_xml_attr(n, "uname"));
	}
	return names;
}

int parse_fencing_topology(struct parser *p, struct crmconf_cmd *cmd)
{
	const char *target = NULL;
	int index = 0;

	cmd->xml = pcmk_xml_new_root("fencing-topology");
	if (!p_end(p) && !g_str_has_suffix(p_peek(p), ":")) {
		GPtrArray *nodes = all_nodes(p);
		size_t start = p->i;

		for (guint n = 0; n < nodes->len; n++) {
			p->i = start;
			for (index = 1; !p_end(p); index++) {
				add_level(p, cmd->xml, g_ptr_array_index(nodes, n), index,
					  p_next(p));
			}
		}
		p->i = p->n;
		g_ptr_array_free(nodes, TRUE);
		return 0;
	}
	while (!p_end(p)) {
		const char *w = p_next(p);

		if (g_str_has_suffix(w, ":")) {
			g_free((char *)target);
			target = g_strndup(w, strlen(w) - 1);
			index = 0;
		} else {
			add_level(p, cmd->xml, target, ++index, w);
		}
	}
	g_free((char *)target);
	return 0;
}

/* alert ID PATH [meta ...] [attributes ...] [to RECIPIENT [meta ...] [attributes ...]]... */
static int alert_sets(struct parser *p, xmlNode *owner)
{
	while ((p_peek(p) != NULL) && (strcmp(p_peek(p), "to") != 0)) {
		const char *w = p_next(p);
		bool meta = strcmp(w, "meta") == 0;
		char *id = NULL;

		if (!meta && (strcmp(w, "attributes") != 0)) {
			p->i--;
			return p_fail(p, "expected meta, attributes or to");
		}
		id = g_strdup_printf("%s-%s", pcmk_xml_attr(owner, "id"),
				     meta ? "meta_attributes" : "instance_attributes");
		{
			char *uid = p_new_id(p, id);

			nv_parse_set(p, owner, meta ? "meta_attributes" : "instance_attributes",
				     uid);
			g_free(uid);
		}
		g_free(id);
	}
	return 0;
}

int parse_alert(struct parser *p, struct crmconf_cmd *cmd)
{
	const char *id = p_next(p);
	const char *path = p_next(p);

	if ((id == NULL) || (path == NULL)) {
		return p_fail(p, "expected <id> <path>");
	}
	cmd->xml = pcmk_xml_new_root("alert");
	pcmk_xml_set_attr(cmd->xml, "id", id);
	pcmk_xml_set_attr(cmd->xml, "path", path);
	p_claim_id(p, id);
	if (alert_sets(p, cmd->xml) < 0) {
		return -EINVAL;
	}
	while (p_accept(p, "to")) {
		xmlNode *r = pcmk_xml_add_child(cmd->xml, "recipient");
		char *base = g_strdup_printf("%s-recipient", id);
		char *rid = p_new_id(p, base);

		pcmk_xml_set_attr(r, "id", rid);
		g_free(base);
		g_free(rid);
		if (p_end(p)) {
			return p_fail(p, "expected <recipient>");
		}
		pcmk_xml_set_attr(r, "value", p_next(p));
		if (alert_sets(p, r) < 0) {
			return -EINVAL;
		}
	}
	return 0;
}
