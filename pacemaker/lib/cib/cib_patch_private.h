/*
 * What the patch creator and applier share: the names of pacemaker's
 * patch format 2 and the element paths it addresses elements with.
 */
#ifndef CIB_PATCH_PRIVATE_H
#define CIB_PATCH_PRIVATE_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#define CIB_PATCH_ROOT "diff"
#define CIB_PATCH_VERSION "version"
#define CIB_PATCH_SOURCE "source"
#define CIB_PATCH_TARGET "target"
#define CIB_PATCH_CHANGE "change"
#define CIB_PATCH_OP "operation"
#define CIB_PATCH_PATH "path"
#define CIB_PATCH_POSITION "position"
#define CIB_PATCH_LIST "change-list"
#define CIB_PATCH_ATTR "change-attr"
#define CIB_PATCH_RESULT "change-result"

/* The version attributes of <cib>, in comparison order. */
extern const char *const cib_patch_version_attrs[3];

/* Whether a path step for @node can name it: pacemaker's path reader
 * stops an id at a quote, a step at a slash and the whole path at white
 * space, so ids holding those cannot be written into a path. */
bool cib_patch_steppable(const xmlNode *node);

/* Append the step that names @node under its parent: "/name" plus
 * "[@id='ID']" when it has an id ("/comment" for a comment). */
void cib_patch_path_step(GString *path, const xmlNode *node);

/* Whether @node is an element or a comment: the nodes patches see (text
 * between elements is not part of a CIB). */
bool cib_patch_node_counts(const xmlNode *node);

/* Whether @a and @b are equal as CIB content: same name, same attribute
 * values whatever their order, and equal element and comment children in
 * the same order. */
bool cib_patch_xml_equal(const xmlNode *a, const xmlNode *b);

#endif /* CIB_PATCH_PRIVATE_H */
