/*
 * Inside the CIB operations: what the pipeline (cib_ops.c) hands each
 * operation, and the tree helpers the operations share.
 */
#ifndef CIB_OPS_PRIVATE_H
#define CIB_OPS_PRIVATE_H

#include <stdbool.h>
#include <libxml/tree.h>

#include <crm/cib/ops.h>

struct cib_op_ctx {
	const struct cib_op_request *req;
	struct cib_op_result *res;
	xmlDoc *cib;         /* the CIB as it was (never changed) */
	xmlDoc *scratch;     /* writes: the copy to change (may be replaced) */
	const xmlNode *data; /* the request's data, narrowed to its section */
	const char *section; /* the request's, NULL for "all" */
};

typedef int (*cib_op_fn)(struct cib_op_ctx *ctx);

/* Operations (cib_ops_query.c, cib_ops_write.c, cib_ops_xpath.c,
 * cib_ops_admin.c).  Each returns 0 or a negative result and sets
 * ctx->res->error on failure. */
int cib_op_query(struct cib_op_ctx *ctx);
int cib_op_create(struct cib_op_ctx *ctx);
int cib_op_modify(struct cib_op_ctx *ctx);
int cib_op_replace(struct cib_op_ctx *ctx);
int cib_op_delete(struct cib_op_ctx *ctx);
int cib_op_erase(struct cib_op_ctx *ctx);
int cib_op_bump(struct cib_op_ctx *ctx);
int cib_op_upgrade(struct cib_op_ctx *ctx);
int cib_op_apply_diff(struct cib_op_ctx *ctx);
int cib_op_sync(struct cib_op_ctx *ctx);
int cib_op_xpath_query(struct cib_op_ctx *ctx);
int cib_op_xpath_write(struct cib_op_ctx *ctx);

/* The write pipeline (cib_ops_pipeline.c): run @fn on a copy of *@cib,
 * check, version, stamp and validate the copy, then swap it in. */
int cib_op_write_pipeline(xmlDoc **cib, struct cib_op_ctx *ctx, cib_op_fn fn);

/* Store a printf-formatted message in ctx->res->error (the first one
 * wins) and return @rc. */
int cib_op_fail(struct cib_op_ctx *ctx, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The element of <cib> @cib that @section names: <cib> itself for NULL,
 * "all", "cib" and for names we do not know (as pacemaker does), NULL
 * when a known section is missing. */
xmlNode *cib_section_find(xmlNode *cib, const char *section);

/* Whether @section is one of the names cib_section_path() knows. */
bool cib_section_known(const char *section);

/* Name of the element a known section lives in ("configuration" for
 * "resources", "cib" for "status"), NULL for <cib> or unknown names. */
const char *cib_section_parent(const char *section);

/* The element @update stands for, searched depth-first from @root
 * (@root included): same name and same id (both without id matches).
 * NULL when none. */
xmlNode *cib_tree_find_like(xmlNode *root, const xmlNode *update);

/* Merge @update into @target as pacemaker's modify does: attributes set
 * ("name++" and "name+=N" add to the number there, 0 if none), children
 * matched by name and id (or idref, or the first of that name) and merged
 * recursively, missing ones appended.  Returns 0 or -ENOMEM/-EINVAL. */
int cib_tree_merge(xmlNode *target, const xmlNode *update);

/* Append a deep copy of @node as the last child of @parent.  Returns it,
 * or NULL on OOM. */
xmlNode *cib_tree_append_copy(xmlNode *parent, const xmlNode *node);

/* Unlink and free @node (not a document root). */
void cib_tree_remove(xmlNode *node);

/* Attribute @name of @node, "" when missing (for messages). */
const char *cib_tree_attr_or_empty(const xmlNode *node, const char *name);

#endif /* CIB_OPS_PRIVATE_H */
