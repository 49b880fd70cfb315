/*
 * The pipeline of a write: the operation changes a copy of the CIB; the
 * copy is checked (still a <cib>, not older, a feature set we know),
 * versioned, stamped and validated; only then does it replace the CIB.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

#include <crm/cib/patch.h>
#include <crm/cib/version.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>
#include "cib_ops_private.h"

static xmlNode *root_of(xmlDoc *doc)
{
	return xmlDocGetRootElement(doc);
}

/* Compare dotted version strings numerically ("3.16.1" < "3.17"). */
static int compare_dotted(const char *a, const char *b)
{
	while (*a != '\0' || *b != '\0') {
		char *end_a, *end_b;
		long x = strtol(a, &end_a, 10), y = strtol(b, &end_b, 10);

		if (x != y) {
			return x < y ? -1 : 1;
		}
		if (end_a == a && end_b == b) {
			return 0; /* no number on either side: call them equal */
		}
		a = *end_a == '.' ? end_a + 1 : end_a;
		b = *end_b == '.' ? end_b + 1 : end_b;
	}
	return 0;
}

/* An update may not take admin_epoch back, nor epoch with the same
 * admin_epoch: a peer or tool working from stale data would undo newer
 * changes. */
static int check_not_older(struct cib_op_ctx *ctx, const xmlNode *old, const xmlNode *new)
{
	struct cib_version o, n;
	const char *feature_set = pcmk_xml_attr(new, "crm_feature_set");

	if (cib_version_get(old, &o) < 0 || cib_version_get(new, &n) < 0) {
		return cib_op_fail(ctx, -EINVAL,
				   "the CIB's admin_epoch, epoch or num_updates "
				   "is not a non-negative number");
	}
	if (n.admin_epoch < o.admin_epoch ||
	    (n.admin_epoch == o.admin_epoch && n.epoch < o.epoch)) {
		return cib_op_fail(ctx, -PCMK_E_OLD_DATA,
				   "the update would take the CIB back from %lld.%lld to %lld.%lld "
				   "(admin_epoch.epoch)",
				   o.admin_epoch, o.epoch, n.admin_epoch, n.epoch);
	}
	if (feature_set != NULL && compare_dotted(feature_set, CIB_FEATURE_SET) > 0) {
		return cib_op_fail(ctx, -EPROTONOSUPPORT,
				   "the update's crm_feature_set %s is newer than ours (%s)",
				   feature_set, CIB_FEATURE_SET);
	}
	return 0;
}

/* The update-* attributes exist from schema pacemaker-1.2 on. */
static bool schema_has_update_attrs(const char *schema)
{
	int major = 0, minor = 0;

	if (schema == NULL) {
		return false;
	}
	if (strncmp(schema, "transitional-", 13) == 0) {
		return false;
	}
	if (sscanf(schema, "pacemaker-%d.%d", &major, &minor) == 2) {
		return major > 1 || (major == 1 && minor >= 2);
	}
	return true; /* pacemaker-next, none */
}

static int set_or_remove(xmlNode *cib, const char *name, const char *value)
{
	if (value != NULL) {
		return pcmk_xml_set_attr(cib, name, value);
	}
	return pcmk_xml_remove_attr(cib, name) == -EINVAL ? -EINVAL : 0;
}

/* cib-last-written in ctime()'s form ("Fri Dec  4 21:34:06 2026"), who
 * made the change in update-origin/-client/-user. */
static int stamp(const struct cib_op_request *req, xmlNode *cib)
{
	time_t now = req->now != 0 ? req->now : time(NULL);
	char buf[64];
	int rc;

	if (ctime_r(&now, buf) == NULL) {
		return -EINVAL;
	}
	buf[strcspn(buf, "\n")] = '\0';
	rc = pcmk_xml_set_attr(cib, "cib-last-written", buf);
	if (rc < 0 || !schema_has_update_attrs(pcmk_xml_attr(cib, "validate-with"))) {
		return rc;
	}
	rc = rc ?: set_or_remove(cib, "update-origin", req->origin);
	rc = rc ?: set_or_remove(cib, "update-client", req->client);
	rc = rc ?: set_or_remove(cib, "update-user", req->user);
	return rc;
}

static int validate(struct cib_op_ctx *ctx)
{
	char *why = NULL;
	int rc = pcmk_schema_validate(ctx->scratch, &why);

	if (rc < 0) {
		cib_op_fail(ctx, rc, "%s: the result would not be valid against %s: %s",
			    cib_op_name(ctx->req->op),
			    cib_tree_attr_or_empty(root_of(ctx->scratch), "validate-with"),
			    why != NULL ? why : pcmk_strerror(rc));
	}
	free(why);
	return rc;
}

/* What changed between the CIB and the copy: NULL patch when nothing. */
static int diff(struct cib_op_ctx *ctx, xmlNode **patch, bool *config_changed)
{
	int rc = cib_patch_create(root_of(ctx->cib), root_of(ctx->scratch), patch, config_changed);

	if (rc < 0) {
		return cib_op_fail(ctx, rc, "could not compute the change: %s", pcmk_strerror(rc));
	}
	return 0;
}

/* A patch lands on its target version.  One that also sets attributes of
 * <cib> itself (as every patch crm_diff writes does, with the version)
 * counts once more, as pacemaker counts it. */
static bool patch_sets_cib_attrs(const xmlNode *patch)
{
	for (xmlNode *c = pcmk_xml_first_child(patch, "change"); c != NULL;
	     c = pcmk_xml_next(c, true)) {
		if (g_strcmp0(pcmk_xml_attr(c, "operation"), "modify") == 0 &&
		    g_strcmp0(pcmk_xml_attr(c, "path"), "/cib") == 0) {
			return true;
		}
	}
	return false;
}

/* Version, stamp, validate and describe the changed copy. */
static int finish(struct cib_op_ctx *ctx, bool config_changed)
{
	const struct cib_op_request *req = ctx->req;
	xmlNode *new = root_of(ctx->scratch);
	int rc = 0;

	if (!(req->options & CIB_OPT_KEEP_VERSION) &&
	    (req->op != CIB_OP_APPLY_DIFF || patch_sets_cib_attrs(req->data))) {
		rc = cib_version_bump(new, config_changed);
	}
	if (rc == 0 && config_changed && !(req->options & CIB_OPT_NO_MTIME)) {
		rc = stamp(req, new);
	}
	if (rc < 0) {
		return cib_op_fail(ctx, rc, "could not update the CIB's version: %s",
				   pcmk_strerror(rc));
	}
	rc = validate(ctx);
	return rc < 0 ? rc : diff(ctx, &ctx->res->patch, NULL);
}

static int run(struct cib_op_ctx *ctx, cib_op_fn fn, bool *changed)
{
	xmlNode *patch = NULL;
	bool config_changed = false;
	int rc = fn(ctx);

	if (rc < 0) {
		return rc;
	}
	if (!pcmk_xml_is(root_of(ctx->scratch), "cib")) {
		return cib_op_fail(ctx, -EINVAL, "%s: the result has no <cib> root",
				   cib_op_name(ctx->req->op));
	}
	rc = check_not_older(ctx, root_of(ctx->cib), root_of(ctx->scratch));
	rc = rc ?: diff(ctx, &patch, &config_changed);
	*changed = patch != NULL;
	pcmk_xml_free(patch);
	if (rc < 0 || !*changed) {
		return rc; /* nothing changed: no new version, nothing to save */
	}
	ctx->res->config_changed = config_changed;
	return finish(ctx, config_changed);
}

int cib_op_write_pipeline(xmlDoc **cib, struct cib_op_ctx *ctx, cib_op_fn fn)
{
	bool changed = false;
	int rc;

	ctx->scratch = xmlCopyDoc(*cib, 1);
	if (ctx->scratch == NULL) {
		return cib_op_fail(ctx, -ENOMEM, "out of memory copying the CIB");
	}
	rc = run(ctx, fn, &changed);
	if (rc < 0 || !changed) {
		xmlFreeDoc(ctx->scratch);
		pcmk_xml_free(ctx->res->patch);
		ctx->res->patch = NULL;
		ctx->res->config_changed = false;
		return rc;
	}
	xmlFreeDoc(*cib);
	*cib = ctx->scratch;
	return 0;
}
