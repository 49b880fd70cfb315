/*
 * The CIB operations on an in-memory CIB, with pacemaker's semantics:
 * the same code runs in the cib daemon (on every node, in CPG order) and
 * in the tools on a file (CIB_file) with no daemon.
 *
 * An operation that changes the CIB works on a copy: the copy is changed,
 * validated against the schema its validate-with names, versioned
 * (cib/version.h), stamped (cib-last-written, update-origin,
 * update-client, update-user when the configuration changed) and only
 * then swapped in.  On any failure the CIB is left exactly as it was.
 *
 * As pacemaker 2.1 (checked against its cibadmin on a file):
 * - Sections: a known section name scopes the operation to that element
 *   (cib_section_path()); NULL, "all" and "cib" mean the whole CIB, and
 *   so does a name pacemaker does not know.  A <cib> given as data with a
 *   section stands for that section of it.
 * - An element "stands for" another of the same name and id (both
 *   without id match), searched depth-first from the section.
 * - create: under the section; @data named like the section adds each
 *   child, all or nothing; an id already among the section's children
 *   fails with -EEXIST and a <failed> report in output.  Without a
 *   section, create merges like modify.
 * - modify: merges into the element @data stands for: attributes set
 *   ("name++", "name+=N" add to the number there), children matched by
 *   name and id (or idref, or the first of that name), merged
 *   recursively, missing ones appended.  A missing element is -ENXIO
 *   unless CIB_OPT_CAN_CREATE; a known section missing is added first.
 * - replace: @data named like the section replaces it; otherwise the
 *   first element of @data's name (and id when it has one) below the
 *   section is replaced in place (-ENXIO if none).  A whole <cib> is
 *   refused when its version is older (-PCMK_E_OLD_DATA).
 * - delete: the first element below the section whose name and every
 *   attribute of @data match (case aside); nothing found is no error.
 * - xpath (CIB_OPT_XPATH): query answers one match as itself, several
 *   (or addresses) in <xpath-query>; delete/modify/replace act on the
 *   first match or, with CIB_OPT_MULTIPLE, on all; no match is -ENXIO
 *   (delete: success); a bad expression counts as no match.
 * - Versions: nothing changed, nothing moves (and no patch); a change
 *   under /cib/configuration moves epoch (num_updates to 0), any other
 *   change num_updates; an update may not take admin_epoch, or epoch at
 *   the same admin_epoch, backwards (-PCMK_E_OLD_DATA).  Bump and erase
 *   are counted like any change after their own step; so is apply-diff,
 *   after landing on the patch's target version (as pacemaker's).
 * - The file backend passes CIB_OPT_NO_MTIME, as pacemaker's does.
 */
#ifndef CIB_OPS_H
#define CIB_OPS_H

#include <stdbool.h>
#include <time.h>
#include <libxml/tree.h>

/* The CIB feature set we speak (crm_feature_set), pacemaker 2.1.5's. */
#define CIB_FEATURE_SET "3.16.1"

enum cib_op {
	CIB_OP_QUERY,
	CIB_OP_CREATE,     /* add @data under the section; error if its id exists */
	CIB_OP_MODIFY,     /* merge @data into the element with its id */
	CIB_OP_REPLACE,    /* replace the section / element / whole CIB */
	CIB_OP_DELETE,     /* delete the element(s) matching @data or xpath */
	CIB_OP_ERASE,      /* empty configuration and status, admin_epoch + 1 */
	CIB_OP_BUMP,       /* epoch + 1 */
	CIB_OP_UPGRADE,    /* transform to the newest schema */
	CIB_OP_APPLY_DIFF, /* apply the patch in @data */
	CIB_OP_SYNC,       /* daemon: every node takes this node's CIB; on a
			    * CIB alone nothing changes */
	CIB_OP_COUNT
};

/* Options (pacemaker's call options that matter to the operation). */
#define CIB_OPT_XPATH 0x1u          /* @xpath selects the target(s) */
#define CIB_OPT_MULTIPLE 0x2u       /* every xpath match, not only the first */
#define CIB_OPT_CAN_CREATE 0x4u     /* modify creates a missing element */
#define CIB_OPT_NO_CHILDREN 0x8u    /* query: the elements without children */
#define CIB_OPT_XPATH_ADDRESS 0x10u /* query: the paths of the matches */
#define CIB_OPT_FORCE 0x20u         /* erase/write without quorum, ... */
#define CIB_OPT_NO_MTIME 0x40u      /* do not set cib-last-written */
#define CIB_OPT_SCOPE_LOCAL 0x80u   /* this node only (daemon) */
/* Leave the version as the operation made it: a peer applying the DC's
 * patch must land on the patch's target, not count the change again. */
#define CIB_OPT_KEEP_VERSION 0x100u

struct cib_op_request {
	enum cib_op op;
	const char *section;  /* "configuration", "resources", "status", ...;
			       * NULL or "cib" for the whole CIB */
	const char *xpath;    /* with CIB_OPT_XPATH */
	const xmlNode *data;  /* the XML the operation takes (not consumed) */
	unsigned int options; /* CIB_OPT_* */
	const char *origin;   /* node name for update-origin (may be NULL) */
	const char *client;   /* client name for update-client (may be NULL) */
	const char *user;     /* user name for update-user (may be NULL) */
	time_t now;           /* cib-last-written when the configuration changes */
};

struct cib_op_result {
	xmlNode *output;     /* query result, or the <failed> report of a
			      * refused create; root of its own document */
	xmlNode *patch;      /* the change made (cib/patch.h), NULL if none */
	bool config_changed; /* the configuration changed (epoch moved
			      * unless CIB_OPT_KEEP_VERSION) */
	char *error;         /* malloc'd words on failure, else NULL */
};

/* Perform @req on *@cib.  Returns 0 with *@cib possibly replaced by a new
 * document (the old one freed), or a negative result (crm/common/results.h:
 * -EINVAL bad request, -ENXIO no such object/section/xpath match, -EEXIST
 * create of an existing id, -PCMK_E_SCHEMA invalid result, -PCMK_E_OLD_DATA,
 * -PCMK_E_DIFF_FAILED ...) with *@cib untouched.  @res is filled either
 * way; free its contents with cib_op_result_clear(). */
int cib_op_perform(xmlDoc **cib, const struct cib_op_request *req, struct cib_op_result *res);

/* For a query of a whole section (no xpath, children included), the
 * element of @cib that answers it, borrowed: valid until @cib changes.
 * NULL when @req is another query (perform it) or names no section @cib
 * has.  Lets a server answer without copying the CIB. */
const xmlNode *cib_op_query_view(xmlDoc *cib, const struct cib_op_request *req);

/* Free what @res holds and zero it.  NULL is a no-op. */
void cib_op_result_clear(struct cib_op_result *res);

/* Whether @op can change the CIB (replicated, needs quorum, ...). */
bool cib_op_is_write(enum cib_op op);

/* Wire names as pacemaker's ("cib_query", "cib_create", "cib_modify",
 * "cib_replace", "cib_delete", "cib_erase", "cib_bump", "cib_upgrade",
 * "cib_apply_diff", "cib_sync").  cib_op_from_name() returns the op or -EINVAL. */
const char *cib_op_name(enum cib_op op);
int cib_op_from_name(const char *name);

/* The element a section name stands for, as a path from <cib>
 * ("resources" -> "/cib/configuration/resources"), or NULL for an unknown
 * section.  Static string. */
const char *cib_section_path(const char *section);

/* A new empty CIB as `cibadmin --empty` makes it (newest schema,
 * epoch 1, empty sections).  Returns it (caller frees with xmlFreeDoc())
 * or NULL on OOM. */
xmlDoc *cib_new_empty(void);

#endif /* CIB_OPS_H */
