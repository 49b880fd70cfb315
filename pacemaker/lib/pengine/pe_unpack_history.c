/*
 * Unpacking the operation history of one node (lrm_resources): which
 * resource each entry belongs to (clone instances and orphans included),
 * and what its operations, taken in call order, say about the resource's
 * role and failures there.
 */
#include <stdlib.h>
#include <string.h>

#include <crm/common/duration.h>
#include <crm/common/scores.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"

enum op_exec_status {
	EXEC_PENDING = -1,
	EXEC_DONE = 0,
	EXEC_CANCELLED = 1,
	EXEC_TIMEOUT = 2,
	EXEC_NOT_SUPPORTED = 3,
	EXEC_ERROR = 4,
	EXEC_ERROR_HARD = 5,
	EXEC_ERROR_FATAL = 6,
	EXEC_NOT_INSTALLED = 7,
	EXEC_NOT_CONNECTED = 8,
	EXEC_INVALID = 9,
};

enum ocf_rc {
	RC_OK = 0,
	RC_INVALID_PARAM = 2,
	RC_UNIMPLEMENTED = 3,
	RC_INSUFFICIENT_PRIV = 4,
	RC_NOT_INSTALLED = 5,
	RC_NOT_CONFIGURED = 6,
	RC_NOT_RUNNING = 7,
	RC_PROMOTED = 8,
	RC_FAILED_PROMOTED = 9,
};

static long long op_attr_ll(xmlNode *op, const char *name, long long dflt)
{
	long long v = dflt;

	pcmk_xml_attr_int(op, name, &v);
	return v;
}

/* The rc the controller expected, from transition-key
 * "action:transition:target-rc:uuid". */
static int target_rc_of(xmlNode *op)
{
	const char *key = pcmk_xml_attr(op, "transition-key");
	int action, transition, target;

	if (key != NULL && sscanf(key, "%d:%d:%d:", &action, &transition, &target) == 3) {
		return target;
	}
	return -1;
}

gint pe_op_cmp_call_id(gconstpointer a, gconstpointer b)
{
	xmlNode *x = *(xmlNode *const *)a;
	xmlNode *y = *(xmlNode *const *)b;
	long long cx = op_attr_ll(x, "call-id", -1);
	long long cy = op_attr_ll(y, "call-id", -1);
	long long lx, ly;

	/* Pending operations (call-id -1) are the newest. */
	if (cx < 0 && cy >= 0) {
		return 1;
	}
	if (cy < 0 && cx >= 0) {
		return -1;
	}
	if (cx != cy) {
		return cx < cy ? -1 : 1;
	}
	/* One call recorded twice (its last result and its last failure):
	 * the one that changed last is the newer. */
	lx = op_attr_ll(x, "last-rc-change", -1);
	ly = op_attr_ll(y, "last-rc-change", -1);
	if (cx >= 0 && lx >= 0 && ly >= 0 && lx != ly) {
		return lx < ly ? -1 : 1;
	}
	return 0;
}

static enum pe_on_fail on_fail_parse(const char *v, enum pe_on_fail dflt)
{
	static const struct {
		const char *name;
		enum pe_on_fail value;
	} table[] = {
		{ "ignore", PE_ON_FAIL_IGNORE },   { "restart", PE_ON_FAIL_RESTART },
		{ "block", PE_ON_FAIL_BLOCK },     { "stop", PE_ON_FAIL_STOP },
		{ "standby", PE_ON_FAIL_STANDBY }, { "fence", PE_ON_FAIL_FENCE },
		{ "demote", PE_ON_FAIL_DEMOTE },   { "restart-container", PE_ON_FAIL_RESTART }
	};

	for (size_t i = 0; v != NULL && i < G_N_ELEMENTS(table); i++) {
		if (g_ascii_strcasecmp(v, table[i].name) == 0) {
			return table[i].value;
		}
	}
	return dflt;
}

/* The configured <op> of @rsc for @task at @interval_ms, or NULL. */
xmlNode *pe_rsc_op_config(const struct pe_resource *rsc, const char *task, unsigned int interval_ms)
{
	for (guint i = 0; i < rsc->ops_xml->len; i++) {
		xmlNode *op = rsc->ops_xml->pdata[i];
		const char *name = pcmk_xml_attr(op, "name");
		unsigned int ms = 0;

		(void)pcmk_parse_interval_ms(pcmk_xml_attr(op, "interval"), &ms);
		if (name != NULL && strcmp(name, task) == 0 && ms == interval_ms) {
			return op;
		}
	}
	return NULL;
}

static enum pe_on_fail op_on_fail(struct pe_cluster *c, const struct pe_resource *rsc,
				  const char *task, unsigned int interval_ms)
{
	xmlNode *op = pe_rsc_op_config(rsc, task, interval_ms);
	enum pe_on_fail dflt = PE_ON_FAIL_RESTART;

	if (strcmp(task, "stop") == 0) {
		dflt = c->stonith_enabled ? PE_ON_FAIL_FENCE : PE_ON_FAIL_BLOCK;
	}
	if (op == NULL && strcmp(task, "monitor") == 0 && interval_ms == 0) {
		return dflt;
	}
	return on_fail_parse(pcmk_xml_attr(op, "on-fail"), dflt);
}

/* How bad an on-fail is, to keep the worst one seen. */
static int on_fail_rank(enum pe_on_fail f)
{
	static const int rank[] = {
		[PE_ON_FAIL_IGNORE] = 0,  [PE_ON_FAIL_DEMOTE] = 1,
		[PE_ON_FAIL_RESTART] = 2, [PE_ON_FAIL_RESTART_CONTAINER] = 3,
		[PE_ON_FAIL_STOP] = 4,    [PE_ON_FAIL_STANDBY] = 5,
		[PE_ON_FAIL_BLOCK] = 6,   [PE_ON_FAIL_FENCE] = 7,
	};
	return rank[f];
}

struct op_state {
	struct pe_node *node;
	enum pe_role role;
	enum pe_on_fail on_fail;
	bool failed_seen;
	bool pending_start;
	bool banned_here;
	bool banned_everywhere;
	xmlNode *last_failure;
	xmlNode *migrate_to;
	xmlNode *migrate_from;
};

static void clear_past_failure(struct op_state *st)
{
	switch (st->on_fail) {
	case PE_ON_FAIL_STOP:
	case PE_ON_FAIL_FENCE:
	case PE_ON_FAIL_STANDBY:
		break;
	default:
		st->on_fail = PE_ON_FAIL_IGNORE;
		break;
	}
}

static void op_success(struct op_state *st, const char *task, bool probe, int rc)
{
	if (strcmp(task, "start") == 0 || strcmp(task, "migrate_from") == 0) {
		st->role = PE_ROLE_STARTED;
		clear_past_failure(st);
	} else if (strcmp(task, "stop") == 0) {
		st->role = PE_ROLE_STOPPED;
		clear_past_failure(st);
	} else if (strcmp(task, "promote") == 0) {
		st->role = PE_ROLE_PROMOTED;
		clear_past_failure(st);
	} else if (strcmp(task, "demote") == 0) {
		st->role = PE_ROLE_UNPROMOTED;
		clear_past_failure(st);
	} else if (strcmp(task, "migrate_to") == 0) {
		st->role = PE_ROLE_STARTED;
	} else if (strcmp(task, "monitor") == 0) {
		if (rc == RC_NOT_RUNNING) {
			st->role = PE_ROLE_STOPPED;
		} else if (rc == RC_PROMOTED) {
			st->role = PE_ROLE_PROMOTED;
		} else if (st->role < PE_ROLE_STARTED || probe) {
			st->role = PE_ROLE_STARTED;
		}
		if (probe && rc == RC_NOT_RUNNING) {
			clear_past_failure(st);
		}
	}
}

/* A recurring monitor that failed and has passed again since. */
static bool failure_recovered(const struct op_state *st, xmlNode *op)
{
	const char *key = pcmk_xml_attr(op, "operation_key");

	return st->last_failure != NULL && st->last_failure != op && key != NULL &&
	       g_strcmp0(pcmk_xml_attr(st->last_failure, "operation_key"), key) == 0 &&
	       g_strcmp0(pcmk_xml_attr(op, "operation"), "monitor") == 0;
}

/* Results no retry can mend: invalid or missing configuration, software
 * or privileges, and an action the agent does not implement. */
static bool hard_error(int rc, unsigned int interval_ms)
{
	return rc == RC_INVALID_PARAM || rc == RC_INSUFFICIENT_PRIV || rc == RC_NOT_INSTALLED ||
	       (rc == RC_UNIMPLEMENTED && interval_ms == 0);
}

/* @hard: the result was one no retry can mend (hard_error()). */
static void op_failure(struct pe_cluster *c, struct pe_resource *rsc, struct op_state *st,
		       xmlNode *op, const char *task, unsigned int interval_ms, int rc, bool hard)
{
	enum pe_on_fail f = op_on_fail(c, rsc, task, interval_ms);

	st->last_failure = op;
	if (f == PE_ON_FAIL_IGNORE) {
		rsc->failure_ignored = true;
		op_success(st, task, interval_ms == 0 && strcmp(task, "monitor") == 0, RC_OK);
		return;
	}
	st->failed_seen = true;
	if (on_fail_rank(f) > on_fail_rank(st->on_fail)) {
		st->on_fail = f;
	}
	if (hard && strcmp(task, "stop") == 0 && !pe_can_fence(c, st->node)) {
		/* a stop that failed for good is recovered by fencing the node;
		 * when that cannot happen, nothing more can be done for the
		 * resource */
		rsc->managed = false;
		rsc->blocked = true;
	}
	if (rc == RC_PROMOTED || rc == RC_FAILED_PROMOTED || strcmp(task, "promote") == 0) {
		st->role = PE_ROLE_PROMOTED;
	} else if (strcmp(task, "demote") == 0) {
		st->role = f == PE_ON_FAIL_BLOCK ? PE_ROLE_PROMOTED : PE_ROLE_UNPROMOTED;
	} else if (st->role < PE_ROLE_STARTED) {
		st->role = PE_ROLE_STARTED;
	}
}

/* A failure older than the resource's failure-timeout no longer counts;
 * when that leaves no fail count, the count is cleared. */
static bool failure_expired(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node,
			    xmlNode *op, bool probe, int rc)
{
	long long last = 0;
	int raw, effective;

	if (rsc->failure_timeout <= 0 || pcmk_xml_attr_int(op, "last-rc-change", &last) != 0 ||
	    c->now.seconds < last + rsc->failure_timeout) {
		return false;
	}
	if (probe && (rc == RC_OK || rc == RC_NOT_RUNNING || rc == RC_PROMOTED)) {
		return false;
	}
	if (op_on_fail(c, rsc, pcmk_xml_attr(op, "operation"),
		       (unsigned int)op_attr_ll(op, "interval", 0)) == PE_ON_FAIL_BLOCK) {
		/* A blocked failure never expires. */
		rsc->failure_timeout = 0;
		return false;
	}
	raw = pe_rsc_fail_count(c, rsc, node, NULL, false);
	effective = pe_rsc_fail_count(c, rsc, node, NULL, true);
	if (raw > 0 && effective > 0) {
		return false;
	}
	if (raw > 0) {
		char *key = pe_op_key(rsc->id, "clear_failcount", 0);
		struct pe_action *clear =
			pe_action_custom(c, rsc, key, "clear_failcount", node, false);

		g_hash_table_replace(clear->meta, g_strdup("op_no_wait"), g_strdup("true"));
		g_free(key);
	}
	return true;
}

static void op_unpack(struct pe_cluster *c, struct pe_resource *rsc, struct op_state *st,
		      xmlNode *op)
{
	const char *task = pcmk_xml_attr(op, "operation");
	long long interval_ms = op_attr_ll(op, "interval", 0);
	int status = (int)op_attr_ll(op, "op-status", 0);
	int rc = (int)op_attr_ll(op, "rc-code", 0);
	int target = target_rc_of(op);
	bool probe = task != NULL && strcmp(task, "monitor") == 0 && interval_ms == 0;

	if (task == NULL) {
		return;
	}
	if (strcmp(task, "notify") == 0 || strcmp(task, "meta-data") == 0) {
		return;
	}
	if (strcmp(task, "migrate_to") == 0) {
		st->migrate_to = op;
	} else if (strcmp(task, "migrate_from") == 0) {
		st->migrate_from = op;
	}
	if (status == EXEC_PENDING) {
		if (strcmp(task, "start") == 0 || strcmp(task, "migrate_from") == 0) {
			st->pending_start = true;
			st->role = PE_ROLE_STARTED;
		} else if (strcmp(task, "promote") == 0) {
			st->role = PE_ROLE_PROMOTED;
		} else if (strcmp(task, "stop") == 0 || strcmp(task, "demote") == 0) {
			if (st->role < PE_ROLE_STARTED) {
				st->role = PE_ROLE_STARTED;
			}
		}
		return;
	}
	if (status == EXEC_CANCELLED || status == EXEC_NOT_SUPPORTED) {
		return;
	}
	if (target < 0) {
		target = probe ? RC_NOT_RUNNING : RC_OK;
	}
	if ((status != EXEC_DONE || rc != target) &&
	    failure_expired(c, rsc, st->node, op, probe, rc)) {
		return;
	}
	if (status == EXEC_DONE || status == EXEC_ERROR) {
		bool expected = rc == target;

		if (!expected && probe &&
		    (rc == RC_OK || rc == RC_NOT_RUNNING || rc == RC_PROMOTED)) {
			expected = true;
		}
		if (!expected && rc == RC_NOT_RUNNING && strcmp(task, "stop") == 0) {
			expected = true;
		}
		if (expected) {
			op_success(st, task, probe, rc);
			if (failure_recovered(st, op)) {
				clear_past_failure(st);
			}
			return;
		}
		if (probe && rc == RC_NOT_INSTALLED) {
			st->role = PE_ROLE_STOPPED;
			st->banned_here = true;
			st->last_failure = op;
			return;
		}
		if (rc == RC_NOT_CONFIGURED) {
			st->banned_everywhere = true;
		} else if (rc >= 2 && rc <= 5) {
			st->banned_here = true;
		}
	}
	op_failure(c, rsc, st, op, task, (unsigned int)interval_ms, rc,
		   (status == EXEC_DONE || status == EXEC_ERROR) &&
			   hard_error(rc, (unsigned int)interval_ms));
}

static struct pe_rsc_history *history_for(struct pe_resource *rsc, struct pe_node *node)
{
	struct pe_rsc_history *h;

	for (guint i = 0; i < rsc->history->len; i++) {
		h = rsc->history->pdata[i];
		if (h->node == node) {
			return h;
		}
	}
	h = g_new0(struct pe_rsc_history, 1);
	h->node = node;
	h->ops = g_ptr_array_new();
	g_ptr_array_add(rsc->history, h);
	return h;
}

static void add_running(struct pe_resource *rsc, struct pe_node *node)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		if (rsc->running_on->pdata[i] == node) {
			return;
		}
	}
	g_ptr_array_add(rsc->running_on, node);
	g_ptr_array_add(node->running, rsc);
	if ((!rsc->managed || node->maintenance) && !node->online) {
		return; /* its parents count an unmanaged resource only where the node is up */
	}
	for (struct pe_resource *p = rsc->parent; p != NULL; p = p->parent) {
		bool have = false;

		for (guint i = 0; i < p->running_on->len; i++) {
			have = have || p->running_on->pdata[i] == node;
		}
		if (!have) {
			g_ptr_array_add(p->running_on, node);
		}
	}
}

static void ban(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node,
		bool everywhere)
{
	struct pe_resource *top = rsc;

	if (rsc->parent != NULL && !pe_rsc_top(rsc)->unique) {
		top = pe_rsc_top(rsc);
	}
	if (everywhere) {
		for (guint i = 0; i < c->nodes->len; i++) {
			pe_location_add(c, "hard-error", top, c->nodes->pdata[i], -PE_INFINITY);
		}
	} else {
		pe_location_add(c, "hard-error", top, node, -PE_INFINITY);
	}
}

/* A resource active on more than one node, as multiple-active says:
 * stop_start (the default) is handled when scheduling. */
static void multiply_active(struct pe_cluster *c, struct pe_resource *rsc)
{
	const char *how = pe_rsc_meta(rsc, "multiple-active");

	if (how == NULL) {
		return;
	}
	if (strcmp(how, "stop_only") == 0) {
		for (guint i = 0; i < c->nodes->len; i++) {
			pe_location_add(c, "multiple-active", rsc, c->nodes->pdata[i],
					-PE_INFINITY);
		}
	} else if (strcmp(how, "block") == 0) {
		rsc->managed = false;
		rsc->blocked = true;
		if (rsc->parent != NULL && rsc->parent->variant == PE_GROUP &&
		    g_strcmp0(pe_rsc_meta(rsc->parent, "multiple-active"), "block") == 0) {
			for (guint i = 0; i < rsc->parent->children->len; i++) {
				struct pe_resource *m = rsc->parent->children->pdata[i];

				m->managed = false;
				m->blocked = true;
			}
		}
	}
}

/* Apply what the history says: the resource is active here, failed... */
/* What the final on-fail of a node's history does to the resource and
 * the node.  On an unclean node nothing: fencing takes care of it. */
static enum pe_on_fail on_fail_apply(struct pe_cluster *c, struct pe_resource *rsc,
				     struct pe_node *node, enum pe_on_fail on_fail,
				     enum pe_role role)
{
	if (node->unclean) {
		return PE_ON_FAIL_IGNORE;
	}
	switch (on_fail) {
	case PE_ON_FAIL_FENCE:
		if (c->stonith_enabled) {
			char *why = g_strdup_printf("%s failed there", rsc->id);

			pe_node_fence(node, why);
			g_free(why);
		}
		break;
	case PE_ON_FAIL_STANDBY:
		node->standby = true;
		node->standby_onfail = true;
		break;
	case PE_ON_FAIL_BLOCK:
		rsc->managed = false;
		rsc->blocked = true;
		break;
	case PE_ON_FAIL_STOP:
		rsc->next_role = PE_ROLE_STOPPED;
		break;
	case PE_ON_FAIL_RESTART:
	case PE_ON_FAIL_RESTART_CONTAINER:
		if (role > PE_ROLE_STOPPED) {
			rsc->failed = true;
			rsc->stop_if_failed = true;
		}
		break;
	case PE_ON_FAIL_DEMOTE:
		rsc->failed = true;
		break;
	default:
		break;
	}
	return on_fail;
}

/* @rsc is active on @node, which is down: a guest node is reset by
 * recovering its container; any other node must be fenced, except that a
 * remote node whose connection can come back elsewhere is forgiven then. */
static void active_on_down_node(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node)
{
	char *why;

	if (node->guest) {
		rsc->failed = true;
		rsc->stop_if_failed = true;
		pe_guest_node_reset(node);
		return;
	}
	if (!c->stonith_enabled) {
		return;
	}
	if (node->remote && node->remote_rsc != NULL && !node->remote_rsc->failed) {
		node->unseen = true;
	}
	why = g_strdup_printf("%s is thought to be active there", rsc->id);
	pe_node_fence(node, why);
	g_free(why);
}

/* Apply what the history says: the resource is active here, failed... */
static void rsc_state_apply(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node,
			    struct op_state *st, struct pe_rsc_history *h)
{
	enum pe_on_fail on_fail;

	h->role = st->role;
	h->on_fail = st->on_fail;
	h->last_op = h->ops->len > 0 ? h->ops->pdata[h->ops->len - 1] : NULL;
	h->failed = st->failed_seen && st->on_fail != PE_ON_FAIL_IGNORE;
	if (st->banned_here || st->banned_everywhere) {
		ban(c, rsc, node, st->banned_everywhere);
	}
	if (st->role > PE_ROLE_STOPPED && !node->online && !node->maintenance && rsc->managed) {
		active_on_down_node(c, rsc, node);
	}
	on_fail =
		on_fail_apply(c, rsc, node, h->failed ? st->on_fail : PE_ON_FAIL_IGNORE, st->role);
	if (st->role <= PE_ROLE_STOPPED) {
		/* Old histories name stopped instances by number: forget it. */
		if (rsc->history_id != NULL && strchr(rsc->history_id, ':') != NULL) {
			g_free(rsc->history_id);
			rsc->history_id = NULL;
		}
		return;
	}
	add_running(rsc, node);
	if (rsc->running_on->len > 1) {
		multiply_active(c, rsc);
	}
	if (st->role > rsc->role) {
		rsc->role = st->role;
	}
	if (st->pending_start) {
		rsc->start_pending = true;
		rsc->pending_node = node;
	}
	if (node->maintenance) {
		rsc->managed = false;
		rsc->maintenance = true;
	}
	if (!rsc->managed) {
		/* An unmanaged resource stays where it is. */
		pe_location_add(c, "not_managed_default", rsc, node, PE_INFINITY);
	}
	if (on_fail == PE_ON_FAIL_DEMOTE || on_fail == PE_ON_FAIL_BLOCK) {
		rsc->failed = true;
	} else if (on_fail != PE_ON_FAIL_IGNORE) {
		rsc->failed = true;
		rsc->stop_if_failed = true;
	}
}

static void ops_unpack(struct pe_cluster *c, struct pe_resource *rsc, struct pe_node *node,
		       xmlNode *lrm_rsc)
{
	struct pe_rsc_history *h = history_for(rsc, node);
	struct op_state st = { .node = node,
			       .role = PE_ROLE_UNKNOWN,
			       .on_fail = PE_ON_FAIL_IGNORE };
	GPtrArray *ops = g_ptr_array_new();

	/* Each lrm_resource entry tells its own story (an anonymous instance
	 * may have two entries on a node); the node's history keeps them all. */
	for (xmlNode *op = pcmk_xml_first_child(lrm_rsc, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		g_ptr_array_add(ops, op);
		g_ptr_array_add(h->ops, op);
	}
	g_ptr_array_sort(ops, pe_op_cmp_call_id);
	g_ptr_array_sort(h->ops, pe_op_cmp_call_id);
	for (guint i = 0; i < ops->len; i++) {
		op_unpack(c, rsc, &st, ops->pdata[i]);
	}
	g_ptr_array_free(ops, TRUE);
	h->known = h->known || st.role != PE_ROLE_UNKNOWN;
	if (st.role == PE_ROLE_UNKNOWN) {
		st.role = PE_ROLE_STOPPED;
	}
	rsc_state_apply(c, rsc, node, &st, h);
}

/* The member of instance @inst that history calls @base. */
static struct pe_resource *instance_member(struct pe_resource *inst, const char *base)
{
	if (inst->variant == PE_PRIMITIVE) {
		return strcmp(inst->base_id, base) == 0 ? inst : NULL;
	}
	for (guint j = 0; j < inst->children->len; j++) {
		struct pe_resource *m = inst->children->pdata[j];

		if (strcmp(m->base_id, base) == 0) {
			return m;
		}
	}
	return NULL;
}

static bool active_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint k = 0; k < rsc->running_on->len; k++) {
		if (rsc->running_on->pdata[k] == node) {
			return true;
		}
	}
	return rsc->pending_node == node;
}

/* The instance of anonymous clone @clone that history on @node belongs to,
 * as pacemaker picks it: one already active there (unless that one already
 * has history there: then the entry is an orphan), else the first
 * instance not active anywhere, an orphan made for an earlier entry
 * included.  NULL: a new orphan. */
static struct pe_resource *anonymous_instance(struct pe_resource *clone, struct pe_node *node,
					      const char *base)
{
	struct pe_resource *free_inst = NULL;
	bool skip_inactive = false;

	if (clone->bundle != NULL) {
		/* A bundle's instances each belong to one replica's node. */
		free_inst = pe_bundle_replica_child(clone, node);
		return free_inst == NULL ? NULL : instance_member(free_inst, base);
	}
	for (guint i = 0; i < clone->children->len; i++) {
		struct pe_resource *inst = clone->children->pdata[i];
		struct pe_resource *match;

		if (inst->running_on->len > 0 || inst->pending_node != NULL) {
			if (!active_on(inst, node)) {
				continue;
			}
			match = instance_member(inst, base);
			if (match != NULL && match->running_on->len > 0) {
				skip_inactive = true;
				continue;
			}
			if (match != NULL) {
				return match;
			}
		} else if (!skip_inactive && free_inst == NULL && !inst->blocked) {
			free_inst = instance_member(inst, base);
			if (free_inst != NULL && free_inst->pending_node != NULL &&
			    free_inst->pending_node != node) {
				free_inst = NULL;
			}
		}
	}
	if (skip_inactive || free_inst == NULL) {
		return NULL;
	}
	/* Unless the clone runs everywhere, an instance that does not need
	 * fencing is not worth an instance number on a lost node. */
	if (!free_inst->requires_fencing && (!node->online || node->unclean) &&
	    clone->clone_max != (int)clone->cluster->nodes->len) {
		return NULL;
	}
	return free_inst;
}

/* The clone whose primitive (or cloned group member) is called @base. */
static struct pe_resource *clone_of_base(struct pe_cluster *c, const char *base)
{
	return g_hash_table_lookup(c->clone_bases, base);
}

/* History of an instance the clone does not have (beyond clone-max): an
 * orphan instance of the clone, to be stopped. */
static struct pe_resource *orphan_instance(struct pe_cluster *c, struct pe_resource *clone,
					   const char *base)
{
	struct pe_resource *inst = pe_clone_orphan_instance(c, clone);

	if (inst == NULL || inst->variant == PE_PRIMITIVE) {
		return inst;
	}
	for (guint i = 0; i < inst->children->len; i++) {
		struct pe_resource *m = inst->children->pdata[i];

		if (strcmp(m->base_id, base) == 0) {
			return m;
		}
	}
	return NULL;
}

static struct pe_resource *orphan_create(struct pe_cluster *c, xmlNode *lrm_rsc, const char *id)
{
	struct pe_resource *rsc = pe_resource_alloc(c, id, lrm_rsc, PE_PRIMITIVE, NULL);

	rsc->klass = pcmk_xml_attr(lrm_rsc, "class");
	rsc->provider = pcmk_xml_attr(lrm_rsc, "provider");
	rsc->type = pcmk_xml_attr(lrm_rsc, "type");
	rsc->orphan = true;
	rsc->managed = !c->maintenance_mode;
	rsc->migration_threshold = PE_INFINITY;
	rsc->requires_quorum = true;
	rsc->is_fencing = rsc->klass != NULL && strcmp(rsc->klass, "stonith") == 0;
	rsc->requires_fencing = c->stonith_enabled && !rsc->is_fencing;
	if (!c->stop_orphan_resources) {
		rsc->managed = false;
	}
	rsc->next_role = PE_ROLE_STOPPED;
	g_ptr_array_add(c->resources, rsc);
	return rsc;
}

static struct pe_resource *rsc_of_history(struct pe_cluster *c, struct pe_node *node,
					  xmlNode *lrm_rsc, const char *id)
{
	struct pe_resource *rsc = pe_resource_find(c, id);
	struct pe_resource *clone;
	char *base;

	if (rsc != NULL && rsc->variant == PE_PRIMITIVE &&
	    (rsc->parent == NULL || !pe_rsc_is_clone(pe_rsc_top(rsc)) || pe_rsc_top(rsc)->unique)) {
		return rsc;
	}
	base = g_strndup(id, strcspn(id, ":"));
	clone = clone_of_base(c, base);
	if (clone != NULL && !clone->unique) {
		rsc = anonymous_instance(clone, node, base);
		if (rsc == NULL) {
			rsc = orphan_instance(c, clone, base);
		}
	} else if (clone != NULL && rsc == NULL) {
		rsc = orphan_instance(c, clone, base);
	} else if (clone == NULL || rsc == NULL || rsc->variant != PE_PRIMITIVE) {
		rsc = NULL;
	}
	if (rsc == NULL && pe_resource_find(c, id) == NULL) {
		rsc = orphan_create(c, lrm_rsc, id);
	}
	g_free(base);
	return rsc;
}

void pe_unpack_history(struct pe_cluster *c, struct pe_node *node, xmlNode *lrm_resources)
{
	for (xmlNode *r = pcmk_xml_first_child(lrm_resources, "lrm_resource"); r != NULL;
	     r = pcmk_xml_next(r, true)) {
		const char *id = pcmk_xml_attr(r, "id");
		struct pe_resource *rsc;

		if (id == NULL) {
			continue;
		}
		rsc = rsc_of_history(c, node, r, id);
		if (rsc != NULL && strcmp(rsc->id, id) != 0 && !rsc->orphan &&
		    g_strcmp0(rsc->history_id, id) != 0) {
			g_free(rsc->history_id);
			rsc->history_id = g_strdup(id);
		}
		if (rsc != NULL) {
			ops_unpack(c, rsc, node, r);
		}
	}
}
