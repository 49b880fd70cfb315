/*
 * Changing the document: adding a defined object to its section, and the
 * edit commands delete, rename and modgroup, which keep references
 * (constraints, tags, groups) consistent as crmsh does.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

#include "crmconf_int.h"

static const struct {
	const char *tag;
	const char *section;
} homes[] = {
	{ "primitive", "resources" },
	{ "template", "resources" },
	{ "group", "resources" },
	{ "clone", "resources" },
	{ "master", "resources" },
	{ "rsc_location", "constraints" },
	{ "rsc_colocation", "constraints" },
	{ "rsc_order", "constraints" },
	{ "rsc_ticket", "constraints" },
	{ "node", "nodes" },
	{ "tag", "tags" },
	{ "alert", "alerts" },
};

static const char *home_of(const xmlNode *elem)
{
	for (size_t i = 0; i < G_N_ELEMENTS(homes); i++) {
		if (pcmk_xml_is(elem, homes[i].tag)) {
			return homes[i].section;
		}
	}
	return NULL;
}

/* fencing_topology replaces the whole section. */
static int apply_section(xmlDoc *cib, const xmlNode *elem)
{
	xmlNode *old = cib_section(cib, (const char *)elem->name, false);
	xmlNode *copy = xmlDocCopyNode((xmlNode *)elem, cib, 1);

	if (old != NULL) {
		xmlReplaceNode(old, copy);
		xmlFreeNode(old);
	} else {
		xmlAddChild(cib_config(cib), copy);
	}
	return 0;
}

int apply_define(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs)
{
	const char *sec_name = home_of(cmd->xml);
	const char *id = pcmk_xml_attr(cmd->xml, "id");
	xmlNode *old = NULL, *copy = NULL;

	if (sec_name == NULL) {
		return apply_section(cib, cmd->xml);
	}
	old = cib_find_object(cib, id);
	if ((old != NULL) && !opts->replace_existing) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR,
				 "Cannot create %s with ID '%s': Found existing %s with same ID.",
				 cib_kind(cmd->xml), id, cib_kind(old));
		return -EEXIST;
	}
	copy = xmlDocCopyNode(cmd->xml, cib, 1);
	if (old != NULL) {
		xmlReplaceNode(old, copy);
		xmlFreeNode(old);
	} else {
		xmlAddChild(cib_section(cib, sec_name, true), copy);
	}
	return 0;
}

/* Attributes that name a resource in a constraint or elsewhere. */
static const char *const ref_attrs[] = { "rsc", "with-rsc", "first", "then", "template", NULL };

static void rename_refs(xmlNode *node, const char *from, const char *to)
{
	for (xmlNode *c = pcmk_xml_first_child(node, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		for (size_t i = 0; ref_attrs[i] != NULL; i++) {
			if (g_strcmp0(pcmk_xml_attr(c, ref_attrs[i]), from) == 0) {
				pcmk_xml_set_attr(c, ref_attrs[i], to);
			}
		}
		if ((pcmk_xml_is(c, "resource_ref") || pcmk_xml_is(c, "obj_ref")) &&
		    (g_strcmp0(pcmk_xml_attr(c, "id"), from) == 0)) {
			pcmk_xml_set_attr(c, "id", to);
		}
		rename_refs(c, from, to);
	}
}

int apply_rename(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs)
{
	const char *from = NULL, *to = NULL;
	xmlNode *obj = NULL;

	(void)opts;
	if (cmd->args->len != 2) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "usage: rename <old_id> <new_id>");
		return -EINVAL;
	}
	from = g_ptr_array_index(cmd->args, 0);
	to = g_ptr_array_index(cmd->args, 1);
	obj = cib_find_object(cib, from);
	if (obj == NULL) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "object %s does not exist", from);
		return -ENOENT;
	}
	if (id_in_doc(cib, to)) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s: id is already in use", to);
		return -EEXIST;
	}
	pcmk_xml_set_attr(obj, "id", to);
	rename_refs(cib_config(cib), from, to);
	return 0;
}

/* Drop the references to @id from constraint @cons; returns true when
 * the constraint no longer makes sense (a plain end is gone, or no set is
 * left). */
static bool unref_constraint(xmlNode *cons, const char *id, bool *changed)
{
	xmlNode *set = NULL, *next = NULL;

	for (size_t i = 0; ref_attrs[i] != NULL; i++) {
		if (g_strcmp0(pcmk_xml_attr(cons, ref_attrs[i]), id) == 0) {
			return true;
		}
	}
	for (set = pcmk_xml_first_child(cons, "resource_set"); set != NULL; set = next) {
		xmlNode *ref = NULL, *rnext = NULL;

		next = pcmk_xml_next(set, true);
		for (ref = pcmk_xml_first_child(set, "resource_ref"); ref != NULL; ref = rnext) {
			rnext = pcmk_xml_next(ref, true);
			if (g_strcmp0(pcmk_xml_attr(ref, "id"), id) == 0) {
				pcmk_xml_free(ref);
				*changed = true;
			}
		}
		if (pcmk_xml_first_child(set, "resource_ref") == NULL) {
			pcmk_xml_free(set);
		}
	}
	return *changed && (pcmk_xml_first_child(cons, "resource_set") == NULL);
}

static void unref_constraints(xmlDoc *cib, const char *id, struct crmconf_msgs *msgs)
{
	xmlNode *cons = pcmk_xml_first_child(cib_section(cib, "constraints", false), NULL);

	while (cons != NULL) {
		xmlNode *next = pcmk_xml_next(cons, false);
		bool changed = false;

		if (unref_constraint(cons, id, &changed)) {
			crmconf_msgs_add(msgs, CRMCONF_INFO, "hanging %s:%s deleted",
					 cib_kind(cons), pcmk_xml_attr(cons, "id"));
			pcmk_xml_free(cons);
		} else if (changed) {
			crmconf_msgs_add(msgs, CRMCONF_INFO, "constraint %s:%s updated",
					 cib_kind(cons), pcmk_xml_attr(cons, "id"));
		}
		cons = next;
	}
}

static void unref_tags(xmlDoc *cib, const char *id)
{
	xmlNode *tag = pcmk_xml_first_child(cib_section(cib, "tags", false), "tag");

	while (tag != NULL) {
		xmlNode *next = pcmk_xml_next(tag, true), *ref = NULL, *rnext = NULL;

		for (ref = pcmk_xml_first_child(tag, "obj_ref"); ref != NULL; ref = rnext) {
			rnext = pcmk_xml_next(ref, true);
			if (g_strcmp0(pcmk_xml_attr(ref, "id"), id) == 0) {
				pcmk_xml_free(ref);
			}
		}
		if (pcmk_xml_first_child(tag, "obj_ref") == NULL) {
			pcmk_xml_free(tag);
		}
		tag = next;
	}
}

/* Remove @obj; a group or clone left without resources goes too. */
static void remove_object(xmlDoc *cib, xmlNode *obj, struct crmconf_msgs *msgs)
{
	xmlNode *parent = obj->parent;
	char *id = g_strdup(pcmk_xml_attr(obj, "id"));

	pcmk_xml_free(obj);
	unref_constraints(cib, id, msgs);
	unref_tags(cib, id);
	g_free(id);
	if ((pcmk_xml_is(parent, "group") || pcmk_xml_is(parent, "clone") ||
	     pcmk_xml_is(parent, "master")) &&
	    (pcmk_xml_first_child(parent, "primitive") == NULL) &&
	    (pcmk_xml_first_child(parent, "group") == NULL)) {
		remove_object(cib, parent, msgs);
	}
}

int apply_delete(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		 struct crmconf_msgs *msgs)
{
	(void)opts;
	for (guint i = 0; i < cmd->args->len; i++) {
		if (cib_find_object(cib, g_ptr_array_index(cmd->args, i)) == NULL) {
			crmconf_msgs_add(msgs, CRMCONF_ERROR, "object %s does not exist",
					 (const char *)g_ptr_array_index(cmd->args, i));
			return -ENOENT;
		}
	}
	for (guint i = 0; i < cmd->args->len; i++) {
		remove_object(cib, cib_find_object(cib, g_ptr_array_index(cmd->args, i)), msgs);
	}
	return 0;
}

/* modgroup GROUP add RSC [before|after RSC] | remove RSC */
static int modgroup_add(xmlDoc *cib, xmlNode *group, xmlNode *rsc, const struct crmconf_cmd *cmd,
			struct crmconf_msgs *msgs)
{
	xmlNode *anchor = NULL;
	bool after = false;

	if (cmd->args->len == 5) {
		after = strcmp(g_ptr_array_index(cmd->args, 3), "after") == 0;
		anchor = cib_find_object(cib, g_ptr_array_index(cmd->args, 4));
		if ((anchor == NULL) || (anchor->parent != group)) {
			crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s is not in group %s",
					 (const char *)g_ptr_array_index(cmd->args, 4),
					 pcmk_xml_attr(group, "id"));
			return -ENOENT;
		}
	}
	if (rsc->parent == group) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s already in group %s",
				 pcmk_xml_attr(rsc, "id"), pcmk_xml_attr(group, "id"));
		return -EEXIST;
	}
	xmlUnlinkNode(rsc);
	if (anchor == NULL) {
		xmlAddChild(group, rsc);
	} else if (after) {
		xmlAddNextSibling(anchor, rsc);
	} else {
		xmlAddPrevSibling(anchor, rsc);
	}
	return 0;
}

static int modgroup_remove(xmlDoc *cib, xmlNode *group, xmlNode *rsc, struct crmconf_msgs *msgs)
{
	if (rsc->parent != group) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s is not in group %s",
				 pcmk_xml_attr(rsc, "id"), pcmk_xml_attr(group, "id"));
		return -ENOENT;
	}
	xmlUnlinkNode(rsc);
	xmlAddChild(cib_section(cib, "resources", true), rsc);
	return 0;
}

int apply_modgroup(xmlDoc *cib, const struct crmconf_cmd *cmd, const struct crmconf_options *opts,
		   struct crmconf_msgs *msgs)
{
	GPtrArray *a = cmd->args;
	xmlNode *group = NULL, *rsc = NULL;
	bool add = false;

	(void)opts;
	if ((a->len != 3) && (a->len != 5)) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR,
				 "usage: modgroup <id> add <id> [after <id>|before <id>] | "
				 "modgroup <id> remove <id>");
		return -EINVAL;
	}
	add = strcmp(g_ptr_array_index(a, 1), "add") == 0;
	group = cib_find_object(cib, g_ptr_array_index(a, 0));
	rsc = cib_find_object(cib, g_ptr_array_index(a, 2));
	if (!pcmk_xml_is(group, "group") || !pcmk_xml_is(rsc, "primitive")) {
		crmconf_msgs_add(msgs, CRMCONF_ERROR, "%s is not a group or %s not a primitive",
				 (const char *)g_ptr_array_index(a, 0),
				 (const char *)g_ptr_array_index(a, 2));
		return -ENOENT;
	}
	return add ? modgroup_add(cib, group, rsc, cmd, msgs)
		   : modgroup_remove(cib, group, rsc, msgs);
}

void crmconf_erase(xmlDoc *cib, bool nodes)
{
	static const char *const emptied[] = { "crm_config", "resources", "constraints" };
	static const char *const removed[] = { "rsc_defaults", "op_defaults", "tags",
					       "fencing-topology", "alerts" };

	for (size_t i = 0; i < G_N_ELEMENTS(emptied); i++) {
		xmlNode *sec = cib_section(cib, emptied[i], true);

		while (sec->children != NULL) {
			xmlNode *c = sec->children;

			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(removed); i++) {
		pcmk_xml_free(cib_section(cib, removed[i], false));
	}
	if (nodes) {
		xmlNode *sec = cib_section(cib, "nodes", true);

		while (sec->children != NULL) {
			xmlNode *c = sec->children;

			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
	}
}
