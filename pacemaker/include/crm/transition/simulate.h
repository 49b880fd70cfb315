/*
 * crm_simulate's side of transition graphs: run a graph on a CIB as if
 * every action succeeded (or failed, when asked), print what runs in
 * crm_simulate's words, and write each result into the CIB status the
 * way the controller and crm_simulate record them, so that the
 * scheduler run on the changed CIB sees the new state.  Also the
 * injections of crm_simulate -u/-d/-f/-i/-q.
 *
 * @cib is the whole <cib> element and is changed in place (a <status> is
 * added when missing).  @out receives the lines crm_simulate prints on
 * stdout ("  * Resource action: ...") and may be NULL; @err receives
 * what crm_simulate prints on stderr and may be NULL.
 */
#ifndef PCMK_TRANSITION_SIMULATE_H
#define PCMK_TRANSITION_SIMULATE_H

#include <stdio.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/transition.h>

/* Run @graph to its end on @cib, each action confirmed at once.
 * @failures is a list of "rsc_task_interval@node=rc" strings (crm_simulate
 * -F; an anonymous clone instance may be named with or without its
 * instance number): the matching action returns that rc, its fail count
 * is injected and the graph is aborted, as crm_simulate does.  Returns the
 * final enum transition_state (TRANSITION_COMPLETE, _STOPPED after an
 * injected failure, _TERMINATED for a graph that cannot finish), or
 * -EINVAL when @cib is not a <cib> or @graph is NULL. */
int sim_graph_execute(xmlNode *cib, struct transition_graph *graph, const GList *failures,
		      FILE *out, FILE *err);

enum sim_node_change {
	SIM_NODE_UP,   /* -u: online member (added to <nodes> when unknown) */
	SIM_NODE_DOWN, /* -d: cleanly offline, history and attributes gone */
	SIM_NODE_FAIL, /* -f: lost by the membership while the controller
			* still claims it: to be fenced */
};

/* Apply @change to node @uname's node_state (created when missing).
 * Prints "  * Bringing node X online" (and the like) to @out.  Returns 0,
 * -EINVAL for bad arguments, -ENOMEM. */
int sim_inject_node(xmlNode *cib, const char *uname, enum sim_node_change change, FILE *out);

/* crm_simulate -i "rsc_task_interval@node=rc": record that result in
 * @uname's history of the resource (the agent class, provider and type
 * come from the configuration), with a fail count when it failed.
 * Returns 0; -EINVAL for a malformed spec or a resource the configuration
 * does not have (the message, naming it, goes to @err). */
int sim_inject_op(xmlNode *cib, const char *spec, FILE *out, FILE *err);

/* crm_simulate -q: set have-quorum on <cib> to @value ("true"/"false",
 * "1"/"0").  Returns 0 or -EINVAL. */
int sim_inject_quorum(xmlNode *cib, const char *value, FILE *out);

#endif /* PCMK_TRANSITION_SIMULATE_H */
