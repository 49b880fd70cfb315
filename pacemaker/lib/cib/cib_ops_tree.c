/*
 * Tree helpers of the CIB operations: finding the element an update
 * stands for and merging an update into it, with pacemaker's matching
 * rules (name and id) and its "value++" / "value+=N" increments.
 */
#include <errno.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

static bool same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

const char *cib_tree_attr_or_empty(const xmlNode *node, const char *name)
{
	const char *value = pcmk_xml_attr(node, name);

	return value != NULL ? value : "";
}

xmlNode *cib_tree_find_like(xmlNode *root, const xmlNode *update)
{
	if (xmlStrEqual(root->name, update->name) &&
	    same_str(pcmk_xml_attr(root, "id"), pcmk_xml_attr(update, "id"))) {
		return root;
	}
	for (xmlNode *c = pcmk_xml_first_child(root, NULL); c != NULL;
	     c = pcmk_xml_next(c, false)) {
		xmlNode *found = cib_tree_find_like(c, update);

		if (found != NULL) {
			return found;
		}
	}
	return NULL;
}

/* "name++" adds one, "name+=N" adds the score N; anything else is no
 * increment.  Trailing text after "++" is ignored, as pacemaker does. */
static bool increment_of(const char *name, const char *value, int *offset)
{
	size_t len = strlen(name);

	if (strncmp(value, name, len) != 0 || value[len] != '+') {
		return false;
	}
	if (value[len + 1] == '+') {
		*offset = 1;
		return true;
	}
	if (value[len + 1] == '=') {
		*offset = pcmk_score_from_string(value + len + 2);
		return true;
	}
	return false;
}

static int merge_attr(xmlNode *target, const char *name, const char *value)
{
	const char *old = pcmk_xml_attr(target, name);
	int offset = 0;
	long long sum;

	if (!increment_of(name, value, &offset)) {
		return pcmk_xml_set_attr(target, name, value);
	}
	/* a missing value counts as 0, as in pacemaker */
	sum = (long long)(old != NULL ? pcmk_score_from_string(old) : 0) + offset;
	if (sum > PCMK_SCORE_INFINITY) {
		sum = PCMK_SCORE_INFINITY;
	}
	return pcmk_xml_set_attr_int(target, name, sum);
}

static int merge_attrs(xmlNode *target, const xmlNode *update)
{
	for (const xmlAttr *a = update->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;
		int rc = merge_attr(target, name, pcmk_xml_attr(update, name));

		if (rc < 0) {
			return rc;
		}
	}
	return 0;
}

/* The child of @parent an update child stands for: by id, else by idref,
 * else the first of its name. */
static xmlNode *matching_child(xmlNode *parent, const xmlNode *update)
{
	const char *key = "id";
	const char *value = pcmk_xml_attr(update, key);

	if (value == NULL) {
		key = "idref";
		value = pcmk_xml_attr(update, key);
	}
	for (xmlNode *c = pcmk_xml_first_child(parent, (const char *)update->name); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		if (value == NULL || same_str(pcmk_xml_attr(c, key), value)) {
			return c;
		}
	}
	return NULL;
}

int cib_tree_merge(xmlNode *target, const xmlNode *update)
{
	int rc = merge_attrs(target, update);

	for (const xmlNode *u = pcmk_xml_first_child(update, NULL); rc == 0 && u != NULL;
	     u = pcmk_xml_next(u, false)) {
		xmlNode *child = matching_child(target, u);

		if (child == NULL) {
			child = pcmk_xml_add_child(target, (const char *)u->name);
		}
		rc = child != NULL ? cib_tree_merge(child, u) : -ENOMEM;
	}
	return rc;
}

xmlNode *cib_tree_append_copy(xmlNode *parent, const xmlNode *node)
{
	xmlNode *copy = xmlDocCopyNode((xmlNode *)node, parent->doc, 1);

	if (copy == NULL) {
		return NULL;
	}
	if (xmlAddChild(parent, copy) == NULL) {
		xmlFreeNode(copy);
		return NULL;
	}
	return copy;
}

void cib_tree_remove(xmlNode *node)
{
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}
