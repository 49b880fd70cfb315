/*
 * Operation digests: the md5 sums the executor records in each
 * <lrm_rsc_op> (op-digest, op-restart-digest, op-secure-digest) and that
 * the scheduler recomputes from the configuration to find resources whose
 * definition changed since an operation ran.  The values are pacemaker's,
 * so histories written by either stack compare equal.
 *
 * All tables are GHashTable char * -> char * (names to values); they are
 * only read.  The scheduler builds them with rule evaluation: the
 * resource's instance attributes (with those inherited from parents and
 * rsc_defaults) and the instance attributes of the matching <op>.
 *
 * Entries of @op_params named CRM_meta_* are treated as action
 * meta-attributes, as pacemaker does: all are dropped from the digests
 * except CRM_meta_timeout of a recurring operation, so a caller may pass
 * the timeout there instead of as an argument.
 */
#ifndef PE_DIGEST_H
#define PE_DIGEST_H

#include <stdbool.h>
#include <glib.h>
#include <libxml/tree.h>

/* Digests as 32 lowercase hex digits, malloc'd; NULL when not computed.
 * Free the strings with pe_op_digests_clear(). */
struct pe_op_digests {
	char *all;     /* op-digest: every parameter */
	char *restart; /* op-restart-digest: only those that need a restart */
	char *secure;  /* op-secure-digest: all but the private ones */
};

/* The feature set of pacemaker 2.1.5, used when a history entry has none. */
#define PE_DIGEST_FEATURE_SET "3.16.2"

/* Everything about one operation that the digests depend on. */
struct pe_digest_op {
	const char *name;          /* e.g. "start", "monitor" (not hashed) */
	unsigned int interval_ms;  /* 0 for one-time operations */
	const char *timeout_ms;    /* the op's timeout in ms (start-delay not
				    * added), hashed for recurring ops; NULL:
				    * op_params' CRM_meta_timeout, else "20000" */
	const char *force_restart; /* op-force-restart (" a b "), or NULL */
	const char *secure_params; /* op-secure-params (" a b "), or NULL */
	const char *feature_set;   /* crm_feature_set of the history entry;
				    * NULL: PE_DIGEST_FEATURE_SET */
	bool want_restart;         /* compute ->restart (pacemaker does when
				    * the entry has an op-restart-digest) */
	bool fence_device;         /* class="stonith": older feature sets
				    * leave pacemaker's fencing options out of
				    * the secure digest */
};

/* Compute the three digests of @op into @out (cleared first).  ->restart
 * is computed when @op->want_restart; ->all and ->secure always.
 * Returns 0, -EINVAL (NULL @op, @out or @rsc_params) or -ENOMEM. */
int pe_op_digests_calc_op(GHashTable *rsc_params, GHashTable *op_params,
			  const struct pe_digest_op *op, struct pe_op_digests *out);

/* pe_op_digests_calc_op() with the current feature set, for a resource
 * that is not a fencing device; the restart digest is computed when
 * @op_force_restart is not NULL.  @op_params may be NULL. */
int pe_op_digests_calc(GHashTable *rsc_params, GHashTable *op_params, const char *op_name,
		       unsigned int interval_ms, const char *timeout_ms,
		       const char *op_force_restart, const char *op_secure_params,
		       struct pe_op_digests *out);

/* Free the strings of @d and set them to NULL.  NULL is a no-op. */
void pe_op_digests_clear(struct pe_op_digests *d);

/* What changed since a history entry was recorded, as pacemaker decides. */
enum pe_digest_result {
	PE_DIGEST_MATCH,       /* nothing changed */
	PE_DIGEST_RESTART,     /* a parameter that needs a restart changed (the
			    * restart digest differs, or a one-time op with
			    * its own instance attributes changed) */
	PE_DIGEST_ALL,         /* only other parameters changed: the scheduler
			    * reloads (when the entry has op-restart-digest),
			    * reschedules a recurring op, else restarts */
	PE_DIGEST_UNKNOWN,     /* no op-digest recorded: treated like _ALL */
	PE_DIGEST_SECURE_ONLY, /* with PE_DIGEST_SANITIZED: only private
				* parameters differ (masked in a saved
				* CIB), so nothing is done */
	PE_DIGEST_ERROR,       /* bad arguments or out of memory */
};

/* Flags of pe_op_digest_compare_full(). */
enum pe_digest_flags {
	/* Compare op-secure-digest too, as crm_simulate does by default
	 * (pacemaker's "sanitized" mode; the pengine daemon does not). */
	PE_DIGEST_SANITIZED = 1U << 0,
	/* The resource is a fencing device (class="stonith"). */
	PE_DIGEST_FENCE_DEVICE = 1U << 1,
};

/* Compare history entry @lrm_rsc_op with digests computed from
 * @rsc_params and @op_params.  Reads operation, interval, crm_feature_set,
 * op-digest, op-restart-digest, op-force-restart, op-secure-digest and
 * op-secure-params from the entry.  @timeout_ms as in struct
 * pe_digest_op; @cib_feature_set is the CIB's crm_feature_set, used when
 * the entry has none (NULL: PE_DIGEST_FEATURE_SET). */
enum pe_digest_result pe_op_digest_compare_full(const xmlNode *lrm_rsc_op, GHashTable *rsc_params,
						GHashTable *op_params, const char *timeout_ms,
						const char *cib_feature_set, unsigned int flags);

/* pe_op_digest_compare_full() with no timeout argument (put
 * CRM_meta_timeout in @op_params for recurring ops), no CIB feature set
 * and no flags. */
enum pe_digest_result pe_op_digest_compare(const xmlNode *lrm_rsc_op, GHashTable *rsc_params,
					   GHashTable *op_params);

/* Name of @result for messages, e.g. "restart". */
const char *pe_digest_result_name(enum pe_digest_result result);

/* Pacemaker's comparison of dotted versions ("3.0.14" < "3.16.0"):
 * numeric fields, missing ones are 0, NULL sorts first.  Returns <0, 0
 * or >0. */
int pe_digest_version_cmp(const char *a, const char *b);

#endif /* PE_DIGEST_H */
