/*
 * Patches between two CIBs in pacemaker's patchset format 2 (what
 * `crm_diff` prints and applies, and what cib sends its subscribers):
 *
 *   <diff format="2">
 *     <version>
 *       <source admin_epoch="0" epoch="5" num_updates="2"/>
 *       <target admin_epoch="0" epoch="6" num_updates="0"/>
 *     </version>
 *     <change operation="create" path="/cib/configuration/resources" position="1">
 *       <primitive id="web" .../>
 *     </change>
 *     <change operation="modify" path="/cib/configuration/resources/primitive[@id='ip']">
 *       <change-list><change-attr name="type" operation="set" value="IPaddr2"/></change-list>
 *       <change-result><primitive id="ip" .../></change-result>
 *     </change>
 *     <change operation="delete" path="/cib/configuration/constraints/rsc_order[@id='o1']"/>
 *     <change operation="move" path="..." position="0"/>
 *   </diff>
 *
 * Elements are matched between the two trees by name and id (by name and
 * position among same-named siblings when they have no id), as pacemaker
 * does.
 */
#ifndef CIB_PATCH_H
#define CIB_PATCH_H

#include <stdbool.h>
#include <libxml/tree.h>

/* The patch that turns <cib> @old into <cib> @new (both untouched).
 * Returns 0 and stores the patch in *@patch (caller frees with
 * pcmk_xml_free()), or NULL when the trees are equal (attribute order does
 * not count); *@config_changed (when not NULL) tells whether anything
 * under /cib/configuration changed -- pacemaker 2.1 counts nothing else:
 * changes to <cib>'s own attributes (validate-with, admin_epoch, ...) and
 * to status move only num_updates.  Deletes come first; where a path
 * would name the wrong sibling (two id-less siblings of one name), the
 * children of the parent are deleted and created whole.  Returns -EINVAL
 * when either is not a <cib> element or a change needs the path of an
 * element whose id holds a quote, slash or white space (pacemaker's path
 * reader cannot carry those), or -ENOMEM. */
int cib_patch_create(const xmlNode *old, const xmlNode *new, xmlNode **patch, bool *config_changed);

/* Apply @patch to <cib> element @cib in place, with pacemaker's applier
 * semantics (paths take the first matching sibling; creates and moves run
 * last, sorted by position).  Unless @ignore_version, the CIB's version
 * must equal the patch's source version (a field missing there means "as
 * the CIB"): older -> -PCMK_E_DIFF_RESYNC, newer -> -PCMK_E_OLD_DATA; and
 * a target no newer than the source in any field -> -PCMK_E_OLD_DATA.
 * A change whose path does not resolve, an unknown operation, a modify
 * without <change-result>, a malformed path or position, or a result whose
 * versioned digest differs from the patch's digest attribute (when it has
 * one) -> -PCMK_E_DIFF_FAILED; a delete whose path finds nothing is not an
 * error.  Not a <cib> / not a <diff format="2"> -> -EINVAL.  On any
 * failure @cib is unchanged (the patch is tried on a copy).  The target
 * version's fields are set on success.  When @error is not NULL it
 * receives a malloc'd message naming the failing change, e.g.
 *   change 2 (modify /cib/configuration/nodes): no element at this path
 * (caller frees), or NULL. */
int cib_patch_apply(xmlNode *cib, const xmlNode *patch, bool ignore_version, char **error);

/* Source and target versions of @patch (either pointer may be NULL); a
 * missing field reads as 0.  Returns 0, or -EINVAL when @patch is not a
 * format 2 patch or a field is not a number. */
struct cib_version;
int cib_patch_versions(const xmlNode *patch, struct cib_version *source,
		       struct cib_version *target);

#endif /* CIB_PATCH_H */
