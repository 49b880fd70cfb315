/*
 * Writes addressed by xpath: delete, modify or replace the first element
 * the xpath selects, or every one with CIB_OPT_MULTIPLE.
 */
#include <errno.h>
#include <stdlib.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

struct xpath_run {
	struct cib_op_ctx *ctx;
};

/* Whether @node is @other or (with @nested) inside it. */
static bool covered_by(const xmlNode *node, const xmlNode *other, bool nested)
{
	for (; node != NULL; node = nested ? node->parent : NULL) {
		if (node == other) {
			return true;
		}
	}
	return false;
}

/* Drop repeated matches (two attributes of one element) and, for ops
 * that free what they match (@nested), matches inside an earlier one:
 * they go with it, and touching them after would be a use after free.
 * Done before anything changes; matches come in document order, so an
 * ancestor is always seen first.  Returns the number kept. */
static int drop_covered(xmlNode **matches, int n, bool nested)
{
	int kept = 0;

	for (int i = 0; i < n; i++) {
		bool covered = false;

		for (int j = 0; j < kept && !covered; j++) {
			covered = covered_by(matches[i], matches[j], nested);
		}
		if (!covered) {
			matches[kept++] = matches[i];
		}
	}
	return kept;
}

typedef int (*xpath_fn)(struct xpath_run *run, xmlNode *match);

static int xpath_delete(struct xpath_run *run, xmlNode *match)
{
	if (match == xmlDocGetRootElement(run->ctx->scratch)) {
		return cib_op_fail(run->ctx, -EINVAL, "cib_delete: xpath %s selects the whole CIB",
				   run->ctx->req->xpath);
	}
	cib_tree_remove(match);
	return 0;
}

static int xpath_modify(struct xpath_run *run, xmlNode *match)
{
	const xmlNode *data = run->ctx->data;
	xmlNode *target = cib_tree_find_like(match, data);

	if (target == NULL) {
		return cib_op_fail(run->ctx, -ENXIO, "cib_modify: no <%s id=%s> at or below %s",
				   data->name, cib_tree_attr_or_empty(data, "id"),
				   run->ctx->req->xpath);
	}
	return cib_tree_merge(target, data);
}

/* As pacemaker, the new element goes last among its siblings. */
static int xpath_replace(struct xpath_run *run, xmlNode *match)
{
	xmlNode *parent = match->parent;

	if (match == xmlDocGetRootElement(run->ctx->scratch)) {
		return cib_op_fail(
			run->ctx, -EINVAL,
			"cib_replace: xpath %s selects the whole CIB; replace it without "
			"an xpath",
			run->ctx->req->xpath);
	}
	cib_tree_remove(match);
	if (run->ctx->data != NULL && cib_tree_append_copy(parent, run->ctx->data) == NULL) {
		return cib_op_fail(run->ctx, -ENOMEM, "out of memory");
	}
	return 0;
}

static const xpath_fn xpath_fns[CIB_OP_COUNT] = {
	[CIB_OP_DELETE] = xpath_delete,
	[CIB_OP_MODIFY] = xpath_modify,
	[CIB_OP_REPLACE] = xpath_replace,
};

/* Modify goes on past a match it cannot use (the error stays); delete
 * and replace stop at the first error. */
static int run_matches(struct xpath_run *run, xpath_fn fn, xmlNode **matches, int n)
{
	bool all = run->ctx->req->options & CIB_OPT_MULTIPLE;
	bool is_modify = run->ctx->req->op == CIB_OP_MODIFY;
	int rc = 0;

	for (int i = 0; i < n; i++) {
		int one = fn(run, matches[i]);

		if (one < 0) {
			rc = one;
			if (!is_modify || one != -ENXIO) {
				return rc;
			}
		} else if (!all) {
			break;
		}
	}
	return rc;
}

int cib_op_xpath_write(struct cib_op_ctx *ctx)
{
	xpath_fn fn = xpath_fns[ctx->req->op];
	struct xpath_run run = { ctx };
	xmlNode **matches = NULL;
	int n, rc;

	if (fn == NULL || (ctx->req->op == CIB_OP_MODIFY && ctx->data == NULL)) {
		return cib_op_fail(ctx, -EINVAL, "%s: not possible by xpath%s",
				   cib_op_name(ctx->req->op), fn != NULL ? " without data" : "");
	}
	n = pcmk_xml_xpath_all(ctx->scratch, ctx->req->xpath, &matches);
	if (n == -ENOMEM) {
		return cib_op_fail(ctx, n, "out of memory");
	}
	if (n <= 0) {
		/* a bad expression matches nothing, as in pacemaker */
		return ctx->req->op == CIB_OP_DELETE
			       ? 0
			       : cib_op_fail(ctx, -ENXIO, "%s: nothing matches xpath %s",
					     cib_op_name(ctx->req->op), ctx->req->xpath);
	}
	n = drop_covered(matches, n, ctx->req->op != CIB_OP_MODIFY);
	rc = run_matches(&run, fn, matches, n);
	free(matches);
	return rc;
}
