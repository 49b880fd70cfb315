/*
 * Test helpers for the operation digests: the parameters of a primitive
 * read from CIB XML the simple way (plain nvpairs, rules ignored), as a
 * stand-in for the scheduler's own tables with rule evaluation.
 */
#ifndef DIGEST_TESTUTIL_H
#define DIGEST_TESTUTIL_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

/* A table of copied strings from name=value pairs, NULL-terminated. */
GHashTable *dt_table(const char *name, ...);

/* Milliseconds of a duration as pacemaker reads one ("10s", "1min",
 * "500ms", "PT30S", plain seconds); -1 when it is not one. */
long long dt_duration_ms(const char *text);

/* The parameters of primitive @rsc (in the CIB @cib) as the executor got
 * them: its instance_attributes, then its template's, its parents', and
 * rsc_defaults' (earlier wins).  Caller destroys the table. */
GHashTable *dt_rsc_params(const xmlNode *cib, const xmlNode *rsc);

/* The <op> of @rsc (or of its template) named @name with @interval_ms,
 * or NULL. */
xmlNode *dt_find_op(const xmlNode *cib, const xmlNode *rsc, const char *name,
		    unsigned int interval_ms);

/* The instance attributes of @op (NULL: an empty table), and the
 * CRM_meta_timeout the executor saw for it (the op's own timeout, else
 * op_defaults', else 20s). */
GHashTable *dt_op_params(const xmlNode *cib, const xmlNode *op);

/* The primitive of history entry @lrm_resource_id ("rsc" or "rsc:2") in
 * @cib, or NULL. */
xmlNode *dt_find_primitive(const xmlNode *cib, const char *lrm_resource_id);

#endif /* DIGEST_TESTUTIL_H */
