/*
 * Shared by the sim_*.c files: the CIB status helpers the graph
 * simulation and the injections both use.
 */
#ifndef SIM_PRIVATE_H
#define SIM_PRIVATE_H

#include <stdio.h>
#include <time.h>
#include <libxml/tree.h>

#include <crm/transition/simulate.h>

/* What crm_simulate writes as crm-debug-origin. */
#define SIM_ORIGIN "crm_simulate"

/* <status> of @cib, created when missing; NULL when @cib is no <cib>. */
xmlNode *sim_status(xmlNode *cib);

/* node_state of @uname, or a new one (id: @uuid, else the id of the
 * configured node, else @uname).  NULL only when memory runs out. */
xmlNode *sim_node_state(xmlNode *cib, const char *uname, const char *uuid);

/* Set the membership attributes of @state: online member or down. */
void sim_node_set_up(xmlNode *state, bool up);

/* Append element @name to @parent (dropping indentation text of @parent
 * so that the result prints indented).  NULL when out of memory. */
xmlNode *sim_add_child(xmlNode *parent, const char *name);

/* Remove every child element of @parent named @name. */
void sim_remove_children(xmlNode *parent, const char *name);

/* lrm_resource elements by node_state and id (sim_lrm_index.c), for runs
 * that record many results.  It stays right while the history changes only
 * through sim_lrm_resource() and sim_lrm_index_forget().  The free
 * function takes NULL. */
struct sim_lrm_index;
struct sim_lrm_index *sim_lrm_index_new(void);
void sim_lrm_index_free(struct sim_lrm_index *index);

/* lrm_resource @id of @state, or NULL; with a NULL @index, by a walk. */
xmlNode *sim_lrm_index_find(struct sim_lrm_index *index, const xmlNode *state, const char *id);

/* @rsc was just added under @state. */
void sim_lrm_index_add(struct sim_lrm_index *index, const xmlNode *state, xmlNode *rsc);

/* The history of @state is about to be removed (or replaced). */
void sim_lrm_index_forget(struct sim_lrm_index *index, const xmlNode *state);

/* lrm_resource @id of @state (or @alt_id when that one exists), created
 * as @alt_id with @rclass/@provider/@type when neither exists; looked up
 * through @index, which may be NULL.  NULL with *@why set when it must be
 * created and the agent is not known. */
xmlNode *sim_lrm_resource(struct sim_lrm_index *index, xmlNode *state, const char *id,
			  const char *alt_id, const char *rclass, const char *provider,
			  const char *type, const char **why);

/* One operation result to record. */
struct sim_op {
	const char *rsc; /* history id (lrm_resource id) */
	const char *task;
	unsigned int interval_ms;
	int rc;
	int target_rc;
	const char *exit_reason; /* recorded for failed results only */
	const xmlNode *params;   /* the action's <attributes>, or NULL */
	time_t now;
};

/* Record @op under @lrm_resource as the controller does (last_0,
 * last_failure_0, the recurring op's own entry, ...).  Returns 0 or
 * -ENOMEM. */
int sim_history_record(xmlNode *lrm_resource, const struct sim_op *op);

/* Fail count and last failure of a failed @op, into @state's transient
 * attributes, as crm_simulate injects them (nothing for success or a
 * "not running" probe).  Lines go to @out. */
void sim_inject_failcount(xmlNode *state, const char *rsc, const struct sim_op *op, FILE *out);

#endif /* SIM_PRIVATE_H */
