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
 * pcmk_xml_free()), or NULL when the trees are equal; *@config_changed
 * (when not NULL) tells whether the configuration changed in the sense of
 * cib/version.h.  Returns -EINVAL when either is not a <cib> element, or
 * -ENOMEM. */
int cib_patch_create(const xmlNode *old, const xmlNode *new, xmlNode **patch,
		     bool *config_changed);

/* Apply @patch to <cib> element @cib in place.  Unless @ignore_version,
 * the CIB's version must equal the patch's source version: older ->
 * -PCMK_E_DIFF_RESYNC, newer -> -PCMK_E_OLD_DATA.  A change whose path
 * does not resolve -> -PCMK_E_DIFF_FAILED.  On any failure @cib is
 * unchanged (the patch is tried on a copy).  The target version is set on
 * success.  When @error is not NULL it receives a malloc'd message naming
 * the failing change (caller frees), or NULL. */
int cib_patch_apply(xmlNode *cib, const xmlNode *patch, bool ignore_version, char **error);

/* Source and target versions of @patch (either pointer may be NULL).
 * Returns 0, or -EINVAL when @patch is not a format 2 patch. */
struct cib_version;
int cib_patch_versions(const xmlNode *patch, struct cib_version *source,
		       struct cib_version *target);

#endif /* CIB_PATCH_H */
