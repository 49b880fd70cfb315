/*
 * property, rsc_defaults, op_defaults: name=value lists merged into a
 * named set of crm_config / rsc_defaults / op_defaults.  "NAME:" (or
 * $id=NAME) first names the set; without it properties go to
 * cib-bootstrap-options and defaults to the section's first set (or
 * rsc-options / op-options when there is none).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

struct nvset_kind {
	const char *command;
	const char *section;
	const char *set_tag;
	const char *default_id;
};

static const struct nvset_kind kinds[] = {
	{ "property", "crm_config", "cluster_property_set", "cib-bootstrap-options" },
	{ "rsc_defaults", "rsc_defaults", "meta_attributes", "rsc-options" },
	{ "op_defaults", "op_defaults", "meta_attributes", "op-options" },
};

static const struct nvset_kind *kind_of(const char *command)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++) {
		if (strcmp(kinds[i].command, command) == 0) {
			return &kinds[i];
		}
	}
	return &kinds[0];
}

/* The set the command goes to when it names none. */
static char *default_set(struct parser *p, const struct nvset_kind *k)
{
	xmlNode *sec = (p->cib != NULL) ? cib_section(p->cib, k->section, false) : NULL;
	xmlNode *first = pcmk_xml_first_child(sec, k->set_tag);

	if ((first != NULL) && (strcmp(k->command, "property") != 0)) {
		return g_strdup(pcmk_xml_attr(first, "id"));
	}
	return g_strdup(k->default_id);
}

static char *set_name(struct parser *p, const struct nvset_kind *k)
{
	const char *w = p_peek(p);

	if ((w != NULL) && g_str_has_prefix(w, "$id=")) {
		p->i++;
		return g_strdup(w + 4);
	}
	if ((w != NULL) && g_str_has_suffix(w, ":") && (strlen(w) > 1)) {
		p->i++;
		return g_strndup(w, strlen(w) - 1);
	}
	return default_set(p, k);
}

static int parse_nvset_cmd(struct parser *p, struct crmconf_cmd *cmd)
{
	const struct nvset_kind *k = kind_of(p->cmd);
	char *id = set_name(p, k);

	cmd->xml = pcmk_xml_new_root(k->set_tag);
	pcmk_xml_set_attr(cmd->xml, "id", id);
	g_free(id);
	while (nv_is_pair(p_peek(p))) {
		nv_add_pair(p, cmd->xml, p_next(p));
	}
	if (!p_end(p) || (pcmk_xml_first_child(cmd->xml, "nvpair") == NULL)) {
		return p_fail(p, "expected <name>=<value>");
	}
	return 0;
}

int parse_property(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_nvset_cmd(p, cmd);
}

int parse_rsc_defaults(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_nvset_cmd(p, cmd);
}

int parse_op_defaults(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_nvset_cmd(p, cmd);
}

static xmlNode *find_set(xmlNode *sec, const char *tag, const char *id)
{
	for (xmlNode *s = pcmk_xml_first_child(sec, tag); s != NULL; s = pcmk_xml_next(s, true)) {
		if (g_strcmp0(pcmk_xml_attr(s, "id"), id) == 0) {
			return s;
		}
	}
	return NULL;
}

int apply_nvset(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		struct crmconf_msgs *msgs)
{
	const struct nvset_kind *k = kind_of(cmd->def->name);
	xmlNode *sec = cib_section(cib, k->section, true);
	xmlNode *set = find_set(sec, k->set_tag, pcmk_xml_attr(cmd->xml, "id"));

	(void)opts;
	(void)msgs;
	if (set == NULL) {
		xmlAddChild(sec, xmlDocCopyNode(cmd->xml, cib, 1));
		return 0;
	}
	for (xmlNode *nv = pcmk_xml_first_child(cmd->xml, "nvpair"); nv != NULL;
	     nv = pcmk_xml_next(nv, true)) {
		nv_set(cib, set, pcmk_xml_attr(nv, "name"), pcmk_xml_attr(nv, "value"));
	}
	return 0;
}
