/*
 * crm_shadow: shadow copies of the CIB (files DIR/shadow.NAME that
 * CIB_shadow=NAME points every tool at), pacemaker 2.1.5's commands,
 * messages and exit codes.
 */
#ifndef CRM_SHADOW_H
#define CRM_SHADOW_H

#include <stdio.h>
#include <libxml/tree.h>

/* Print the changes from <cib> @old to <cib> @new to @out as pacemaker's
 * crm_shadow --diff does ("Diff: --- 0.5.0 2", "++ PATH:  <element .../>",
 * "+  PATH:  @name=value", "-- PATH").  Returns 0 when they are the same,
 * 1 when they differ, or a negative result. */
int shadow_diff_print(FILE *out, const xmlNode *old, const xmlNode *new);

#endif /* CRM_SHADOW_H */
