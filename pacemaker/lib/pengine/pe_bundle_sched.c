/*
 * Scheduling a bundle's replicas.  The resources made for a bundle are
 * scheduled as any others; this ties them together: a replica's address
 * runs with its container and starts before it, containers of one bundle
 * spread over nodes as a clone's instances do, each instance of the
 * bundled primitive runs only on its own replica's guest node (on which
 * nothing else runs), and the bundle's start, running, stop and stopped
 * pseudo-actions frame what its members do.
 */
#include <string.h>

#include <crm/common/scores.h>

#include "pe_sched_private.h"

/* How much an instance prefers its own replica's node. */
#define REPLICA_NODE_SCORE 500

static void replica_constraints(struct pe_cluster *c, struct pe_resource *bundle,
				const struct pe_replica *r)
{
	struct pe_resource *ctr = r->container;

	pe_order_rsc_actions(c, bundle, "start", ctr, "start", PE_ORD_IMPLIES_FIRST_PRINTED);
	pe_order_rsc_actions(c, ctr, "start", bundle, "running", PE_ORD_IMPLIES_THEN_PRINTED);
	pe_order_rsc_actions(c, bundle, "stop", ctr, "stop", PE_ORD_IMPLIES_FIRST_PRINTED);
	pe_order_rsc_actions(c, ctr, "stop", bundle, "stopped", PE_ORD_IMPLIES_THEN_PRINTED);
	if (r->ip != NULL) {
		pe_order_rsc_actions(c, r->ip, "start", ctr, "start",
				     PE_ORD_RUNNABLE_LEFT | PE_ORD_PRESERVE);
		pe_order_rsc_actions(c, ctr, "stop", r->ip, "stop",
				     PE_ORD_IMPLIES_FIRST | PE_ORD_PRESERVE);
		pe_colocation_add(c, "ip-with-container", r->ip, ctr, PE_INFINITY, PE_ROLE_UNKNOWN,
				  PE_ROLE_UNKNOWN, NULL, true);
	}
}

/* One replica per host: each container avoids the nodes of those before
 * it, as a clone's instances spread. */
static void containers_spread(struct pe_cluster *c, const struct pe_bundle *b)
{
	if (b->replicas_per_host > 1) {
		return;
	}
	for (int i = 1; i < b->nreplicas; i++) {
		for (int j = 0; j < i; j++) {
			pe_colocation_add(c, "replicas-apart", b->replicas[i].container,
					  b->replicas[j].container, -PE_INFINITY, PE_ROLE_UNKNOWN,
					  PE_ROLE_UNKNOWN, NULL, false);
		}
	}
}

/* The bundle's action before and after the clone's, for each pair of
 * bundle task and the clone's task that completes it. */
static const char *const framed[][2] = {
	{ "start", "running" },
	{ "stop", "stopped" },
	{ "promote", "promoted" },
	{ "demote", "demoted" },
};

static void clone_constraints(struct pe_cluster *c, struct pe_resource *bundle,
			      struct pe_resource *clone)
{
	size_t n = clone->promotable ? G_N_ELEMENTS(framed) : 2;

	for (size_t i = 0; i < n; i++) {
		/* With notifications the clone is done once they are. */
		char *done = clone->notify
				     ? pe_notify_key(clone->id, "confirmed-post", framed[i][1])
				     : pe_op_key(clone->id, framed[i][1], 0);
		char *then = pe_op_key(bundle->id, framed[i][1], 0);

		pe_order_rsc_actions(c, bundle, framed[i][0], clone, framed[i][0],
				     PE_ORD_IMPLIES_FIRST_PRINTED);
		pe_order_new(c, clone, done, NULL, bundle, then, NULL, PE_ORD_IMPLIES_THEN_PRINTED);
		g_free(then);
		g_free(done);
	}
	if (clone->promotable) {
		pe_order_rsc_actions(c, bundle, "running", bundle, "promote", PE_ORD_RUNNABLE_LEFT);
		pe_order_rsc_actions(c, bundle, "demoted", bundle, "stop", PE_ORD_OPTIONAL);
		pe_order_rsc_actions(c, bundle, "demote", bundle, "demoted", PE_ORD_RUNNABLE_LEFT);
	}
	/* Stopping the bundle stops what runs in its replicas. */
	for (guint i = 0; i < clone->children->len; i++) {
		pe_order_rsc_actions(c, bundle, "stop", clone->children->pdata[i], "stop",
				     PE_ORD_IMPLIES_FIRST_PRINTED);
	}
}

void pe_bundle_internal_constraints(struct pe_cluster *c)
{
	for (guint i = 0; i < c->bundles->len; i++) {
		struct pe_resource *bundle = c->bundles->pdata[i];
		const struct pe_bundle *b = bundle->bundle_data;

		pe_order_rsc_actions(c, bundle, "stopped", bundle, "start", PE_ORD_OPTIONAL);
		for (int r = 0; r < b->nreplicas; r++) {
			if (b->replicas[r].container != NULL) {
				replica_constraints(c, bundle, &b->replicas[r]);
			}
		}
		containers_spread(c, b);
		if (b->clone != NULL) {
			clone_constraints(c, bundle, b->clone);
		}
	}
}

/* The bundled clone may use this bundle's guest nodes only, instance i
 * the node of replica i. */
static void clone_scores(struct pe_cluster *c, const struct pe_bundle *b)
{
	struct pe_resource *clone = b->clone;

	for (guint n = 0; n < c->nodes->len; n++) {
		clone->scores[n] = -PE_INFINITY;
		for (guint i = 0; i < clone->children->len; i++) {
			struct pe_resource *inst = clone->children->pdata[i];

			inst->scores[n] = PE_SCORE_ABSENT;
			/* An instance is looked for in its replica only. */
			inst->discover[n] = false;
		}
	}
	for (int r = 0; r < b->nreplicas; r++) {
		const struct pe_replica *rep = &b->replicas[r];

		if (rep->node == NULL) {
			continue;
		}
		clone->scores[rep->node->index] = 0;
		if (rep->child != NULL) {
			rep->child->scores[rep->node->index] = REPLICA_NODE_SCORE;
			rep->child->discover[rep->node->index] = true;
		}
	}
}

static bool bundled_instance(const struct pe_resource *rsc)
{
	const struct pe_resource *top = rsc;

	while (top->parent != NULL) {
		top = top->parent;
	}
	return top->bundle != NULL && top->variant == PE_CLONE;
}

/* Nothing else is looked for on a bundle's guest nodes. */
static void discovery_limit(struct pe_cluster *c, const struct pe_node *node)
{
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];

		if (!bundled_instance(rsc)) {
			rsc->discover[node->index] = false;
		}
	}
}

void pe_bundle_scores_apply(struct pe_cluster *c)
{
	for (guint i = 0; i < c->bundles->len; i++) {
		const struct pe_bundle *b =
			((struct pe_resource *)c->bundles->pdata[i])->bundle_data;

		if (b->clone != NULL) {
			clone_scores(c, b);
		}
		for (int r = 0; r < b->nreplicas; r++) {
			if (b->replicas[r].node != NULL) {
				discovery_limit(c, b->replicas[r].node);
			}
		}
	}
}

static bool members_have(const struct pe_resource *bundle, const char *task)
{
	for (guint i = 0; i < bundle->children->len; i++) {
		const struct pe_resource *m = bundle->children->pdata[i];

		if (m->variant == PE_CLONE && members_have(m, task)) {
			return true;
		}
		for (guint j = 0; j < m->actions->len; j++) {
			const struct pe_action *a = m->actions->pdata[j];

			if (a->interval_ms == 0 && strcmp(a->task, task) == 0 &&
			    !(a->flags & PE_ACT_OPTIONAL)) {
				return true;
			}
		}
	}
	return false;
}

void pe_bundle_create_actions(struct pe_cluster *c)
{
	for (guint i = 0; i < c->bundles->len; i++) {
		struct pe_resource *bundle = c->bundles->pdata[i];
		bool starting = members_have(bundle, "start");
		bool stopping = members_have(bundle, "stop");

		pe_rsc_pseudo_action(bundle, "start", !starting);
		pe_rsc_pseudo_action(bundle, "running", !starting)->priority = PE_INFINITY;
		pe_rsc_pseudo_action(bundle, "stop", !stopping);
		pe_rsc_pseudo_action(bundle, "stopped", !stopping)->priority = PE_INFINITY;
		if (bundle->bundle_data->clone != NULL && bundle->bundle_data->clone->promotable) {
			bool promoting = members_have(bundle, "promote");
			bool demoting = members_have(bundle, "demote");

			pe_rsc_pseudo_action(bundle, "promote", !promoting);
			pe_rsc_pseudo_action(bundle, "promoted", !promoting)->priority =
				PE_INFINITY;
			pe_rsc_pseudo_action(bundle, "demote", !demoting);
			pe_rsc_pseudo_action(bundle, "demoted", !demoting)->priority = PE_INFINITY;
		}
	}
}

/* A connection without an address of its own goes to the host of its
 * container: where that runs now, and once placed, where it will run. */
void pe_bundle_remote_addresses(struct pe_cluster *c)
{
	for (guint i = 0; i < c->bundles->len; i++) {
		const struct pe_bundle *b =
			((struct pe_resource *)c->bundles->pdata[i])->bundle_data;

		for (int r = 0; r < b->nreplicas; r++) {
			const struct pe_replica *rep = &b->replicas[r];
			const struct pe_node *host;

			if (rep->remote == NULL || rep->ipaddr != NULL || rep->container == NULL) {
				continue;
			}
			host = rep->container->assigned != NULL
				       ? rep->container->assigned
				       : pe_rsc_current_node(rep->container);
			if (host != NULL) {
				g_hash_table_replace(rep->remote->params, g_strdup("addr"),
						     g_strdup(host->uname));
			}
		}
	}
}

bool pe_bundle_connection_may_probe(const struct pe_resource *rsc, const struct pe_node *node)
{
	const struct pe_resource *ctr = rsc->container;

	if (rsc->bundle == NULL || ctr == NULL) {
		return true;
	}
	if (!ctr->managed || (ctr->assigned == NULL && ctr->running_on->len == 0) ||
	    !ctr->discover[node->index]) {
		return false;
	}
	for (guint i = 0; i < ctr->history->len; i++) {
		const struct pe_rsc_history *h = ctr->history->pdata[i];

		if (h->node == node && h->known) {
			return false;
		}
	}
	return true;
}

bool pe_bundle_is_container(const struct pe_resource *rsc)
{
	const struct pe_bundle *b = rsc->bundle == NULL ? NULL : rsc->bundle->bundle_data;

	for (int i = 0; b != NULL && i < b->nreplicas; i++) {
		if (b->replicas[i].container == rsc) {
			return true;
		}
	}
	return false;
}
