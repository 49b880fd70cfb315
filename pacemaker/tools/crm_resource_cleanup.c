/*
 * crm_resource --cleanup: forget a resource's failures so the cluster
 * looks at it afresh.
 *
 * Pacemaker's tool asks the controller and the attribute manager to do
 * it; on a CIB_file there are neither, and it only says, per resource and
 * node, that it skips the clean-up ("Dry run: ..."), which we say too.
 * On the live cluster we make the same change through the CIB: the
 * history of each resource that failed on the node (so it is probed
 * again) and its fail-count / last-failure attributes, narrowed by
 * --operation and --interval.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib.h>
#include <crm/cib/ops.h>
#include <crm/common/duration.h>
#include <crm/common/xml.h>
#include <crm/pengine/status.h>

#include "crm_resource.h"
#include "crm_resource_cleanup.h"

static int cleanup_live(struct rsc_ctx *ctx, const struct pe_resource *p, const char *node,
			const struct rsc_cleanup_filter *f)
{
	GPtrArray *xpaths = rsc_cleanup_xpaths(ctx->doc, node, f);
	int rc = 0;

	for (guint i = 0; rc == 0 && i < xpaths->len; i++) {
		rc = rsc_cib_change(ctx, CIB_OP_DELETE, NULL, NULL, xpaths->pdata[i]);
		rc = rc == -ENXIO ? 0 : rc;
	}
	if (rc == 0 && !ctx->o->quiet) {
		printf("Cleaned up %s on %s\n", p->id, node);
	}
	g_ptr_array_free(xpaths, TRUE);
	return rc;
}

static int cleanup_one(struct rsc_ctx *ctx, const struct pe_resource *p, const struct pe_node *n)
{
	struct rsc_cleanup_filter f = {
		.rsc = p->history_id != NULL ? p->history_id : p->id,
		.operation = ctx->o->operation,
	};

	if (!n->rsc_discovery) {
		g_string_printf(ctx->msg,
				"Unable to clean up %s because resource discovery disabled on %s",
				p->id, n->uname);
		return -EOPNOTSUPP;
	}
	if (getenv("CIB_file") != NULL) {
		fprintf(stderr, "Dry run: skipping clean-up of %s on %s due to CIB_file\n", p->id,
			n->uname);
		return 0;
	}
	if (f.operation != NULL) {
		pcmk_parse_interval_ms(ctx->o->interval != NULL ? ctx->o->interval : "0",
				       &f.interval_ms);
	}
	return cleanup_live(ctx, p, n->uname, &f);
}

/* The nodes a primitive's clean-up visits without -N: those its history
 * knows (else every node), online, in the order pacemaker's tool
 * happens to visit them (last first). */
static int cleanup_primitive(struct rsc_ctx *ctx, const struct pe_resource *p)
{
	const struct pe_node *named =
		ctx->o->node ? pe_node_find(ctx->cluster, ctx->o->node) : NULL;
	GPtrArray *nodes = g_ptr_array_new();
	int rc = 0;

	if (named != NULL) {
		g_ptr_array_add(nodes, (gpointer)named);
	} else if (p->history->len > 0) {
		for (guint i = p->history->len; i > 0; i--) {
			g_ptr_array_add(nodes,
					((struct pe_rsc_history *)p->history->pdata[i - 1])->node);
		}
	} else {
		for (guint i = ctx->cluster->nodes->len; i > 0; i--) {
			g_ptr_array_add(nodes, ctx->cluster->nodes->pdata[i - 1]);
		}
	}
	for (guint i = 0; rc == 0 && i < nodes->len; i++) {
		const struct pe_node *n = nodes->pdata[i];

		if (named != NULL || n->online) {
			rc = cleanup_one(ctx, p, n);
		}
	}
	g_ptr_array_free(nodes, TRUE);
	return rc;
}

static int cleanup_tree(struct rsc_ctx *ctx, const struct pe_resource *rsc)
{
	int rc = 0;

	if (rsc->variant == PE_PRIMITIVE) {
		return cleanup_primitive(ctx, rsc);
	}
	for (guint i = 0; rc == 0 && i < rsc->children->len; i++) {
		rc = cleanup_tree(ctx, rsc->children->pdata[i]);
	}
	return rc;
}

enum pcmk_exit rsc_cmd_cleanup(struct rsc_ctx *ctx)
{
	const struct pe_resource *target;
	int rc = 0;

	if (ctx->rsc == NULL) {
		/* every resource; of a file pacemaker's tool says nothing */
		for (guint i = 0;
		     getenv("CIB_file") == NULL && rc == 0 && i < ctx->cluster->resources->len;
		     i++) {
			rc = cleanup_tree(ctx, ctx->cluster->resources->pdata[i]);
		}
		return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
	}
	/* a member stands for its whole collective unless --force */
	target = ctx->o->force ? ctx->rsc : rsc_top(ctx->rsc);
	rc = cleanup_tree(ctx, target);
	if (rc == 0 && !ctx->o->quiet) {
		rsc_print_checks(target);
	}
	return rc == 0 ? PCMK_EX_OK : pcmk_result_to_exit(rc);
}
