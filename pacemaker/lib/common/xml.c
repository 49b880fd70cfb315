/*
 * Elements and attributes: building trees, walking children, finding an
 * element by id, reading and writing attributes.  Everything here works
 * on elements only, so callers never trip over text or comment nodes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>

static bool valid_name(const char *name)
{
	return name != NULL && xmlValidateName((const xmlChar *)name, 0) == 0;
}

/* XML 1.0 cannot carry most control characters even as character
 * references, so a value holding one would make the CIB unreadable. */
static bool valid_value(const char *value)
{
	if (value == NULL || !xmlCheckUTF8((const unsigned char *)value)) {
		return false;
	}
	for (const unsigned char *c = (const unsigned char *)value; *c != '\0'; c++) {
		if (*c < 0x20 && *c != '\t' && *c != '\n' && *c != '\r') {
			return false;
		}
	}
	return true;
}

xmlNode *pcmk_xml_new_root(const char *name)
{
	xmlDoc *doc;
	xmlNode *root;

	if (!valid_name(name)) {
		return NULL;
	}
	doc = xmlNewDoc((const xmlChar *)"1.0");
	if (doc == NULL) {
		return NULL;
	}
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)name, NULL);
	if (root == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, root);
	return root;
}

xmlNode *pcmk_xml_add_child(xmlNode *parent, const char *name)
{
	if (!pcmk_xml_is(parent, NULL) || !valid_name(name)) {
		return NULL;
	}
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

xmlNode *pcmk_xml_copy(const xmlNode *node)
{
	xmlDoc *doc;
	xmlNode *copy;

	if (!pcmk_xml_is(node, NULL)) {
		return NULL;
	}
	doc = xmlNewDoc((const xmlChar *)"1.0");
	if (doc == NULL) {
		return NULL;
	}
	copy = xmlDocCopyNode((xmlNode *)node, doc, 1);
	if (copy == NULL) {
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, copy);
	return copy;
}

xmlNode *pcmk_xml_detach(xmlNode *node)
{
	xmlDoc *from;
	xmlDoc *doc;

	if (!pcmk_xml_is(node, NULL)) {
		return NULL;
	}
	from = node->doc;
	doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlUnlinkNode(node);
	if (doc == NULL) {
		xmlFreeNode(node);
		return NULL;
	}
	if (from != NULL && from->dict != NULL) {
		/* the same dictionary: names need no copying */
		doc->dict = from->dict;
		xmlDictReference(doc->dict);
	}
	if (xmlDOMWrapAdoptNode(NULL, from, node, doc, NULL, 0) != 0) {
		xmlFreeNode(node);
		xmlFreeDoc(doc);
		return NULL;
	}
	xmlDocSetRootElement(doc, node);
	return node;
}

int pcmk_xml_adopt(xmlNode *parent, xmlNode *root)
{
	xmlDoc *from;

	if (!pcmk_xml_is(parent, NULL) || !pcmk_xml_is(root, NULL) || root->doc == NULL ||
	    xmlDocGetRootElement(root->doc) != root || root->doc == parent->doc) {
		return -EINVAL;
	}
	from = root->doc;
	xmlUnlinkNode(root);
	if (xmlDOMWrapAdoptNode(NULL, from, root, parent->doc, parent, 0) != 0) {
		xmlFreeNode(root);
		xmlFreeDoc(from);
		return -ENOMEM;
	}
	xmlAddChild(parent, root);
	xmlFreeDoc(from);
	return 0;
}

void pcmk_xml_free(xmlNode *node)
{
	if (node == NULL) {
		return;
	}
	if (node->doc != NULL && xmlDocGetRootElement(node->doc) == node) {
		xmlFreeDoc(node->doc);
		return;
	}
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}

bool pcmk_xml_is(const xmlNode *node, const char *name)
{
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       (name == NULL || strcmp((const char *)node->name, name) == 0);
}

/* @node itself or its first following sibling that is @name (any element
 * when NULL). */
static xmlNode *element_from(const xmlNode *node, const char *name)
{
	for (; node != NULL; node = node->next) {
		if (pcmk_xml_is(node, name)) {
			return (xmlNode *)node;
		}
	}
	return NULL;
}

xmlNode *pcmk_xml_first_child(const xmlNode *parent, const char *name)
{
	if (!pcmk_xml_is(parent, NULL)) {
		return NULL;
	}
	return element_from(parent->children, name);
}

xmlNode *pcmk_xml_next(const xmlNode *node, bool same_name)
{
	if (node == NULL) {
		return NULL;
	}
	return element_from(node->next, same_name ? (const char *)node->name : NULL);
}

/* Element after @node in document order within @root's subtree, without
 * recursion or a stack: down to a child, else across to the next sibling
 * of the nearest ancestor that has one. */
static const xmlNode *next_in_tree(const xmlNode *root, const xmlNode *node)
{
	const xmlNode *next = pcmk_xml_first_child(node, NULL);

	for (; next == NULL && node != root; node = node->parent) {
		next = pcmk_xml_next(node, false);
	}
	return next;
}

xmlNode *pcmk_xml_find_id(const xmlNode *root, const char *element, const char *id)
{
	if (!pcmk_xml_is(root, NULL) || id == NULL) {
		return NULL;
	}
	for (const xmlNode *node = root; node != NULL; node = next_in_tree(root, node)) {
		const char *node_id = pcmk_xml_attr(node, "id");

		if (pcmk_xml_is(node, element) && node_id != NULL && strcmp(node_id, id) == 0) {
			return (xmlNode *)node;
		}
	}
	return NULL;
}

xmlNode *pcmk_xml_find_element(const xmlNode *root, const char *element)
{
	if (!pcmk_xml_is(root, NULL) || element == NULL) {
		return NULL;
	}
	for (const xmlNode *node = root; node != NULL; node = next_in_tree(root, node)) {
		if (pcmk_xml_is(node, element)) {
			return (xmlNode *)node;
		}
	}
	return NULL;
}

static xmlAttr *find_attr(const xmlNode *node, const char *name)
{
	if (!pcmk_xml_is(node, NULL) || name == NULL) {
		return NULL;
	}
	for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
		if (strcmp((const char *)attr->name, name) == 0) {
			return attr;
		}
	}
	return NULL;
}

/* Attributes made by the parser or by xmlSetProp() hold one text node;
 * anything else would need a copy, which this API promises not to make. */
const char *pcmk_xml_attr(const xmlNode *node, const char *name)
{
	const xmlAttr *attr = find_attr(node, name);
	const xmlNode *text;

	if (attr == NULL) {
		return NULL;
	}
	text = attr->children;
	if (text == NULL) {
		return "";
	}
	if (text->type != XML_TEXT_NODE || text->next != NULL) {
		return NULL;
	}
	return text->content != NULL ? (const char *)text->content : "";
}

int pcmk_xml_attr_int(const xmlNode *node, const char *name, long long *out)
{
	const char *text = pcmk_xml_attr(node, name);
	const char *digits;
	char *end = NULL;
	long long value;

	if (text == NULL) {
		return -ENOENT;
	}
	digits = (text[0] == '-' || text[0] == '+') ? text + 1 : text;
	if (!isdigit((unsigned char)digits[0])) {
		return -EINVAL; /* also refuses leading space and "" */
	}
	errno = 0;
	value = strtoll(text, &end, 10);
	if (*end != '\0') {
		return -EINVAL;
	}
	if (errno == ERANGE) {
		return -ERANGE;
	}
	*out = value;
	return 0;
}

int pcmk_xml_set_attr(xmlNode *node, const char *name, const char *value)
{
	if (!pcmk_xml_is(node, NULL) || !valid_name(name) || !valid_value(value)) {
		return -EINVAL;
	}
	if (xmlSetProp(node, (const xmlChar *)name, (const xmlChar *)value) == NULL) {
		return -ENOMEM;
	}
	return 0;
}

int pcmk_xml_set_attr_int(xmlNode *node, const char *name, long long value)
{
	char text[24];

	snprintf(text, sizeof(text), "%lld", value);
	return pcmk_xml_set_attr(node, name, text);
}

int pcmk_xml_remove_attr(xmlNode *node, const char *name)
{
	xmlAttr *attr;

	if (!pcmk_xml_is(node, NULL) || name == NULL) {
		return -EINVAL;
	}
	attr = find_attr(node, name);
	if (attr == NULL) {
		return -ENOENT;
	}
	xmlRemoveProp(attr);
	return 0;
}
