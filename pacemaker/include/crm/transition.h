/*
 * Transition graphs: the scheduler's plan (transition_graph XML) as data,
 * and the executor the controller and crm_simulate share.  Execution is
 * asynchronous: transition_graph_step() starts every synapse whose inputs
 * are confirmed, through the caller's callbacks, and the caller reports
 * each result with transition_action_confirm() (at once or later), then
 * steps again.  The firing order is pacemaker's: synapses in document
 * order, repeated passes, a synapse confirmed during a pass unblocks the
 * synapses after it in that same pass.
 *
 * Ownership: transition_graph_unpack() and _adopt() return a graph the
 * caller frees with transition_graph_free(); actions, synapses and their
 * XML belong to the graph.  The library never prints.
 */
#ifndef PCMK_TRANSITION_H
#define PCMK_TRANSITION_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

/* Synapse priority (and abort priority) that nothing outranks. */
#define TRANSITION_INFINITY 1000000

enum transition_action_type {
	TRANSITION_RSC_OP,       /* <rsc_op>: an agent action on a node */
	TRANSITION_PSEUDO_EVENT, /* <pseudo_event>: an ordering point only */
	TRANSITION_CRM_EVENT,    /* <crm_event>: fencing, shutdown, ... */
};

/* What a step left the graph in. */
enum transition_state {
	TRANSITION_ACTIVE,     /* actions were fired: step again */
	TRANSITION_PENDING,    /* nothing new can fire until a confirmation */
	TRANSITION_COMPLETE,   /* every synapse ran */
	TRANSITION_STOPPED,    /* finished early after an abort (a failed
				* action or transition_graph_abort()) */
	TRANSITION_TERMINATED, /* synapses can never run and nothing aborted
				* the graph: the graph itself is broken */
};

struct transition_synapse;

struct transition_action {
	int id;
	enum transition_action_type type;
	const char *operation;     /* "operation" (never NULL) */
	const char *operation_key; /* "operation_key" or NULL */
	const char *on_node;       /* target node name or NULL */
	const char *on_node_uuid;
	const char *router_node;
	unsigned int interval_ms; /* CRM_meta_interval */
	int timeout_ms;           /* CRM_meta_timeout + CRM_meta_start_delay */
	bool can_fail;            /* CRM_meta_can_fail */
	xmlNode *xml;             /* the action element (owned by the graph) */
	xmlNode *primitive;       /* its <primitive> child or NULL */
	xmlNode *attributes;      /* its <attributes> child or NULL */
	struct transition_synapse *synapse;
	bool executed, confirmed, failed;
};

struct transition_input {
	int id;         /* the action this synapse waits for */
	bool confirmed; /* that action's result reached this synapse */
};

struct transition_synapse {
	int id;
	int priority;
	struct transition_action **actions;
	size_t n_actions;
	struct transition_input *inputs;
	size_t n_inputs;
	bool ready, executed, confirmed, failed;
};

struct transition_graph {
	int id; /* transition_id */
	long long cluster_delay_ms;
	long long stonith_timeout_ms;   /* cluster-delay when absent */
	int batch_limit;                /* 0: no limit */
	int migration_limit;            /* -1: no limit */
	const char *failed_stop_offset; /* as written, or NULL */
	const char *failed_start_offset;
	struct transition_synapse **synapses; /* document order */
	size_t n_synapses;
	size_t n_actions;
	int abort_priority; /* synapses below it no longer start */
	/* Counters of the last step, as pacemaker logs them. */
	int fired, pending, skipped, completed, incomplete;
	void *priv; /* index and XML copy (library-private) */
};

/* How the executor starts actions.  Each callback returns 0 when the
 * action was started (it may already be confirmed), or a negative errno:
 * the action then counts as failed and the graph is aborted.  rsc_op and
 * crm_event are required.  pseudo_event may be NULL: the executor confirms
 * pseudo events itself right after the callback, as the controller does.
 * allowed (optional) defers an action for now (throttling) when false. */
struct transition_callbacks {
	int (*rsc_op)(struct transition_graph *graph, struct transition_action *action,
		      void *user_data);
	int (*crm_event)(struct transition_graph *graph, struct transition_action *action,
			 void *user_data);
	int (*pseudo_event)(struct transition_graph *graph, struct transition_action *action,
			    void *user_data);
	bool (*allowed)(struct transition_graph *graph, struct transition_action *action,
			void *user_data);
};

/* Unpack a <transition_graph> element.  Returns 0 and *@graph (caller
 * frees with transition_graph_free()), or -EINVAL with *@error a malloc'd
 * message naming the synapse or action at fault (caller frees; may be
 * NULL when @error is NULL), or -ENOMEM. */
int transition_graph_unpack(const xmlNode *xml, struct transition_graph **graph, char **error);

/* transition_graph_unpack() without the copy: the graph takes @xml (a
 * graph of 10,000 resources is half a gigabyte as a tree), which is freed
 * with it, or at once when unpacking fails.  @xml must be a root element
 * or unlinked (pcmk_xml_free() frees it). */
int transition_graph_adopt(xmlNode *xml, struct transition_graph **graph, char **error);

/* Free @graph; NULL is a no-op. */
void transition_graph_free(struct transition_graph *graph);

/* The action with id @id, or NULL. */
struct transition_action *transition_graph_action(const struct transition_graph *graph, int id);

/* Value of attribute @name of @action's <attributes> (e.g.
 * "CRM_meta_op_target_rc"), or NULL. */
const char *transition_action_param(const struct transition_action *action, const char *name);

/* Fire every synapse that is ready (see the top of this file) and report
 * the resulting state, or -EINVAL when @graph or a required callback is
 * missing. */
int transition_graph_step(struct transition_graph *graph, const struct transition_callbacks *cb,
			  void *user_data);

/* Record the result of action @action_id: confirmed, and failed when
 * @failed.  A failed action no longer unblocks its successors (except
 * those of INFINITY priority); the caller decides whether to abort, as
 * crm_simulate does for injected failures.  Returns 0, -ENOENT for an
 * unknown id, -EALREADY when it was confirmed before. */
int transition_action_confirm(struct transition_graph *graph, int action_id, bool failed);

/* Stop starting synapses whose priority is below @priority
 * (TRANSITION_INFINITY: all but pseudo events).  Never lowers it. */
void transition_graph_abort(struct transition_graph *graph, int priority);

/* "active", "pending", "complete", "stopped", "terminated". */
const char *transition_state_str(enum transition_state state);

#endif /* PCMK_TRANSITION_H */
