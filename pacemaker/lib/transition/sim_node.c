/*
 * Node states in the CIB status as crm_simulate changes them: found by
 * name, created with the configured node's id, switched online/offline.
 */
#include <errno.h>
#include <string.h>
#include <glib.h>

#include <crm/common/xml.h>

#include "sim_private.h"

xmlNode *sim_status(xmlNode *cib)
{
	xmlNode *status = NULL;

	if (!pcmk_xml_is(cib, "cib")) {
		return NULL;
	}
	status = pcmk_xml_first_child(cib, "status");
	return (status != NULL) ? status : sim_add_child(cib, "status");
}

static xmlNode *child_with(const xmlNode *parent, const char *name, const char *attr,
			   const char *value)
{
	for (xmlNode *c = pcmk_xml_first_child(parent, name); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		const char *v = pcmk_xml_attr(c, attr);

		if (v != NULL && strcmp(v, value) == 0) {
			return c;
		}
	}
	return NULL;
}

static xmlNode *config_nodes(xmlNode *cib)
{
	return pcmk_xml_first_child(pcmk_xml_first_child(cib, "configuration"), "nodes");
}

xmlNode *sim_node_state(xmlNode *cib, const char *uname, const char *uuid)
{
	xmlNode *status = sim_status(cib);
	xmlNode *state = child_with(status, "node_state", "uname", uname);
	xmlNode *node = NULL;

	if (state != NULL || status == NULL) {
		return state;
	}
	if (uuid == NULL) {
		node = child_with(config_nodes(cib), "node", "uname", uname);
		uuid = (node != NULL) ? pcmk_xml_attr(node, "id") : uname;
	}
	/* A state written before the node's name was known. */
	state = child_with(status, "node_state", "id", uuid);
	if (state == NULL) {
		state = sim_add_child(status, "node_state");
		if (state == NULL || pcmk_xml_set_attr(state, "id", uuid) < 0) {
			return NULL;
		}
	}
	return (pcmk_xml_set_attr(state, "uname", uname) < 0) ? NULL : state;
}

void sim_node_set_up(xmlNode *state, bool up)
{
	pcmk_xml_set_attr(state, "in_ccm", up ? "true" : "false");
	pcmk_xml_set_attr(state, "crmd", up ? "online" : "offline");
	pcmk_xml_set_attr(state, "join", up ? "member" : "down");
	pcmk_xml_set_attr(state, "expected", up ? "member" : "down");
	pcmk_xml_set_attr(state, "crm-debug-origin", SIM_ORIGIN);
}

static bool blank_text(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE && xmlIsBlankNode((xmlNode *)n);
}

/* The indentation of a parsed CIB stays as text nodes; an element that
 * holds any text is printed unindented, so the text goes once children
 * are added or removed. */
static void drop_blank_text(xmlNode *parent)
{
	for (xmlNode *t = parent->children, *next = NULL; t != NULL; t = next) {
		next = t->next;
		if (blank_text(t)) {
			xmlUnlinkNode(t);
			xmlFreeNode(t);
		}
	}
}

xmlNode *sim_add_child(xmlNode *parent, const char *name)
{
	if (parent != NULL) {
		drop_blank_text(parent);
	}
	return pcmk_xml_add_child(parent, name);
}

void sim_remove_children(xmlNode *parent, const char *name)
{
	xmlNode *c = pcmk_xml_first_child(parent, name);

	while (c != NULL) {
		xmlNode *next = pcmk_xml_next(c, true);

		xmlUnlinkNode(c);
		xmlFreeNode(c);
		c = next;
	}
	if (parent != NULL) {
		drop_blank_text(parent);
	}
}

/* crm_simulate -u also makes the node part of the configuration. */
static int ensure_configured(xmlNode *cib, const char *uname)
{
	xmlNode *nodes = config_nodes(cib);
	xmlNode *node = NULL;

	if (nodes == NULL || child_with(nodes, "node", "uname", uname) != NULL) {
		return 0;
	}
	node = sim_add_child(nodes, "node");
	if (node == NULL || pcmk_xml_set_attr(node, "id", uname) < 0 ||
	    pcmk_xml_set_attr(node, "uname", uname) < 0) {
		return -ENOMEM;
	}
	return 0;
}

/* What crm_simulate says for each change: "<before> NODE<after>". */
static const struct {
	const char *before;
	const char *after;
} change_words[] = {
	[SIM_NODE_UP] = { "Bringing node ", " online" },
	[SIM_NODE_DOWN] = { "Taking node ", " offline" },
	[SIM_NODE_FAIL] = { "Failing node ", "" },
};

int sim_inject_node(xmlNode *cib, const char *uname, enum sim_node_change change, FILE *out)
{
	xmlNode *state = NULL;

	if (sim_status(cib) == NULL || uname == NULL ||
	    (size_t)change >= G_N_ELEMENTS(change_words)) {
		return -EINVAL;
	}
	if (out != NULL) {
		fprintf(out, "  * %s%s%s\n", change_words[change].before, uname,
			change_words[change].after);
	}
	if (change == SIM_NODE_UP && ensure_configured(cib, uname) < 0) {
		return -ENOMEM;
	}
	state = sim_node_state(cib, uname, NULL);
	if (state == NULL) {
		return -ENOMEM;
	}
	sim_node_set_up(state, change != SIM_NODE_DOWN);
	if (change == SIM_NODE_FAIL) {
		pcmk_xml_set_attr(state, "in_ccm", "false");
	} else if (change == SIM_NODE_DOWN) {
		sim_remove_children(state, "lrm");
		sim_remove_children(state, "transient_attributes");
	}
	return 0;
}

int sim_inject_quorum(xmlNode *cib, const char *value, FILE *out)
{
	if (!pcmk_xml_is(cib, "cib") || value == NULL) {
		return -EINVAL;
	}
	if (out != NULL) {
		fprintf(out, "  * Setting quorum: %s\n", value);
	}
	return pcmk_xml_set_attr(cib, "have-quorum", value);
}
