/*
 * Running a transition graph.  The rules are pacemaker's, because
 * crm_simulate prints actions in the order they fire and the controller
 * must behave the same way:
 *  - a step walks the synapses in document order and fires each one whose
 *    inputs are all confirmed; an action confirmed during the walk (a
 *    pseudo event, or a callback that confirms at once) already counts for
 *    the synapses after it;
 *  - at most batch-limit synapses are in flight (0: no limit);
 *  - after an abort, synapses below the abort priority do not start,
 *    except those made only of pseudo events;
 *  - a failed action unblocks only successors of INFINITY priority.
 * Confirmations go through the waiters index instead of walking every
 * synapse, which keeps graphs with tens of thousands of actions linear.
 */
#include <errno.h>
#include <stddef.h>

#include "transition_private.h"

static bool inputs_confirmed(const struct transition_synapse *syn)
{
	for (size_t i = 0; i < syn->n_inputs; i++) {
		if (!syn->inputs[i].confirmed) {
			return false;
		}
	}
	return true;
}

static bool only_pseudo(const struct transition_synapse *syn)
{
	for (size_t i = 0; i < syn->n_actions; i++) {
		if (syn->actions[i]->type != TRANSITION_PSEUDO_EVENT) {
			return false;
		}
	}
	return true;
}

static bool may_fire(struct transition_graph *graph, struct transition_synapse *syn,
		     const struct transition_callbacks *cb, void *user_data)
{
	syn->ready = inputs_confirmed(syn);
	if (!syn->ready) {
		return false;
	}
	if (!only_pseudo(syn) && syn->priority < graph->abort_priority) {
		graph->skipped++;
		return false;
	}
	for (size_t i = 0; cb->allowed != NULL && i < syn->n_actions; i++) {
		struct transition_action *a = syn->actions[i];

		if (a->type != TRANSITION_PSEUDO_EVENT && !cb->allowed(graph, a, user_data)) {
			return false;
		}
	}
	return true;
}

static int start_action(struct transition_graph *graph, struct transition_action *a,
			const struct transition_callbacks *cb, void *user_data)
{
	int rc = 0;

	a->executed = true;
	switch (a->type) {
	case TRANSITION_RSC_OP:
		return cb->rsc_op(graph, a, user_data);
	case TRANSITION_CRM_EVENT:
		return cb->crm_event(graph, a, user_data);
	case TRANSITION_PSEUDO_EVENT:
		break;
	}
	if (cb->pseudo_event != NULL) {
		rc = cb->pseudo_event(graph, a, user_data);
	}
	if (rc == 0 && !a->confirmed) {
		rc = transition_action_confirm(graph, a->id, false);
	}
	return rc;
}

/* Fire every action of @syn; on the first one that cannot start, the
 * synapse is done and failed and the graph aborts. */
static int fire_synapse(struct transition_graph *graph, struct transition_synapse *syn,
			const struct transition_callbacks *cb, void *user_data)
{
	syn->executed = true;
	for (size_t i = 0; i < syn->n_actions; i++) {
		struct transition_action *a = syn->actions[i];
		int rc = start_action(graph, a, cb, user_data);

		if (rc < 0) {
			syn->confirmed = true;
			a->confirmed = true;
			a->failed = true;
			return rc;
		}
	}
	return 0;
}

static void count_started(struct transition_graph *graph)
{
	graph->fired = graph->pending = graph->skipped = 0;
	graph->completed = graph->incomplete = 0;
	for (size_t i = 0; i < graph->n_synapses; i++) {
		const struct transition_synapse *syn = graph->synapses[i];

		if (syn->confirmed) {
			graph->completed++;
		} else if (!syn->failed && syn->executed) {
			graph->pending++;
		}
	}
}

static void walk_synapses(struct transition_graph *graph, const struct transition_callbacks *cb,
			  void *user_data)
{
	for (size_t i = 0; i < graph->n_synapses; i++) {
		struct transition_synapse *syn = graph->synapses[i];

		if (graph->batch_limit > 0 && graph->pending >= graph->batch_limit) {
			break;
		}
		if (syn->failed) {
			graph->skipped++;
		} else if (syn->confirmed || syn->executed) {
			continue;
		} else if (may_fire(graph, syn, cb, user_data)) {
			graph->fired++;
			if (fire_synapse(graph, syn, cb, user_data) < 0) {
				transition_graph_abort(graph, TRANSITION_INFINITY);
				graph->incomplete++;
				graph->fired--;
			}
			if (!syn->confirmed) {
				graph->pending++;
			}
		} else {
			graph->incomplete++;
		}
	}
}

int transition_graph_step(struct transition_graph *graph, const struct transition_callbacks *cb,
			  void *user_data)
{
	if (graph == NULL || cb == NULL || cb->rsc_op == NULL || cb->crm_event == NULL) {
		return -EINVAL;
	}
	count_started(graph);
	walk_synapses(graph, cb, user_data);
	if (graph->fired > 0) {
		return TRANSITION_ACTIVE;
	}
	if (graph->pending > 0) {
		return TRANSITION_PENDING;
	}
	if (graph->incomplete > 0 && graph->abort_priority <= 0) {
		return TRANSITION_TERMINATED;
	}
	if (graph->abort_priority > 0 && (graph->skipped > 0 || graph->incomplete > 0)) {
		return TRANSITION_STOPPED;
	}
	return TRANSITION_COMPLETE;
}

static void confirm_in_synapse(struct transition_synapse *syn)
{
	for (size_t i = 0; i < syn->n_actions; i++) {
		if (!syn->actions[i]->confirmed) {
			return;
		}
	}
	syn->confirmed = true;
}

/* The synapses waiting for @a learn its result; a failure reaches only
 * those of INFINITY priority. */
static void release_waiters(struct transition_graph *graph, const struct transition_action *a)
{
	GPtrArray *list =
		g_hash_table_lookup(transition_priv(graph)->waiters, GINT_TO_POINTER(a->id));

	for (guint w = 0; list != NULL && w < list->len; w++) {
		struct transition_synapse *syn = g_ptr_array_index(list, w);

		if (syn->confirmed || syn->failed || syn->executed) {
			continue;
		}
		if (a->failed && syn->priority != TRANSITION_INFINITY) {
			continue;
		}
		for (size_t i = 0; i < syn->n_inputs; i++) {
			if (syn->inputs[i].id == a->id) {
				syn->inputs[i].confirmed = true;
			}
		}
	}
}

int transition_action_confirm(struct transition_graph *graph, int action_id, bool failed)
{
	struct transition_action *a = transition_graph_action(graph, action_id);

	if (a == NULL) {
		return -ENOENT;
	}
	if (a->confirmed) {
		return -EALREADY;
	}
	a->confirmed = true;
	a->failed = failed;
	if (!a->synapse->confirmed && !a->synapse->failed && a->synapse->executed) {
		confirm_in_synapse(a->synapse);
	}
	release_waiters(graph, a);
	return 0;
}

void transition_graph_abort(struct transition_graph *graph, int priority)
{
	if (graph != NULL && priority > graph->abort_priority) {
		graph->abort_priority = priority;
	}
}

static const char *const state_names[] = {
	[TRANSITION_ACTIVE] = "active",         [TRANSITION_PENDING] = "pending",
	[TRANSITION_COMPLETE] = "complete",     [TRANSITION_STOPPED] = "stopped",
	[TRANSITION_TERMINATED] = "terminated",
};

const char *transition_state_str(enum transition_state state)
{
	if ((size_t)state >= G_N_ELEMENTS(state_names)) {
		return "unknown";
	}
	return state_names[state];
}
