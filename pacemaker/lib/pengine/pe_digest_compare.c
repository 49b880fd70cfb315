/*
 * Deciding from a history entry whether an operation's definition
 * changed, in the order pacemaker checks: a differing restart digest
 * forces a restart, then a missing or differing op-digest means a reload
 * or reschedule is enough, unless a one-time operation has instance
 * attributes of its own (their new values only apply through a restart).
 * In sanitized mode (crm_simulate on a saved CIB whose passwords were
 * masked) a change that only the private parameters explain is ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/xml.h>
#include <crm/pengine/digest.h>

static const char *const result_names[] = {
	[PE_DIGEST_MATCH] = "match",
	[PE_DIGEST_RESTART] = "restart",
	[PE_DIGEST_ALL] = "all",
	[PE_DIGEST_UNKNOWN] = "unknown",
	[PE_DIGEST_SECURE_ONLY] = "secure-only",
	[PE_DIGEST_ERROR] = "error",
};

const char *pe_digest_result_name(enum pe_digest_result result)
{
	if ((size_t)result >= G_N_ELEMENTS(result_names)) {
		return "invalid";
	}
	return result_names[result];
}

/* One dotted field: its number as far as it has digits (pacemaker reads
 * "3a" as 3), and where the next field starts (NULL after the last). */
static long next_field(const char **p)
{
	const char *dot;
	long value;

	if (*p == NULL) {
		return 0;
	}
	value = strtol(*p, NULL, 10);
	dot = strchr(*p, '.');
	*p = dot != NULL ? dot + 1 : NULL;
	return value;
}

int pe_digest_version_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL) {
		return (a != NULL) - (b != NULL);
	}
	while (a != NULL || b != NULL) {
		long fa = next_field(&a);
		long fb = next_field(&b);

		if (fa != fb) {
			return fa < fb ? -1 : 1;
		}
	}
	return 0;
}

/* Whether @op_params holds instance attributes (not meta-attributes). */
static bool has_own_params(GHashTable *op_params)
{
	GHashTableIter it;
	gpointer name;

	if (op_params == NULL) {
		return false;
	}
	g_hash_table_iter_init(&it, op_params);
	while (g_hash_table_iter_next(&it, &name, NULL)) {
		if (strncmp(name, "CRM_meta_", 9) != 0) {
			return true;
		}
	}
	return false;
}

static unsigned int interval_of(const xmlNode *lrm_rsc_op)
{
	long long interval = 0;

	if (pcmk_xml_attr_int(lrm_rsc_op, "interval", &interval) != 0 || interval < 0 ||
	    interval > G_MAXUINT) {
		return 0;
	}
	return (unsigned int)interval;
}

static bool differs(const char *recorded, const char *computed)
{
	return recorded != NULL && computed != NULL && strcmp(recorded, computed) != 0;
}

static enum pe_digest_result decide(const xmlNode *entry, const struct pe_op_digests *calc,
				    bool implied_restart)
{
	const char *all = pcmk_xml_attr(entry, "op-digest");

	if (differs(pcmk_xml_attr(entry, "op-restart-digest"), calc->restart)) {
		return PE_DIGEST_RESTART;
	}
	if (all == NULL) {
		return PE_DIGEST_UNKNOWN;
	}
	if (strcmp(all, calc->all) != 0) {
		return implied_restart ? PE_DIGEST_RESTART : PE_DIGEST_ALL;
	}
	return PE_DIGEST_MATCH;
}

enum pe_digest_result pe_op_digest_compare_full(const xmlNode *lrm_rsc_op, GHashTable *rsc_params,
						GHashTable *op_params, const char *timeout_ms,
						const char *cib_feature_set, unsigned int flags)
{
	const char *version = pcmk_xml_attr(lrm_rsc_op, "crm_feature_set");
	const char *secure = pcmk_xml_attr(lrm_rsc_op, "op-secure-digest");
	struct pe_digest_op op = {
		.name = pcmk_xml_attr(lrm_rsc_op, "operation"),
		.interval_ms = interval_of(lrm_rsc_op),
		.timeout_ms = timeout_ms,
		.force_restart = pcmk_xml_attr(lrm_rsc_op, "op-force-restart"),
		.secure_params = pcmk_xml_attr(lrm_rsc_op, "op-secure-params"),
		.feature_set = version != NULL ? version : cib_feature_set,
		.want_restart = pcmk_xml_attr(lrm_rsc_op, "op-restart-digest") != NULL,
		.fence_device = (flags & PE_DIGEST_FENCE_DEVICE) != 0,
	};
	struct pe_op_digests calc;
	enum pe_digest_result result;

	if (!pcmk_xml_is(lrm_rsc_op, NULL) ||
	    pe_op_digests_calc_op(rsc_params, op_params, &op, &calc) != 0) {
		return PE_DIGEST_ERROR;
	}
	result = decide(lrm_rsc_op, &calc, op.interval_ms == 0 && has_own_params(op_params));
	if (result != PE_DIGEST_MATCH && (flags & PE_DIGEST_SANITIZED) && secure != NULL &&
	    strcmp(secure, calc.secure) == 0) {
		result = PE_DIGEST_SECURE_ONLY;
	}
	pe_op_digests_clear(&calc);
	return result;
}

enum pe_digest_result pe_op_digest_compare(const xmlNode *lrm_rsc_op, GHashTable *rsc_params,
					   GHashTable *op_params)
{
	return pe_op_digest_compare_full(lrm_rsc_op, rsc_params, op_params, NULL, NULL, 0);
}
