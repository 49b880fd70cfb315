/*
 * XML helpers over libxml2 for the pacemaker daemons and tools: parsing
 * with errors an administrator can act on, serialization in cibadmin's
 * layout, atomic file writes, XPath queries, element and attribute access.
 *
 * Ownership: a tree belongs to its xmlDoc.  Free a parsed document with
 * xmlFreeDoc(), and a tree made by pcmk_xml_new_root() or pcmk_xml_copy()
 * with pcmk_xml_free() on its root.  Element pointers returned by lookups
 * and attribute strings returned by pcmk_xml_attr() point into the tree:
 * they stay valid while that node lives and are never freed by the caller.
 *
 * The functions keep no state between calls and never print; errors come
 * back as 0 or a negative errno, and parse errors as a message.
 */
#ifndef PCMK_COMMON_XML_H
#define PCMK_COMMON_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <libxml/tree.h>

/* Parse @len bytes of @text into *@doc (caller frees with xmlFreeDoc()).
 * Returns 0; -EINVAL for empty input, XML that is not well-formed, or a
 * document with a DOCTYPE (DTDs and entities are refused outright, and the
 * network is never used); -EFBIG when @len exceeds what libxml2 takes;
 * -ENOMEM.  On failure *@doc is NULL and, when @error is not NULL, *@error
 * is a malloc'd message naming the line and the problem, e.g.
 *   line 12: Opening and ending tag mismatch: primitive line 3 and group (column 9)
 * (caller frees; several problems are separated by newlines).  On success
 * *@error is NULL. */
int pcmk_xml_parse(const char *text, size_t len, xmlDoc **doc, char **error);

/* As pcmk_xml_parse() for the contents of the file at @path; messages
 * start with the path instead of "line", e.g. "cib.xml:12: ...".  Returns
 * -errno when the file cannot be read (the message then says why). */
int pcmk_xml_parse_file(const char *path, xmlDoc **doc, char **error);

/* As pcmk_xml_parse_file(), but a file that is not well-formed is read the
 * way libxml2 recovers it (an element left open is closed with its
 * parent), as pacemaker reads CIB files.  Returns 1 for such a file, with
 * *@error (when not NULL) saying what was wrong (caller frees); otherwise
 * as pcmk_xml_parse_file(). */
int pcmk_xml_parse_file_recover(const char *path, xmlDoc **doc, char **error);

/* Serialize element @node and its subtree, without an XML declaration.
 * @pretty puts each element on its own line, indented by two spaces per
 * level, and ends with a newline; otherwise the text is one line with no
 * newline.  Text is UTF-8; libxml2 writes non-ASCII characters inside
 * attribute values as character references (&#xE9;), which read back the
 * same.  Returns a malloc'd string (caller frees), or NULL when @node is
 * NULL or memory runs out. */
char *pcmk_xml_to_string(const xmlNode *node, bool pretty);

/* Write @node pretty-printed to @path atomically: a temporary file in the
 * same directory is written, given permissions @mode (not masked by the
 * umask), synced and renamed over @path, then the directory is synced.
 * Readers see either the old or the new file, never a partial one, and no
 * temporary file is left behind.  Returns 0, -EINVAL when @node or @path
 * is NULL, or -errno from the failing system call. */
int pcmk_xml_write_file(const xmlNode *node, const char *path, mode_t mode);

/* Evaluate @xpath over @doc and store the first match in *@match (a node
 * of @doc; do not free).  An attribute or text match stands for the
 * element that holds it, a document match for its root element.  Returns
 * 0; -ENOENT when nothing matches; -EINVAL when @xpath is not a valid
 * expression or does not select nodes (e.g. "count(//node)"). */
int pcmk_xml_xpath_first(xmlDoc *doc, const char *xpath, xmlNode **match);

/* As pcmk_xml_xpath_first() for every match, in document order.  Returns
 * the number of matches and stores in *@matches a malloc'd array of them
 * (caller frees the array with free(), not the nodes), or NULL when there
 * are none; or -EINVAL (bad expression) or -ENOMEM. */
int pcmk_xml_xpath_all(xmlDoc *doc, const char *xpath, xmlNode ***matches);

/* Make element @name the root of a new document.  Returns the root
 * (caller frees with pcmk_xml_free()), or NULL when @name is not a valid
 * XML name or memory runs out. */
xmlNode *pcmk_xml_new_root(const char *name);

/* Append a new empty element @name as the last child of element @parent.
 * Returns it (owned by the tree), or NULL when @parent is not an element,
 * @name is not a valid XML name, or memory runs out. */
xmlNode *pcmk_xml_add_child(xmlNode *parent, const char *name);

/* Deep copy of element @node as the root of a new document.  Returns the
 * copy (caller frees with pcmk_xml_free()), or NULL when @node is not an
 * element or memory runs out. */
xmlNode *pcmk_xml_copy(const xmlNode *node);

/* Move element @node and its subtree out of its document, without
 * copying, as the root of a new document (sharing the old document's
 * name dictionary).  Returns @node (caller frees with pcmk_xml_free()).
 * NULL when @node is not an element (nothing is done) or memory runs out
 * (@node is freed).  For taking a part of a large tree that is about to
 * be freed, such as the answer inside a reply. */
xmlNode *pcmk_xml_detach(xmlNode *node);

/* Move @root, the root element of its own document, with its subtree
 * under @parent as its last child, without copying; the emptied document
 * is freed.  Returns 0, or -EINVAL (@root is not a document's root, or
 * @parent is not an element; nothing is done) or -ENOMEM (@root is
 * freed). */
int pcmk_xml_adopt(xmlNode *parent, xmlNode *root);

/* Free @node and its subtree; when @node is the root of its document the
 * whole document is freed.  NULL is a no-op. */
void pcmk_xml_free(xmlNode *node);

/* True when @node is an element named @name (any element when @name is
 * NULL). */
bool pcmk_xml_is(const xmlNode *node, const char *name);

/* First child element of @parent named @name (any name when NULL), or
 * NULL.  Text, comments and other non-element nodes are skipped. */
xmlNode *pcmk_xml_first_child(const xmlNode *parent, const char *name);

/* Next sibling element of @node (with the same name as @node when
 * @same_name), or NULL.  With pcmk_xml_first_child() this walks children:
 *   for (c = pcmk_xml_first_child(rscs, "primitive"); c != NULL;
 *        c = pcmk_xml_next(c, true)) */
xmlNode *pcmk_xml_next(const xmlNode *node, bool same_name);

/* First element in document order, @root included, that is named @element
 * (any name when NULL) and has attribute id="@id".  Returns it (owned by
 * the tree) or NULL. */
xmlNode *pcmk_xml_find_id(const xmlNode *root, const char *element, const char *id);

/* First element named @element in document order, @root included.
 * Returns it (owned by the tree) or NULL. */
xmlNode *pcmk_xml_find_element(const xmlNode *root, const char *element);

/* Value of attribute @name of element @node, or NULL when @node is not an
 * element or has no such attribute.  The string belongs to the node: it is
 * valid until the attribute is changed or removed or the node is freed. */
const char *pcmk_xml_attr(const xmlNode *node, const char *name);

/* Read attribute @name as a base-10 integer into *@out (unchanged on
 * error).  The whole value must be a number with an optional sign and no
 * surrounding space.  Returns 0, -ENOENT (no such attribute), -EINVAL
 * (not a number), or -ERANGE (does not fit a long long). */
int pcmk_xml_attr_int(const xmlNode *node, const char *name, long long *out);

/* Set attribute @name of element @node to a copy of @value, replacing any
 * old value.  Returns 0; -EINVAL when @node is not an element, @name is
 * not a valid XML name, or @value is NULL, not UTF-8 or holds control
 * characters other than tab and newlines (XML could not carry it); or
 * -ENOMEM. */
int pcmk_xml_set_attr(xmlNode *node, const char *name, const char *value);

/* pcmk_xml_set_attr() with the decimal form of @value. */
int pcmk_xml_set_attr_int(xmlNode *node, const char *name, long long value);

/* Remove attribute @name from element @node.  Returns 0, -ENOENT when it
 * was not set, or -EINVAL when @node is not an element or @name is NULL. */
int pcmk_xml_remove_attr(xmlNode *node, const char *name);

#endif /* PCMK_COMMON_XML_H */
