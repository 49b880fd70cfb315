/*
 * The last step of a scheduler run: nodes that are unclean are fenced,
 * when fencing is possible at all.  Whether a node is unclean comes from
 * the scheduler's own reading of the status section.
 */
#include <stdlib.h>

#include <crm/pengine/iso8601.h>
#include <crm/pengine/status.h>

#include "pe_verify_private.h"

/* A node never seen is unclean when fencing would have dealt with it;
 * this follows the options as read here (an invalid value falls back to
 * its default), the status of the others comes from the scheduler. */
static bool is_unclean(const struct verify_ctx *ctx, const struct pe_node *node)
{
	if (node->unseen) {
		return ctx->stonith_enabled && ctx->startup_fencing;
	}
	return node->unclean;
}

/* Fencing needs it enabled, a device, and quorum (or a policy that does
 * without, or the node still in our membership). */
static bool can_fence(const struct verify_ctx *ctx, const struct pe_node *node)
{
	if (!ctx->stonith_enabled || !ctx->have_stonith_resource) {
		return false;
	}
	return ctx->have_quorum || ctx->ignore_quorum || node->online;
}

void pe_verify__fencing(struct verify_ctx *ctx)
{
	struct pe_time now = pe_time_now();
	struct pe_cluster *cluster = NULL;
	char *error = NULL;

	if (pe_cluster_unpack(ctx->cib, &now, &cluster, &error) < 0) {
		pe_verify_add(ctx->report, "cluster_status", PE_VERIFY_ERROR, PE_VERIFY_INVALID,
			      "%s", error ? error : "The CIB could not be unpacked");
		free(error);
		return;
	}
	for (guint i = 0; i < cluster->nodes->len; i++) {
		const struct pe_node *node = g_ptr_array_index(cluster->nodes, i);

		if (node->remote || !is_unclean(ctx, node)) {
			continue;
		}
		if (can_fence(ctx, node)) {
			pe_verify_add(ctx->report, "schedule_fencing", PE_VERIFY_WARNING,
				      PE_VERIFY_SUSPECT, "Scheduling node %s for fencing",
				      node->uname);
		} else {
			pe_verify_add(ctx->report, "schedule_fencing_and_shutdowns",
				      PE_VERIFY_WARNING, PE_VERIFY_SUSPECT,
				      "Node %s is unclean but cannot be fenced", node->uname);
		}
	}
	pe_cluster_free(cluster);
}
