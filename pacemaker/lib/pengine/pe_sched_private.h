/*
 * Scheduler internals shared by the files of lib/pengine: actions, the
 * orderings between them, and the steps of one scheduling run.
 */
#ifndef PE_SCHED_PRIVATE_H
#define PE_SCHED_PRIVATE_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/status.h>
#include <crm/pengine/sched.h>

/* Action flags. */
enum pe_action_flag {
	PE_ACT_OPTIONAL = 1 << 0,
	PE_ACT_RUNNABLE = 1 << 1,
	PE_ACT_PSEUDO = 1 << 2,
	PE_ACT_ALWAYS_IN_GRAPH = 1 << 3,
	PE_ACT_MIGRATABLE = 1 << 4,
	PE_ACT_DUMPED = 1 << 5,
	PE_ACT_IMPLIED_BY_FENCING = 1 << 7,
	PE_ACT_RESCHEDULE = 1 << 11, /* recurring op whose definition changed */
};

/* Ordering flags (what one action's state implies for the other). */
enum pe_order_flag {
	PE_ORD_NONE = 0,
	PE_ORD_OPTIONAL = 1 << 0, /* ordered only if both happen */
	PE_ORD_IMPLIES_THEN = 1 << 1,
	PE_ORD_IMPLIES_FIRST = 1 << 2,
	PE_ORD_RUNNABLE_LEFT = 1 << 3, /* unrunnable first blocks then */
	PE_ORD_RESTART = 1 << 4,       /* stop then start of one resource */
	PE_ORD_PROMOTED_IMPLIES_FIRST = 1 << 5,
	PE_ORD_ONE_OR_MORE = 1 << 6,
	PE_ORD_ASYMMETRICAL = 1 << 7,
	PE_ORD_SAME_NODE = 1 << 8,
	PE_ORD_THEN_CANCELS_FIRST = 1 << 9,
	PE_ORD_SERIALIZE = 1 << 10,
	PE_ORD_IMPLIES_THEN_PRINTED = 1 << 11,
	PE_ORD_IMPLIES_FIRST_PRINTED = 1 << 12,
	PE_ORD_ANTI_COLOCATION = 1 << 14,
	PE_ORD_LOAD = 1 << 15,
	PE_ORD_PRESERVE = 1 << 19,
};

struct pe_action;

struct pe_action_edge {
	struct pe_action *action;
	unsigned int flags;
};

struct pe_action {
	int id;
	char *uuid; /* operation key: rsc_task_interval, or task for others */
	char *task;
	unsigned int interval_ms;
	struct pe_resource *rsc;
	struct pe_node *node;
	unsigned int flags;
	int priority;
	GHashTable *meta;  /* CRM_meta_* without the prefix: name -> value */
	GHashTable *extra; /* op instance attributes */
	GArray *before;    /* struct pe_action_edge: actions this one waits for */
	GArray *after;
	const char *reason;
	char *cancel_task;
	int required_runnable_before;
	int runnable_before;
	xmlNode *op_xml; /* the <op> definition, if any */
};

/* A constraint between two actions, or between actions of resources named
 * by key, before they are resolved to action pairs. */
struct pe_ordering {
	int id;
	unsigned int flags;
	struct pe_resource *first_rsc;
	char *first_key;
	struct pe_action *first_action;
	struct pe_resource *then_rsc;
	char *then_key;
	struct pe_action *then_action;
};

/* pe_cluster.c */
struct pe_cluster *pe_cluster_alloc(void);
struct pe_node *pe_node_alloc(struct pe_cluster *c, const char *id, const char *uname);
/* A resource known to no list or index of @c (pe_resource_alloc() adds
 * it to all_resources and rsc_by_id). */
struct pe_resource *pe_resource_new(struct pe_cluster *c, const char *id, xmlNode *xml,
				    enum pe_variant variant, struct pe_resource *parent);
struct pe_resource *pe_resource_alloc(struct pe_cluster *c, const char *id, xmlNode *xml,
				      enum pe_variant variant, struct pe_resource *parent);

/* pe_unpack*.c */
void pe_unpack_config(struct pe_cluster *c, xmlNode *crm_config);
int pe_unpack_nodes(struct pe_cluster *c, xmlNode *nodes);
int pe_unpack_resources(struct pe_cluster *c, xmlNode *resources);
void pe_unpack_status(struct pe_cluster *c, xmlNode *status);
void pe_unpack_history(struct pe_cluster *c, struct pe_node *node, xmlNode *lrm_resources);
void pe_unpack_constraints(struct pe_cluster *c, xmlNode *constraints);
struct pe_resource *pe_clone_orphan_instance(struct pe_cluster *c, struct pe_resource *clone);
bool pe_text_is_true(const char *text);
void pe_node_builtin_attrs(struct pe_node *node);

/* Remote and guest nodes (pe_unpack_remote.c). */
bool pe_xml_is_remote_connection(const xmlNode *rsc_xml);
void pe_remote_nodes_unpack(struct pe_cluster *c, xmlNode *resources);
xmlNode *pe_remote_implicit_resources(const struct pe_cluster *c);
void pe_remote_resources_link(struct pe_cluster *c);
bool pe_remote_node_up(const struct pe_node *node);
struct pe_node *pe_remote_node_add(struct pe_cluster *c, const char *name, bool guest);
xmlNode *pe_implicit_root(struct pe_cluster *c);
void pe_xml_nvpair_add(xmlNode *set, const char *prefix, const char *name, const char *value);
void pe_xml_op_add(xmlNode *ops, const char *name, const char *task, const char *interval,
		   const char *timeout);
const char *pe_xml_plain_meta(xmlNode *rsc_xml, const char *name);
void pe_guest_node_reset(struct pe_node *node);

/* Scheduling around remote and guest nodes (pe_remote_sched.c). */
void pe_remote_bans_apply(struct pe_cluster *c);
void pe_remote_internal_constraints(struct pe_cluster *c);
void pe_remote_actions_order(struct pe_cluster *c);
struct pe_node *pe_remote_router(const struct pe_action *a);
bool pe_remote_may_probe(const struct pe_resource *rsc, const struct pe_node *node);
void pe_remote_connection_assigned(struct pe_resource *conn);
struct pe_rule_input;
void pe_rule_input_for_node(const struct pe_cluster *c, const struct pe_node *node,
			    struct pe_rule_input *in);

/* Bundles (pe_unpack_bundle.c, pe_bundle_xml.c). */
void pe_bundle_scan(struct pe_cluster *c, xmlNode *bundle_xml);
void pe_bundle_unpack(struct pe_cluster *c, xmlNode *bundle_xml);
struct pe_resource *pe_rsc_unpack_xml(struct pe_cluster *c, xmlNode *xml);
struct pe_resource *pe_bundle_find(const struct pe_cluster *c, const char *id);
/* pe_bundle_sched.c */
void pe_bundle_internal_constraints(struct pe_cluster *c);
void pe_bundle_scores_apply(struct pe_cluster *c);
void pe_bundle_create_actions(struct pe_cluster *c);
void pe_bundle_remote_addresses(struct pe_cluster *c);
/* False for a bundle's connection on @node unless its container is going
 * to run and is probed there (for others: true). */
bool pe_bundle_connection_may_probe(const struct pe_resource *rsc, const struct pe_node *node);
/* Whether @rsc is the container of one of its bundle's replicas. */
bool pe_bundle_is_container(const struct pe_resource *rsc);
/* The instance of bundled clone @clone that belongs on guest node @node,
 * or NULL (not a bundle's clone, or not one of its nodes). */
struct pe_resource *pe_bundle_replica_child(const struct pe_resource *clone,
					    const struct pe_node *node);

/* pe_actions.c */
struct pe_action *pe_action_find(struct pe_cluster *c, const char *key, const struct pe_node *node);
struct pe_action *pe_action_custom(struct pe_cluster *c, struct pe_resource *rsc, const char *key,
				   const char *task, struct pe_node *node, bool optional);
/* The runnable pseudo-action @task (start, running, stop...) of a group,
 * clone or bundle @rsc, made or found. */
struct pe_action *pe_rsc_pseudo_action(struct pe_resource *rsc, const char *task, bool optional);
/* The timeout of an op (its own, else op_defaults'), or NULL. */
const char *pe_op_timeout(const struct pe_cluster *c, xmlNode *op_config);
struct pe_action *pe_cancel_action(struct pe_resource *rsc, const char *task,
				   unsigned int interval_ms, struct pe_node *node);
char *pe_op_key(const char *rsc_id, const char *task, unsigned int interval_ms);
char *pe_notify_key(const char *rsc_id, const char *type, const char *task);
GPtrArray *pe_rsc_actions_by_key(const struct pe_resource *rsc, const char *key,
				 const struct pe_node *node);
void pe_action_set_flag(struct pe_action *a, unsigned int flag, bool on);
void pe_action_free(struct pe_action *a);
bool pe_action_is_stop(const struct pe_action *a);

/* pe_ordering.c */
void pe_order_actions(struct pe_action *first, struct pe_action *then, unsigned int flags);
void pe_order_new(struct pe_cluster *c, struct pe_resource *first_rsc, const char *first_task,
		  struct pe_action *first, struct pe_resource *then_rsc, const char *then_task,
		  struct pe_action *then, unsigned int flags);
void pe_order_rsc_actions(struct pe_cluster *c, struct pe_resource *first_rsc,
			  const char *first_task, struct pe_resource *then_rsc,
			  const char *then_task, unsigned int flags);
void pe_orderings_apply(struct pe_cluster *c);
void pe_actions_update_all(struct pe_cluster *c);
void pe_ordering_free(struct pe_ordering *o);

/* pe_location.c */
void pe_rsc_set_score(struct pe_resource *rsc, const struct pe_node *node, int score,
		      const char *why);
void pe_locations_apply(struct pe_cluster *c);
void pe_location_add(struct pe_cluster *c, const char *id, struct pe_resource *rsc,
		     struct pe_node *node, int score);
xmlNode *pe_rsc_op_config(const struct pe_resource *rsc, const char *task,
			  unsigned int interval_ms);
void pe_stickiness_and_failures_apply(struct pe_cluster *c);

/* pe_assign.c */
void pe_assign_all(struct pe_cluster *c);
struct pe_node *pe_rsc_assign(struct pe_resource *rsc, struct pe_node *prefer);
void pe_rsc_assign_to(struct pe_resource *rsc, struct pe_node *node, bool force);
struct pe_node *pe_rsc_current_node(const struct pe_resource *rsc);
int pe_node_compare(const struct pe_node *a, int score_a, const struct pe_node *b, int score_b,
		    const struct pe_node *preferred);
void pe_scores_print(struct pe_cluster *c, const char *who, const struct pe_resource *rsc);

/* pe_colocation.c */
void pe_colocation_apply_to_scores(struct pe_resource *dependent,
				   const struct pe_colocation *coloc);
void pe_colocation_add_dependent_scores(struct pe_resource *primary,
					const struct pe_colocation *coloc);

/* pe_constraints.c */
GPtrArray *pe_constraint_resources(struct pe_cluster *c, const char *id);
/* As pe_constraint_resources(), or else the bundle called @id: for
 * constraints that may name a bundle (locations, orderings). */
GPtrArray *pe_constraint_targets(struct pe_cluster *c, const char *id);
void pe_colocation_add(struct pe_cluster *c, const char *id, struct pe_resource *dependent,
		       struct pe_resource *primary, int score, enum pe_role dep_role,
		       enum pe_role prim_role, const char *attr, bool influence);

/* pe_actions_primitive.c */
void pe_primitive_create_actions(struct pe_resource *rsc);
void pe_primitive_internal_constraints(struct pe_resource *rsc);
struct pe_action *pe_rsc_start(struct pe_resource *rsc, struct pe_node *node, bool optional);
struct pe_action *pe_rsc_stop(struct pe_resource *rsc, struct pe_node *node, bool optional);

/* pe_recurring.c */
void pe_recurring_create(struct pe_resource *rsc);

/* pe_probes.c */
void pe_probes_schedule(struct pe_cluster *c);
void pe_probes_order(struct pe_cluster *c);

/* pe_group.c */
void pe_group_create_actions(struct pe_resource *grp);
void pe_group_internal_constraints(struct pe_resource *grp);
void pe_group_colocate_members(struct pe_resource *grp);
struct pe_node *pe_group_assign(struct pe_resource *grp, struct pe_node *prefer);

/* pe_clone.c */
struct pe_node *pe_clone_assign(struct pe_resource *clone, struct pe_node *prefer);
void pe_clone_create_actions(struct pe_resource *clone);
void pe_clone_internal_constraints(struct pe_resource *clone);

/* pe_promotable.c */
void pe_promotable_set_roles(struct pe_resource *clone);
void pe_promotable_create_actions(struct pe_resource *clone);
void pe_promotable_internal_constraints(struct pe_resource *clone);

/* pe_utilization.c */
struct pe_node *pe_utilization_ban_insufficient(struct pe_resource *rsc);
int pe_utilization_compare(const struct pe_node *a, const struct pe_node *b);
void pe_utilization_consume(struct pe_node *node, const struct pe_resource *rsc);
void pe_utilization_release(struct pe_node *node, const struct pe_resource *rsc);
int pe_utilization_value(const char *text);
bool pe_utilization_has_capacity(const struct pe_node *node, GHashTable *needs);
void pe_utilization_adjust(GHashTable *table, GHashTable *amounts, int sign);
/* pe_utilization_colocated.c: the resources placed with @rsc (caller frees
 * the array), and the sum of what the unassigned ones use (caller destroys) */
GPtrArray *pe_utilization_colocated(struct pe_resource *rsc);
GHashTable *pe_utilization_colocated_sum(struct pe_resource *rsc);
/* pe_utilization_orders.c */
struct pe_action *pe_utilization_load_stopped(struct pe_cluster *c, struct pe_node *node);
void pe_utilization_constraints(struct pe_resource *rsc);
void pe_utilization_constraints_all(struct pe_cluster *c);
bool pe_utilization_load_input_kept(const struct pe_action *first, const struct pe_action *then);

/* pe_config_changes.c */
void pe_config_changes_check(struct pe_cluster *c);

/* pe_notify.c */
void pe_notify_pseudo_create(struct pe_resource *clone);
void pe_notify_instances_create(struct pe_resource *clone);

/* pe_collective.c */
void pe_collective_flags_update(struct pe_action *a);
void pe_collective_parent_actions(const struct pe_action *a, GPtrArray *out);

/* pe_fencing.c */
void pe_fencing_and_shutdowns(struct pe_cluster *c);
/* Whether @node can be fenced now: fencing enabled with a device, and
 * quorum (or no-quorum-policy=ignore) unless the node is in our membership. */
bool pe_can_fence(const struct pe_cluster *c, const struct pe_node *node);
struct pe_action *pe_fence_op(struct pe_cluster *c, struct pe_node *node, const char *op,
			      bool optional);

/* pe_graph.c */
xmlNode *pe_graph_create(struct pe_cluster *c);

/* pe_constraints.c */
void pe_orders_unpack(struct pe_cluster *c);

/* pe_resource.c */
void pe_rsc_create_actions(struct pe_resource *rsc);
void pe_rsc_internal_constraints(struct pe_resource *rsc);
bool pe_rsc_is_clone(const struct pe_resource *rsc);
struct pe_resource *pe_rsc_top(struct pe_resource *rsc);
const char *pe_rsc_meta(const struct pe_resource *rsc, const char *name);

#endif /* PE_SCHED_PRIVATE_H */
