/*
 * The CIB operations: the table of operations and the pipeline every
 * write goes through (copy, change, check, version, stamp, validate,
 * patch, swap), so the CIB is either fully changed or left as it was.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

struct op_def {
	const char *name; /* on the wire, as pacemaker's */
	cib_op_fn fn;
	bool write;
	bool needs_data;
};

static const struct op_def op_defs[CIB_OP_COUNT] = {
	[CIB_OP_QUERY] = { "cib_query", cib_op_query, false, false },
	[CIB_OP_CREATE] = { "cib_create", cib_op_create, true, true },
	[CIB_OP_MODIFY] = { "cib_modify", cib_op_modify, true, true },
	[CIB_OP_REPLACE] = { "cib_replace", cib_op_replace, true, false },
	[CIB_OP_DELETE] = { "cib_delete", cib_op_delete, true, false },
	[CIB_OP_ERASE] = { "cib_erase", cib_op_erase, true, false },
	[CIB_OP_BUMP] = { "cib_bump", cib_op_bump, true, false },
	[CIB_OP_UPGRADE] = { "cib_upgrade", cib_op_upgrade, true, false },
	[CIB_OP_APPLY_DIFF] = { "cib_apply_diff", cib_op_apply_diff, true, true },
	[CIB_OP_SYNC] = { "cib_sync", cib_op_sync, false, false },
};

static bool op_valid(enum cib_op op)
{
	return (unsigned int)op < CIB_OP_COUNT;
}

const char *cib_op_name(enum cib_op op)
{
	return op_valid(op) ? op_defs[op].name : NULL;
}

int cib_op_from_name(const char *name)
{
	for (int i = 0; name != NULL && i < CIB_OP_COUNT; i++) {
		if (strcmp(op_defs[i].name, name) == 0) {
			return i;
		}
	}
	return -EINVAL;
}

bool cib_op_is_write(enum cib_op op)
{
	return op_valid(op) && op_defs[op].write;
}

void cib_op_result_clear(struct cib_op_result *res)
{
	if (res == NULL) {
		return;
	}
	pcmk_xml_free(res->output);
	pcmk_xml_free(res->patch);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

int cib_op_fail(struct cib_op_ctx *ctx, int rc, const char *fmt, ...)
{
	va_list ap;

	if (ctx->res->error == NULL) {
		va_start(ap, fmt);
		if (vasprintf(&ctx->res->error, fmt, ap) < 0) {
			ctx->res->error = NULL;
		}
		va_end(ap);
	}
	return rc;
}

/* A <cib> given with a section stands for that section of it, as the
 * tools send whole CIBs with -o. */
static const xmlNode *narrow_data(const xmlNode *data, const char *section, unsigned int options)
{
	if (data == NULL || section == NULL || (options & CIB_OPT_XPATH) ||
	    !pcmk_xml_is(data, "cib")) {
		return data;
	}
	return cib_section_find((xmlNode *)data, section);
}

static int ctx_init(struct cib_op_ctx *ctx, xmlDoc *cib, const struct cib_op_request *req,
		    struct cib_op_result *res)
{
	const struct op_def *def = &op_defs[req->op];

	memset(ctx, 0, sizeof(*ctx));
	ctx->req = req;
	ctx->res = res;
	ctx->cib = cib;
	ctx->section = req->section;
	if (ctx->section != NULL && strcasecmp(ctx->section, "all") == 0) {
		ctx->section = NULL;
	}
	if ((req->options & CIB_OPT_XPATH) && req->xpath == NULL) {
		return cib_op_fail(ctx, -EINVAL, "%s: the xpath option needs an xpath", def->name);
	}
	ctx->data = narrow_data(req->data, ctx->section, req->options);
	if (def->needs_data && ctx->data == NULL) {
		return cib_op_fail(ctx, -EINVAL, "%s: no data%s%s%s", def->name,
				   req->data != NULL ? " for section " : " given",
				   req->data != NULL ? ctx->section : "",
				   req->data != NULL ? " in the <cib> given" : "");
	}
	return 0;
}

int cib_op_perform(xmlDoc **cib, const struct cib_op_request *req, struct cib_op_result *res)
{
	struct cib_op_ctx ctx;
	int rc;

	if (res == NULL) {
		return -EINVAL;
	}
	memset(res, 0, sizeof(*res));
	if (cib == NULL || *cib == NULL || req == NULL || !op_valid(req->op)) {
		res->error = strdup("invalid request: no CIB, no request or an unknown operation");
		return -EINVAL;
	}
	rc = ctx_init(&ctx, *cib, req, res);
	if (rc < 0) {
		return rc;
	}
	if (!pcmk_xml_is(xmlDocGetRootElement(*cib), "cib")) {
		return cib_op_fail(&ctx, -EINVAL, "the CIB's root element is not <cib>");
	}
	if (!op_defs[req->op].write) {
		return op_defs[req->op].fn(&ctx);
	}
	return cib_op_write_pipeline(cib, &ctx, op_defs[req->op].fn);
}
