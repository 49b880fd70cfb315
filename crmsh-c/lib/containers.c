/*
 * group, clone, ms and tag: objects made of other objects.  The parser
 * records the member ids; applying moves the members into the container.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

static bool is_attr_word(const char *w)
{
	return (strcmp(w, "meta") == 0) || (strcmp(w, "params") == 0) ||
	       (strcmp(w, "param") == 0) || nv_is_pair(w);
}

/* ID member... [meta ...] [params ...]; @max members (0: any number). */
static int parse_members(struct parser *p, struct crmconf_cmd *cmd, const char *tag, size_t max)
{
	const char *id = p_next(p);

	if (id == NULL) {
		return p_fail(p, "expected <id>");
	}
	cmd->xml = pcmk_xml_new_root(tag);
	pcmk_xml_set_attr(cmd->xml, "id", id);
	p_claim_id(p, id);
	while (!p_end(p) && !is_attr_word(p_peek(p))) {
		if ((max != 0) && (cmd->args->len == max)) {
			return p_fail(p, "expected meta or params");
		}
		g_ptr_array_add(cmd->args, g_strdup(p_next(p)));
	}
	if (cmd->args->len == 0) {
		return p_fail(p, "expected <rsc>");
	}
	return parse_rsc_attrs(p, cmd->xml, false);
}

int parse_group(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_members(p, cmd, "group", 0);
}

int parse_clone(struct parser *p, struct crmconf_cmd *cmd)
{
	return parse_members(p, cmd, "clone", 1);
}

/* ms is clone ... promotable=true written the old way (<master>). */
int parse_ms(struct parser *p, struct crmconf_cmd *cmd)
{
	int rc = parse_members(p, cmd, "master", 1);
	const char *rest = NULL;

	if (rc < 0) {
		return rc;
	}
	rest = p->line + p->toks[1].pos;
	crmconf_msgs_add(p->msgs, CRMCONF_WARNING,
			 "\"ms\" is deprecated. Please use \"clone %s%s promotable=true\"", rest,
			 (pcmk_xml_first_child(cmd->xml, "meta_attributes") != NULL) ? ""
										     : " meta");
	return 0;
}

/* tag ID[:] member... */
int parse_tag(struct parser *p, struct crmconf_cmd *cmd)
{
	const char *w = p_next(p);
	char *id = NULL;

	if (w == NULL) {
		return p_fail(p, "expected <id>");
	}
	id = g_strdup(w);
	if (g_str_has_suffix(id, ":")) {
		id[strlen(id) - 1] = '\0';
	}
	cmd->xml = pcmk_xml_new_root("tag");
	pcmk_xml_set_attr(cmd->xml, "id", id);
	p_claim_id(p, id);
	g_free(id);
	while (!p_end(p)) {
		pcmk_xml_set_attr(pcmk_xml_add_child(cmd->xml, "obj_ref"), "id", p_next(p));
	}
	if (pcmk_xml_first_child(cmd->xml, "obj_ref") == NULL) {
		return p_fail(p, "expected <rsc>");
	}
	return 0;
}

/* The container @member is in already ("group:g"), or NULL. */
static char *container_of(const xmlNode *member)
{
	const xmlNode *parent = member->parent;

	if (pcmk_xml_is(parent, "group") || pcmk_xml_is(parent, "clone") ||
	    pcmk_xml_is(parent, "master")) {
		return g_strdup_printf("%s:%s", cib_kind(parent), pcmk_xml_attr(parent, "id"));
	}
	return NULL;
}

/* Check every member of @cmd: it exists and is in no container. */
static int check_members(xmlDoc *cib, const struct crmconf_cmd *cmd, struct crmconf_msgs *msgs)
{
	const char *kind = cib_kind(cmd->xml);
	const char *id = pcmk_xml_attr(cmd->xml, "id");

	for (guint i = 0; i < cmd->args->len; i++) {
		const char *m = g_ptr_array_index(cmd->args, i);
		xmlNode *member = cib_find_object(cib, m);
		char *in = NULL;

		if (!cib_is_resource(member)) {
			crmconf_msgs_add(msgs, CRMCONF_ERROR,
					 "Cannot create %s:%s: No such child %s", kind, id, m);
			return -ENOENT;
		}
		in = container_of(member);
		if (in != NULL) {
			crmconf_msgs_add(msgs, CRMCONF_ERROR,
					 "Cannot create %s:%s: Child %s:%s already in %s", kind, id,
					 cib_kind(member), m, in);
			g_free(in);
			return -EINVAL;
		}
	}
	return 0;
}

int apply_container(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		    struct crmconf_msgs *msgs)
{
	xmlNode *container = NULL;
	int rc = check_members(cib, cmd, msgs);

	if (rc < 0) {
		return rc;
	}
	rc = apply_define(cib, cmd, opts, msgs);
	if (rc < 0) {
		return rc;
	}
	container = cib_find_object(cib, pcmk_xml_attr(cmd->xml, "id"));
	for (guint i = 0; i < cmd->args->len; i++) {
		xmlNode *member = cib_find_object(cib, g_ptr_array_index(cmd->args, i));

		xmlUnlinkNode(member);
		xmlAddChild(container, member);
	}
	return 0;
}
