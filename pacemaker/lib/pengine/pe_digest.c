/*
 * Operation digests with pacemaker's values.
 *
 * The executor hashes the parameters it passed to the agent: resource
 * and operation instance attributes plus CRM_meta_* entries.  The meta
 * entries are dropped before hashing, except the timeout of a recurring
 * operation (a changed monitor timeout must reschedule the monitor), and
 * so are a few names the controller adds itself.  What is hashed is the
 * on-disk digest of a <parameters> element whose attributes are the
 * parameters sorted by name (byte order), so libcib's digest does the
 * dump and md5.
 *
 * The restart digest keeps only the parameters the agent cannot reload
 * (listed in op-force-restart); the secure digest leaves out the private
 * ones (op-secure-params), so a CIB whose passwords were masked still
 * compares equal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/digest.h>
#include <crm/common/xml.h>
#include <crm/pengine/digest.h>

#define META_PREFIX "CRM_meta_"
#define META_TIMEOUT META_PREFIX "timeout"
#define DEFAULT_TIMEOUT_MS "20000"

/* Feature set from which the secure digest starts from all parameters
 * (before, only the resource's own were hashed). */
#define SECURE_ALL_SINCE "3.16.0"

/* Names the controller adds to an operation's parameters that are never
 * hashed. */
static const char *const unhashed_names[] = {
	"id",
	"crm_feature_set",
	"op-digest",
	"CRM_meta_on_node",
	"CRM_meta_on_node_uuid",
	"pcmk_external_ip",
};

/* Options of fencing devices that pacemaker handles itself; before
 * SECURE_ALL_SINCE they were not in the agent's parameters, hence not in
 * the secure digest. */
static const char *const fence_names[] = {
	"provides",        "stonith-timeout", "pcmk_action_limit",
	"pcmk_delay_base", "pcmk_delay_max",  "pcmk_host_argument",
	"pcmk_host_check", "pcmk_host_list",  "pcmk_host_map",
};

/* Suffixes of the per-action fencing options, pcmk_<action>_<suffix>. */
static const char *const fence_action_suffixes[] = { "_action", "_timeout", "_retries" };

static bool in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(name, list[i]) == 0) {
			return true;
		}
	}
	return false;
}

static bool is_meta(const char *name)
{
	return strncmp(name, META_PREFIX, strlen(META_PREFIX)) == 0;
}

static bool is_fence_param(const char *name)
{
	const char *action_end;

	if (in_list(name, fence_names, G_N_ELEMENTS(fence_names))) {
		return true;
	}
	if (strncmp(name, "pcmk_", 5) != 0) {
		return false;
	}
	action_end = strchr(name + 5, '_');
	return action_end != NULL &&
	       in_list(action_end, fence_action_suffixes, G_N_ELEMENTS(fence_action_suffixes));
}

/* Pacemaker matches a name against a list such as " a b " by looking for
 * " name " in it, so a list without the surrounding spaces misses its
 * first and last names; kept for the same results. */
static bool listed_in(const char *name, const char *list)
{
	char *needle = g_strdup_printf(" %s ", name);
	bool found = strstr(list, needle) != NULL;

	g_free(needle);
	return found;
}

/* Tables here map borrowed names to borrowed values. */
static GHashTable *table_new(void)
{
	return g_hash_table_new(g_str_hash, g_str_equal);
}

static void table_merge(GHashTable *into, GHashTable *from)
{
	GHashTableIter it;
	gpointer name, value;

	if (from == NULL) {
		return;
	}
	g_hash_table_iter_init(&it, from);
	while (g_hash_table_iter_next(&it, &name, &value)) {
		if (value != NULL) {
			g_hash_table_insert(into, name, value);
		}
	}
}

static GHashTable *table_copy(GHashTable *from)
{
	GHashTable *copy = table_new();

	table_merge(copy, from);
	return copy;
}

static gboolean drop_unhashed(gpointer name, gpointer value, gpointer data)
{
	(void)value;
	(void)data;
	return is_meta(name) || in_list(name, unhashed_names, G_N_ELEMENTS(unhashed_names));
}

/* Pacemaker's filter before hashing: the timeout of a recurring operation
 * survives, every other meta-attribute and controller-added name goes. */
static void filter_for_digest(GHashTable *params, unsigned int interval_ms, const char *timeout)
{
	g_hash_table_foreach_remove(params, drop_unhashed, NULL);
	if (interval_ms != 0 && timeout != NULL) {
		g_hash_table_insert(params, (gpointer)META_TIMEOUT, (gpointer)timeout);
	}
}

struct list_filter {
	const char *list;
	bool keep_listed; /* true: drop names not in list; false: drop listed */
};

static gboolean drop_by_list(gpointer name, gpointer value, gpointer data)
{
	const struct list_filter *f = data;

	(void)value;
	return listed_in(name, f->list) != f->keep_listed;
}

static gboolean drop_fence_param(gpointer name, gpointer value, gpointer data)
{
	(void)value;
	(void)data;
	return is_fence_param(name);
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(a, b);
}

/* md5 of <parameters> holding @params sorted by name.  Returns a malloc'd
 * hex string, or NULL when memory runs out. */
static char *digest_of(GHashTable *params)
{
	GList *names = g_list_sort(g_hash_table_get_keys(params), compare_names);
	xmlNode *xml = pcmk_xml_new_root("parameters");
	char hex[CIB_DIGEST_SIZE];
	char *result = NULL;
	bool ok = xml != NULL;

	for (GList *n = names; ok && n != NULL; n = n->next) {
		const char *value = g_hash_table_lookup(params, n->data);

		/* xmlNewProp, not pcmk_xml_set_attr(): any value must hash,
		 * including ones XML could not carry */
		ok = xmlNewProp(xml, (const xmlChar *)n->data, (const xmlChar *)value) != NULL;
	}
	if (ok && cib_digest_on_disk(xml, hex) == 0) {
		result = strdup(hex);
	}
	pcmk_xml_free(xml);
	g_list_free(names);
	return result;
}

/* The timeout hashed for a recurring operation. */
static const char *timeout_of(const struct pe_digest_op *op, GHashTable *op_params)
{
	const char *timeout = op->timeout_ms;

	if (timeout == NULL && op_params != NULL) {
		timeout = g_hash_table_lookup(op_params, META_TIMEOUT);
	}
	return timeout != NULL ? timeout : DEFAULT_TIMEOUT_MS;
}

static GHashTable *all_params(GHashTable *rsc_params, GHashTable *op_params,
			      const struct pe_digest_op *op)
{
	GHashTable *all = table_copy(rsc_params);

	table_merge(all, op_params);
	filter_for_digest(all, op->interval_ms, timeout_of(op, op_params));
	return all;
}

static GHashTable *restart_params(GHashTable *all, const struct pe_digest_op *op)
{
	GHashTable *restart = table_copy(all);
	struct list_filter f = { op->force_restart, true };

	if (op->force_restart != NULL) {
		g_hash_table_foreach_remove(restart, drop_by_list, &f);
	}
	return restart;
}

static GHashTable *secure_params(GHashTable *rsc_params, GHashTable *all,
				 const struct pe_digest_op *op)
{
	const char *version = op->feature_set != NULL ? op->feature_set : PE_DIGEST_FEATURE_SET;
	bool old = pe_digest_version_cmp(version, SECURE_ALL_SINCE) < 0;
	GHashTable *secure = table_copy(old ? rsc_params : all);
	struct list_filter f = { op->secure_params, false };

	if (op->secure_params != NULL) {
		g_hash_table_foreach_remove(secure, drop_by_list, &f);
	}
	if (old && op->fence_device) {
		g_hash_table_foreach_remove(secure, drop_fence_param, NULL);
	}
	/* Pacemaker filters this copy again, but its interval is gone by
	 * then, so even a recurring operation's timeout is dropped. */
	filter_for_digest(secure, 0, NULL);
	return secure;
}

static char *digest_and_free(GHashTable *params)
{
	char *digest = digest_of(params);

	g_hash_table_destroy(params);
	return digest;
}

int pe_op_digests_calc_op(GHashTable *rsc_params, GHashTable *op_params,
			  const struct pe_digest_op *op, struct pe_op_digests *out)
{
	GHashTable *all;

	if (out == NULL) {
		return -EINVAL;
	}
	memset(out, 0, sizeof(*out));
	if (rsc_params == NULL || op == NULL) {
		return -EINVAL;
	}
	all = all_params(rsc_params, op_params, op);
	out->all = digest_of(all);
	out->secure = digest_and_free(secure_params(rsc_params, all, op));
	if (op->want_restart) {
		out->restart = digest_and_free(restart_params(all, op));
	}
	g_hash_table_destroy(all);
	if (out->all == NULL || out->secure == NULL || (op->want_restart && out->restart == NULL)) {
		pe_op_digests_clear(out);
		return -ENOMEM;
	}
	return 0;
}

int pe_op_digests_calc(GHashTable *rsc_params, GHashTable *op_params, const char *op_name,
		       unsigned int interval_ms, const char *timeout_ms,
		       const char *op_force_restart, const char *op_secure_params,
		       struct pe_op_digests *out)
{
	const struct pe_digest_op op = {
		.name = op_name,
		.interval_ms = interval_ms,
		.timeout_ms = timeout_ms,
		.force_restart = op_force_restart,
		.secure_params = op_secure_params,
		.want_restart = op_force_restart != NULL,
	};

	return pe_op_digests_calc_op(rsc_params, op_params, &op, out);
}

void pe_op_digests_clear(struct pe_op_digests *d)
{
	if (d == NULL) {
		return;
	}
	free(d->all);
	free(d->restart);
	free(d->secure);
	d->all = d->restart = d->secure = NULL;
}
