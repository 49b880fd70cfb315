/*
 * Scheduling around remote and guest nodes: what may not run on them (no
 * nesting of connections, no fencing devices), a guest connection kept
 * with its container, and every action on such a node ordered against its
 * connection: it can only run while the connection is up, and what stops
 * there stops before the connection (and so before a guest's container).
 */
#include <string.h>

#include <crm/common/scores.h>

#include "pe_sched_private.h"

/* Whether @rsc is the container of some guest node. */
static bool is_container(const struct pe_cluster *c, const struct pe_resource *rsc)
{
	for (guint i = 0; i < c->nodes->len; i++) {
		const struct pe_node *node = c->nodes->pdata[i];

		if (node->remote_rsc != NULL && node->remote_rsc->container == rsc) {
			return true;
		}
	}
	return false;
}

static bool avoids_remote_nodes(const struct pe_cluster *c, const struct pe_resource *rsc)
{
	return rsc->variant == PE_PRIMITIVE &&
	       (rsc->remote_node != NULL || rsc->is_fencing || is_container(c, rsc));
}

bool pe_remote_may_probe(const struct pe_resource *rsc, const struct pe_node *node)
{
	const struct pe_resource *container;

	if (!node->remote) {
		return true;
	}
	if (rsc->is_fencing || rsc->remote_node != NULL || node->shutdown) {
		return false;
	}
	if (!node->guest || node->remote_rsc == NULL) {
		return true;
	}
	/* Nothing runs in a stopped container; and no container nests in
	 * another. */
	container = node->remote_rsc->container;
	return container != NULL && container->running_on->len > 0 &&
	       !is_container(rsc->cluster, rsc);
}

/* Once a connection is placed its node is up for the rest of the run (it
 * will be connected), or shutting down. */
void pe_remote_connection_assigned(struct pe_resource *conn)
{
	struct pe_node *node = conn->remote_node;

	if (node == NULL) {
		return;
	}
	if (conn->assigned != NULL && conn->next_role != PE_ROLE_STOPPED) {
		node->online = true;
		if (node->unseen) {
			node->unclean = false;
		}
	} else {
		node->shutdown = true;
	}
}

void pe_remote_bans_apply(struct pe_cluster *c)
{
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];

		if (!avoids_remote_nodes(c, rsc)) {
			continue;
		}
		for (guint n = 0; n < c->nodes->len; n++) {
			struct pe_node *node = c->nodes->pdata[n];

			if (node->remote) {
				pe_rsc_set_score(rsc, node, -PE_INFINITY, "remote-node-ban");
			}
		}
	}
}

/* A guest connection runs where its container runs, starts after it and
 * stops before it. */
void pe_remote_internal_constraints(struct pe_cluster *c)
{
	for (guint i = 0; i < c->all_resources->len; i++) {
		struct pe_resource *rsc = c->all_resources->pdata[i];
		struct pe_resource *container = rsc->container;

		if (container == NULL) {
			continue;
		}
		pe_order_rsc_actions(c, container, "start", rsc, "start",
				     PE_ORD_IMPLIES_THEN | PE_ORD_RUNNABLE_LEFT);
		pe_order_rsc_actions(c, rsc, "stop", container, "stop", PE_ORD_IMPLIES_FIRST);
		pe_colocation_add(c, "resource-with-container", rsc, container, PE_INFINITY,
				  PE_ROLE_UNKNOWN, PE_ROLE_UNKNOWN, NULL, true);
	}
}

/* What the connection of a remote node will do in this run. */
enum conn_state {
	CONN_ALIVE,   /* up and staying up */
	CONN_RESTING, /* on a dead node or migrating: recovered first */
	CONN_UNKNOWN, /* not running, may be started */
	CONN_STOPPED, /* cleanly stopped for good */
	CONN_FAILED,  /* failed and not recoverable: fence the node */
};

static enum conn_state conn_state(const struct pe_resource *conn)
{
	const struct pe_node *host = pe_rsc_current_node(conn);

	if (conn->next_role == PE_ROLE_STOPPED || conn->assigned == NULL) {
		if (host != NULL && host->unclean) {
			return CONN_FAILED;
		}
		return conn->failed ? CONN_FAILED : CONN_STOPPED;
	}
	if (host == NULL) {
		return CONN_UNKNOWN;
	}
	if (host->unclean || !host->online ||
	    (conn->running_on->len > 1 && conn->partial_migration_source != NULL &&
	     conn->partial_migration_target != NULL)) {
		return CONN_RESTING;
	}
	return CONN_ALIVE;
}

static bool task_is(const struct pe_action *a, const char *task)
{
	return strcmp(a->task, task) == 0;
}

static bool task_in(const struct pe_action *a, const char *const *tasks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (task_is(a, tasks[i])) {
			return true;
		}
	}
	return false;
}

/* @rsc's start before @a. */
static void start_then(struct pe_resource *rsc, struct pe_action *a, unsigned int extra)
{
	char *key = pe_op_key(rsc->id, "start", 0);

	pe_order_new(rsc->cluster, rsc, key, NULL, a->rsc, NULL, a, PE_ORD_PRESERVE | extra);
	g_free(key);
}

/* @a before @rsc's stop. */
static void then_stop(struct pe_action *a, struct pe_resource *rsc, unsigned int extra)
{
	char *key = pe_op_key(rsc->id, "stop", 0);

	pe_order_new(rsc->cluster, a->rsc, NULL, a, rsc, key, NULL, PE_ORD_PRESERVE | extra);
	g_free(key);
}

static bool is_starting(const struct pe_action *a)
{
	return task_is(a, "start") || task_is(a, "promote");
}

static bool is_leaving(const struct pe_action *a)
{
	return task_is(a, "stop") || task_is(a, "demote");
}

/* Anything else needs the connection up; a recurring monitor is also
 * restarted with it. */
static void needs_connection(struct pe_resource *conn, struct pe_action *a)
{
	start_then(conn, a, a->interval_ms > 0 ? PE_ORD_IMPLIES_THEN : PE_ORD_NONE);
}

/* On a guest node: a (re)start of the container restarts what starts
 * there; what leaves goes before the connection does, unless the failed
 * container's stop takes it down anyway. */
static void guest_order(struct pe_resource *conn, struct pe_action *a)
{
	struct pe_resource *container = conn->container;

	if (is_starting(a)) {
		start_then(container, a, PE_ORD_IMPLIES_THEN);
		start_then(conn, a, PE_ORD_NONE);
	} else if (is_leaving(a)) {
		if (!container->failed) {
			then_stop(a, conn, PE_ORD_NONE);
		}
	} else {
		needs_connection(conn, a);
	}
}

static void remote_stop_order(struct pe_resource *conn, struct pe_action *a, enum conn_state st)
{
	if (st == CONN_ALIVE) {
		then_stop(a, conn, PE_ORD_IMPLIES_FIRST);
	} else if (st == CONN_FAILED) {
		/* No way to reach it: only fencing stops what runs there. */
		pe_node_fence(a->node, "resources are active but connection is unrecoverable");
	} else if (conn->next_role == PE_ROLE_STOPPED) {
		then_stop(a, conn, PE_ORD_IMPLIES_FIRST);
	} else {
		start_then(conn, a, PE_ORD_NONE);
	}
}

static void remote_order(struct pe_resource *conn, struct pe_action *a)
{
	enum conn_state st = conn_state(conn);

	if (is_starting(a)) {
		start_then(conn, a, st == CONN_FAILED ? PE_ORD_IMPLIES_THEN : PE_ORD_NONE);
	} else if (task_is(a, "stop")) {
		remote_stop_order(conn, a, st);
	} else if (task_is(a, "demote")) {
		if (st == CONN_RESTING || st == CONN_UNKNOWN) {
			start_then(conn, a, PE_ORD_NONE);
		}
	} else {
		if (a->interval_ms == 0 && task_is(a, "monitor") && st == CONN_FAILED) {
			pe_node_fence(a->node, "resources are in unknown state and connection is "
					       "unrecoverable");
		}
		needs_connection(conn, a);
	}
}

/* A resource moving to a remote node stops where it was only once the
 * connection is up, so that a failed connection leaves it running. */
static void move_stop_after_connection(struct pe_resource *conn, struct pe_action *start)
{
	for (guint i = 0; i < start->rsc->actions->len; i++) {
		struct pe_action *stop = start->rsc->actions->pdata[i];

		if (stop->node != start->node && task_is(stop, "stop")) {
			start_then(conn, stop, PE_ORD_OPTIONAL);
		}
	}
}

void pe_remote_actions_order(struct pe_cluster *c)
{
	for (guint i = 0; i < c->actions->len; i++) {
		struct pe_action *a = c->actions->pdata[i];
		struct pe_resource *conn;

		if (a->rsc == NULL || a->node == NULL || !a->node->remote ||
		    a->node->remote_rsc == NULL) {
			continue;
		}
		conn = a->node->remote_rsc;
		if (task_is(a, "start")) {
			move_stop_after_connection(conn, a);
		}
		if (conn->container != NULL) {
			guest_order(conn, a);
		} else {
			remote_order(conn, a);
		}
	}
}

/* The cluster node that carries an action to a remote or guest node: where
 * the connection runs, or when it moves, where it is for actions that end
 * something and where it goes for the rest. */
struct pe_node *pe_remote_router(const struct pe_action *a)
{
	static const char *const ending[] = { "stop", "demote", "migrate_from", "migrate_to" };
	struct pe_resource *conn;
	struct pe_node *began, *ended;

	/* Fencing a remote node is the fencer's job on a cluster node. */
	if (a->node == NULL || !a->node->remote || a->node->remote_rsc == NULL ||
	    strcmp(a->task, "stonith") == 0) {
		return NULL;
	}
	conn = a->node->remote_rsc;
	began = pe_rsc_current_node(conn);
	ended = conn->assigned;
	if (began == NULL || ended == NULL || began == ended) {
		return began != NULL ? began : ended;
	}
	return task_in(a, ending, G_N_ELEMENTS(ending)) ? began : ended;
}
