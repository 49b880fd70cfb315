/*
 * The cluster as the scheduler sees it: nodes, resources and their state,
 * unpacked from one CIB (configuration + status).  A struct pe_cluster is
 * built by pe_cluster_unpack() and owns everything reachable from it.
 *
 * Nodes carry a dense index so that per-resource node scores are plain
 * arrays (see the design note in lib/pengine/pe_schedule.c).
 */
#ifndef PCMK_PENGINE_STATUS_H
#define PCMK_PENGINE_STATUS_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

#include <crm/pengine/iso8601.h>

#define PE_INFINITY 1000000

/* A node's entry is absent from a resource's allowed-node scores (as
 * opposed to present with -INFINITY); absent entries are not printed. */
#define PE_SCORE_ABSENT (-2147483647 - 1)

enum pe_role {
	PE_ROLE_UNKNOWN,
	PE_ROLE_STOPPED,
	PE_ROLE_STARTED,
	PE_ROLE_UNPROMOTED,
	PE_ROLE_PROMOTED,
};

/* A bundle (PE_BUNDLE) is not scheduled itself: it stands for the
 * resources generated for its replicas, which are top-level resources of
 * their own that point back to it (pe_resource.bundle). */
enum pe_variant { PE_PRIMITIVE, PE_GROUP, PE_CLONE, PE_BUNDLE };

enum pe_no_quorum { PE_NOQ_STOP, PE_NOQ_FREEZE, PE_NOQ_IGNORE, PE_NOQ_DEMOTE, PE_NOQ_SUICIDE };

enum pe_on_fail {
	PE_ON_FAIL_IGNORE,
	PE_ON_FAIL_RESTART,
	PE_ON_FAIL_BLOCK,
	PE_ON_FAIL_STOP,
	PE_ON_FAIL_STANDBY,
	PE_ON_FAIL_FENCE,
	PE_ON_FAIL_DEMOTE,
	PE_ON_FAIL_RESTART_CONTAINER,
};

struct pe_cluster;

struct pe_node {
	struct pe_cluster *cluster;
	char *id;
	char *uname;
	int index; /* position in pe_cluster.nodes */
	bool online;
	bool unclean;
	bool shutdown;
	bool standby;
	bool standby_onfail;
	bool maintenance;
	bool pending;
	bool expected_up;
	bool is_dc;
	bool unseen;                    /* no node_state at all */
	bool configured;                /* listed in the nodes section */
	bool remote;                    /* type="remote" or a guest/remote connection */
	bool guest;                     /* a guest node: runs inside its connection's container */
	struct pe_resource *remote_rsc; /* the connection resource of a remote/guest node */
	bool rsc_discovery;             /* probes allowed (resource-discovery-enabled) */
	int weight;                     /* the node's base score ("score" attribute) */
	int num_resources;              /* resources assigned here so far */
	GHashTable *attrs;              /* name -> value, permanent + transient + #uname... */
	GHashTable *failures; /* rsc id -> struct pe_fail_sum, built from attrs on first use */
	GHashTable *utilization;
	GPtrArray *running; /* struct pe_resource * active here */
	char *fence_reason; /* why it became unclean, first reason only */
};

struct pe_resource;
struct pe_cluster;

/* One replica of a bundle: the resources made for it (NULL when absent). */
struct pe_replica {
	int index;
	char *ipaddr;                  /* from ip-range-start, or NULL */
	struct pe_resource *ip;        /* ocf:heartbeat:IPaddr2 */
	struct pe_resource *container; /* ocf:heartbeat:docker, podman or rkt */
	struct pe_resource *remote;    /* the connection to the guest node */
	struct pe_resource *child;     /* the bundled primitive's instance */
	struct pe_node *node;          /* the guest node, with a primitive */
};

/* What a PE_BUNDLE resource holds beyond a resource's fields. */
struct pe_bundle {
	char *agent; /* "docker", "podman" or "rkt" */
	char *image;
	int nreplicas;
	int replicas_per_host;
	int promoted_max;
	struct pe_resource *clone;   /* the bundled primitive's clone, or NULL */
	struct pe_replica *replicas; /* nreplicas of them */
};

/* What the history of one resource on one node says. */
struct pe_rsc_history {
	struct pe_node *node;
	enum pe_role role;
	int fail_count;
	long long last_failure;
	bool failed;       /* the last relevant result was a failure */
	bool pending;      /* an operation is in flight */
	bool start_failed; /* start failed here (start-failure-is-fatal) */
	bool known;        /* the history tells the state (not just a pending or
			    * expired probe) */
	enum pe_on_fail on_fail;
	xmlNode *last_op; /* newest relevant lrm_rsc_op */
	GPtrArray *ops;   /* lrm_rsc_op elements, sorted by call id */
};

struct pe_resource {
	char *id;      /* "rsc", or "child:2" for a clone instance */
	char *base_id; /* id without the instance suffix */
	struct pe_cluster *cluster;
	char *history_id; /* the name history knows an anonymous instance by */
	enum pe_variant variant;
	struct pe_resource *parent;
	GPtrArray *children;
	xmlNode *xml;
	const char *klass;
	const char *provider;
	const char *type;
	GHashTable *meta;        /* meta attributes, rsc_defaults applied */
	GHashTable *params;      /* instance attributes for the default node */
	GHashTable *utilization; /* what it uses of its node's capacity */
	int priority;
	int stickiness;
	int migration_threshold;
	int failure_timeout; /* seconds, 0 = never */
	int index;           /* position in pe_cluster.all_resources */

	bool managed;
	bool maintenance;
	bool orphan;
	bool failed;
	bool blocked;
	bool unique;
	bool promotable;
	bool notify;
	bool interleave;
	bool ordered;
	bool colocated; /* groups */
	bool allow_migrate;
	bool critical;
	bool is_fencing; /* class stonith */
	bool requires_fencing;
	bool requires_quorum;
	bool provisional; /* not assigned yet */
	bool assigning;   /* assignment in progress (loop guard) */
	bool stop_if_failed;
	bool start_pending;
	bool multiply_active;
	bool failure_ignored; /* a failure with on-fail=ignore: no threshold */

	enum pe_role role;        /* current */
	enum pe_role next_role;   /* decided */
	enum pe_role target_role; /* configured */
	enum pe_on_fail on_fail;

	int clone_max;
	int clone_node_max;
	int promoted_max;
	int promoted_node_max;
	int promotion_priority; /* from master- attributes and constraints */

	GPtrArray *running_on; /* struct pe_node *, where active now */
	GPtrArray *history;    /* struct pe_rsc_history *, one per node seen */
	struct pe_node *assigned;
	struct pe_node *partial_migration_target;
	struct pe_node *partial_migration_source;
	struct pe_node *pending_node; /* a start in flight there */
	int *scores;                  /* per node index; PE_SCORE_ABSENT when not allowed */
	bool *discover;               /* per node index: probes allowed */
	bool exclusive_discovery;
	GPtrArray *ops_xml;         /* <op> elements of the definition */
	GPtrArray *coloc_this_with; /* struct pe_colocation *, this = dependent */
	GPtrArray *coloc_with_this; /* this = primary */
	GPtrArray *actions;         /* struct pe_action * of this resource */
	GPtrArray *tickets;

	struct pe_resource *container; /* a guest connection: the resource it runs in */
	struct pe_node *remote_node;   /* a connection: the remote/guest node it makes */
	bool implicit;                 /* made for a remote-node meta attribute */
	struct pe_resource *bundle;    /* made for a bundle: that bundle */
	struct pe_bundle *bundle_data; /* PE_BUNDLE only; its children then are
					* its members, whose parent it is not */
};

struct pe_colocation {
	char *id;
	struct pe_resource *dependent;
	struct pe_resource *primary;
	enum pe_role dependent_role; /* PE_ROLE_UNKNOWN = any */
	enum pe_role primary_role;
	const char *node_attribute; /* "#uname" by default */
	int score;
	bool influence;
};

struct pe_location {
	char *id;
	bool configured; /* an rsc_location (not one the scheduler adds) */
	struct pe_resource *rsc;
	enum pe_role role;
	int discovery;          /* 0 always, 1 never, 2 exclusive */
	GPtrArray *node_scores; /* struct pe_node_score */
};

struct pe_node_score {
	struct pe_node *node;
	int score;
	xmlNode *rule; /* the rule that gave it (in the CIB), NULL for none */
};

struct pe_cluster {
	xmlDoc *doc; /* the CIB read, owned unless borrowed */
	bool borrowed_doc;
	xmlNode *cib;
	struct pe_time now;
	char *dc_uuid;
	struct pe_node *dc_node;
	bool have_quorum;
	GHashTable *options; /* cluster options: name -> value */
	bool stonith_enabled;
	bool symmetric;
	bool stop_orphan_resources;
	bool stop_orphan_actions;
	bool start_failure_is_fatal;
	bool maintenance_mode;
	bool stop_all;
	bool concurrent_fencing;
	bool startup_fencing;
	bool remove_after_stop;
	bool have_stonith_resource;
	bool utilization_strategy;
	char *placement_strategy;
	enum pe_no_quorum no_quorum_policy;
	int default_stickiness; /* default-resource-stickiness (legacy) */
	int stonith_timeout_ms;
	char *stonith_action;
	int node_health_red, node_health_yellow, node_health_green;
	char *health_strategy;
	int priority_fencing_delay;
	GHashTable *rsc_defaults;
	xmlNode *op_defaults_xml;

	GPtrArray *nodes; /* struct pe_node * in CIB order */
	GHashTable *node_by_id;
	GHashTable *node_by_uname;
	GPtrArray *resources;     /* top-level, CIB order */
	GPtrArray *all_resources; /* every resource incl. children */
	GPtrArray *bundles;       /* PE_BUNDLE resources in CIB order (not in the
				   * lists above: their members are) */
	int bundle_nodes_ahead;   /* guest nodes of bundles not unpacked yet: a
				   * clone's default clone-max counts the nodes
				   * known when it is unpacked */
	GHashTable *rsc_by_id;    /* id (and clone instance ids) -> rsc */
	GHashTable *clone_bases;  /* id of a cloned primitive or member -> clone */
	GHashTable *lrm_by_base;  /* lrm_resource id before any ":N" -> GPtrArray of
				   * its lrm_resource elements, in status order */
	GPtrArray *locations;
	GPtrArray *colocations;
	GPtrArray *orderings_xml; /* rsc_order elements, unpacked later */
	GHashTable *tags;         /* tag id -> GPtrArray of ids */
	GPtrArray *config_errors; /* char *, messages for crm_verify */
	GPtrArray *config_warnings;

	/* scheduling state */
	GPtrArray *actions;
	GHashTable *action_by_key; /* "key\nnode-id" -> action */
	GPtrArray *orderings;      /* struct pe_ordering * */
	int next_action_id;
	GString *scores_text; /* "allocation score" lines when requested */
	bool want_scores;
	bool sanitized;       /* private parameters may be masked in the input */
	xmlDoc *implicit_doc; /* the definitions of guest nodes' connections */
};

/* Unpack @cib (a <cib> element; the cluster borrows it: keep it alive and
 * unchanged while the cluster exists) as of time @now.  Returns 0 and a
 * new *@out (free with pe_cluster_free()), or a negative errno / PCMK_E_*
 * code with a message in *@error (caller frees) naming what is wrong. */
int pe_cluster_unpack(xmlNode *cib, const struct pe_time *now, struct pe_cluster **out,
		      char **error);

void pe_cluster_free(struct pe_cluster *cluster);

struct pe_node *pe_node_find(const struct pe_cluster *cluster, const char *uname);
struct pe_node *pe_node_find_id(const struct pe_cluster *cluster, const char *id);
struct pe_resource *pe_resource_find(const struct pe_cluster *cluster, const char *id);

/* Orders lrm_rsc_op elements (pointers to xmlNode *, for
 * g_ptr_array_sort) oldest first: by call-id, pending ones (-1) last, one
 * call recorded twice by its last-rc-change. */
gint pe_op_cmp_call_id(gconstpointer a, gconstpointer b);

const char *pe_role_text(enum pe_role role);
enum pe_role pe_role_parse(const char *text);

/* The fail count of @rsc on @node (clone instances of anonymous clones
 * count under the clone's member id), the time of the last failure in
 * *@last_failure (0: unknown) when not NULL; @effective: 0 once the
 * failures expired (failure-timeout). */
int pe_rsc_fail_count(const struct pe_cluster *c, const struct pe_resource *rsc,
		      const struct pe_node *node, long long *last_failure, bool effective);

/* The value of cluster option @name, or its default. */
const char *pe_cluster_option(const struct pe_cluster *cluster, const char *name);

/* The node @node (a guest node) runs on: where its connection's container
 * is active; NULL for other nodes or a stopped container. */
struct pe_node *pe_node_guest_host(const struct pe_node *node);

/* True when the node can run resources (online, not standby, clean...). */
bool pe_node_available(const struct pe_node *node);

/* Mark @node unclean for @reason (the first reason given is kept). */
void pe_node_fence(struct pe_node *node, const char *reason);

/* Record a configuration error or warning (printf format) for crm_verify. */
void pe_config_error(struct pe_cluster *cluster, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void pe_config_warn(struct pe_cluster *cluster, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* PCMK_PENGINE_STATUS_H */
