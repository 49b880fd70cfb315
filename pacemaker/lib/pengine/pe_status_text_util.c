/*
 * What the status printer needs to know about the cluster model beyond its
 * fields: whether a resource counts as active, where it is, operations in
 * flight, failed probes, ignored failures and node health.  Some of these
 * are read from the operation history itself, as the display rules of the
 * real tools look at it independently of scheduling.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crm/common/scores.h>
#include <crm/common/xml.h>

#include "pe_sched_private.h"
#include "pe_status_text_private.h"

/* Operation execution status codes used by the history. */
enum { ST_EXEC_PENDING = -1, ST_EXEC_DONE = 0, ST_EXEC_ERROR = 4, ST_EXEC_NOT_INSTALLED = 7 };

void pe_st_item(GString *out, int depth, const char *fmt, ...)
{
	va_list ap;

	for (int i = 0; i < depth; i++) {
		g_string_append(out, "  ");
	}
	g_string_append(out, "* ");
	va_start(ap, fmt);
	g_string_append_vprintf(out, fmt, ap);
	va_end(ap);
	g_string_append_c(out, '\n');
}

/* Compare the digit runs at *@a and *@b as numbers (a longer run with the
 * same value, i.e. leading zeros, sorts after); advances both. */
static int digits_cmp(const char **a, const char **b)
{
	char *end_a = NULL, *end_b = NULL;
	unsigned long long na = strtoull(*a, &end_a, 10);
	unsigned long long nb = strtoull(*b, &end_b, 10);
	ptrdiff_t len_a = end_a - *a, len_b = end_b - *b;

	*a = end_a;
	*b = end_b;
	if (na != nb) {
		return na < nb ? -1 : 1;
	}
	return len_a == len_b ? 0 : (len_a < len_b ? -1 : 1);
}

int pe_st_name_cmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		int rc;

		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			rc = digits_cmp(&a, &b);
		} else {
			rc = tolower((unsigned char)*a) - tolower((unsigned char)*b);
			a++;
			b++;
		}
		if (rc != 0) {
			return rc < 0 ? -1 : 1;
		}
	}
	return (*a == *b) ? 0 : (*a == '\0' ? -1 : 1);
}

static gint node_ptr_cmp(gconstpointer a, gconstpointer b)
{
	const struct pe_node *x = *(struct pe_node *const *)a;
	const struct pe_node *y = *(struct pe_node *const *)b;

	return pe_st_name_cmp(x->uname, y->uname);
}

GPtrArray *pe_st_sorted_nodes(const GPtrArray *nodes)
{
	GPtrArray *copy = g_ptr_array_sized_new(nodes->len);

	for (guint i = 0; i < nodes->len; i++) {
		g_ptr_array_add(copy, nodes->pdata[i]);
	}
	/* g_ptr_array_sort is a stable merge sort: equal names keep order. */
	g_ptr_array_sort(copy, node_ptr_cmp);
	return copy;
}

static bool primitive_active(const struct pe_resource *rsc)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		const struct pe_node *node = rsc->running_on->pdata[i];

		if (node->unclean || node->online || !rsc->managed) {
			return true;
		}
	}
	return false;
}

bool pe_st_rsc_active(const struct pe_resource *rsc, bool all)
{
	bool any = false, every = true;

	if (rsc->variant == PE_PRIMITIVE) {
		return primitive_active(rsc);
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		bool active = pe_st_rsc_active(rsc->children->pdata[i], all);

		any = any || active;
		every = every && active;
	}
	return all ? (any && every) : any;
}

static void add_locations(const struct pe_resource *rsc, GPtrArray *seen)
{
	if (rsc->variant != PE_PRIMITIVE) {
		for (guint i = 0; i < rsc->children->len; i++) {
			add_locations(rsc->children->pdata[i], seen);
		}
		return;
	}
	for (guint i = 0; i < rsc->running_on->len; i++) {
		bool have = false;

		for (guint j = 0; j < seen->len; j++) {
			have = have || seen->pdata[j] == rsc->running_on->pdata[i];
		}
		if (!have) {
			g_ptr_array_add(seen, rsc->running_on->pdata[i]);
		}
	}
}

const struct pe_node *pe_st_rsc_location(const struct pe_resource *rsc)
{
	GPtrArray *seen = g_ptr_array_new();
	const struct pe_node *one = NULL;

	add_locations(rsc, seen);
	if (seen->len == 1) {
		one = seen->pdata[0];
	}
	g_ptr_array_free(seen, TRUE);
	return one;
}

static long long op_ll(const xmlNode *op, const char *name, long long dflt)
{
	long long v = dflt;

	return pcmk_xml_attr_int(op, name, &v) == 0 ? v : dflt;
}

static bool op_is_probe(const xmlNode *op)
{
	const char *task = pcmk_xml_attr(op, "operation");

	return task != NULL && strcmp(task, "monitor") == 0 && op_ll(op, "interval", 0) == 0;
}

const char *pe_st_pending_task(const struct pe_resource *rsc, const struct pe_node **node)
{
	for (guint i = 0; rsc->variant == PE_PRIMITIVE && i < rsc->history->len; i++) {
		const struct pe_rsc_history *h = rsc->history->pdata[i];

		for (guint j = 0; j < h->ops->len; j++) {
			const xmlNode *op = h->ops->pdata[j];

			if (op_ll(op, "op-status", ST_EXEC_DONE) != ST_EXEC_PENDING ||
			    op_is_probe(op) ||
			    g_strcmp0(pcmk_xml_attr(op, "operation"), "notify") == 0) {
				continue;
			}
			if (node != NULL) {
				*node = h->node;
			}
			return pcmk_xml_attr(op, "operation");
		}
	}
	return NULL;
}

/* A probe whose failure the displays report as the reason a resource is
 * stopped there rather than as a failure. */
static bool masked_probe_failure(const xmlNode *op)
{
	long long rc = op_ll(op, "rc-code", 0);

	return op_is_probe(op) &&
	       (rc == 5 || rc == 2 || op_ll(op, "op-status", 0) == ST_EXEC_NOT_INSTALLED);
}

/* A failure older than the resource's failure-timeout is forgotten. */
static bool op_expired(const struct pe_resource *rsc, const xmlNode *op)
{
	long long changed = op_ll(op, "last-rc-change", 0);

	return rsc->failure_timeout > 0 && changed > 0 &&
	       changed + rsc->failure_timeout < rsc->cluster->now.seconds;
}

/* Whether lrm_resource @entry is about @rsc_id or one of its instances. */
static bool is_entry_of(const xmlNode *entry, const char *rsc_id)
{
	const char *id = pcmk_xml_attr(entry, "id");
	size_t len = strlen(rsc_id);

	return id != NULL && strncmp(id, rsc_id, len) == 0 && (id[len] == '\0' || id[len] == ':');
}

/* The node_state an lrm_resource entry is in. */
static xmlNode *state_of_entry(xmlNode *entry)
{
	xmlNode *lrm = entry->parent != NULL ? entry->parent->parent : NULL;

	return lrm != NULL ? lrm->parent : NULL;
}

static xmlNode *failed_probe_in(const struct pe_resource *rsc, xmlNode *entry,
				const char *node_name)
{
	for (xmlNode *op = pcmk_xml_first_child(entry, "lrm_rsc_op"); op != NULL;
	     op = pcmk_xml_next(op, true)) {
		const char *on = pcmk_xml_attr(op, "on_node");

		if (masked_probe_failure(op) && !op_expired(rsc, op) && on != NULL &&
		    (node_name == NULL || g_ascii_strcasecmp(on, node_name) == 0)) {
			return op;
		}
	}
	return NULL;
}

xmlNode *pe_st_failed_probe(const struct pe_resource *rsc, const char *node_name)
{
	const struct pe_cluster *c = rsc->cluster;
	const char *rsc_id = rsc->id;
	GPtrArray *entries;
	char *base;

	if (rsc->variant == PE_CLONE && rsc->children->len > 0) {
		rsc_id = ((struct pe_resource *)rsc->children->pdata[0])->base_id;
	} else if (rsc->parent != NULL && rsc->parent->variant == PE_CLONE) {
		rsc_id = rsc->base_id;
	}
	/* the entries of rsc_id and of its instances ("rsc_id:N") */
	base = g_strndup(rsc_id, strcspn(rsc_id, ":"));
	entries = g_hash_table_lookup(c->lrm_by_base, base);
	g_free(base);
	for (guint i = 0; entries != NULL && i < entries->len; i++) {
		xmlNode *state = state_of_entry(entries->pdata[i]);
		const struct pe_node *node = pe_node_find_id(c, pcmk_xml_attr(state, "id"));
		xmlNode *op;

		/* Failures are recorded only for nodes that are up. */
		if (!is_entry_of(entries->pdata[i], rsc_id) || node == NULL || !node->online) {
			continue;
		}
		op = failed_probe_in(rsc, entries->pdata[i], node_name);
		if (op != NULL) {
			return op;
		}
	}
	return NULL;
}

const char *pe_st_ocf_rc_text(long long rc)
{
	static const struct {
		long long rc;
		const char *text;
	} table[] = {
		{ 0, "ok" },
		{ 1, "error" },
		{ 2, "invalid parameter" },
		{ 3, "unimplemented feature" },
		{ 4, "insufficient privileges" },
		{ 5, "not installed" },
		{ 6, "not configured" },
		{ 7, "not running" },
		{ 8, "promoted" },
		{ 9, "promoted (failed)" },
		{ 190, "degraded" },
		{ 191, "promoted (degraded)" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(table); i++) {
		if (table[i].rc == rc) {
			return table[i].text;
		}
	}
	return "unknown";
}

static const struct pe_resource *top_of(const struct pe_resource *rsc)
{
	while (rsc->parent != NULL) {
		rsc = rsc->parent;
	}
	return rsc;
}

bool pe_st_rsc_disabled(const struct pe_resource *rsc)
{
	const char *v = g_hash_table_lookup(rsc->meta, "target-role");
	enum pe_role role = (v == NULL) ? PE_ROLE_UNKNOWN : pe_role_parse(v);

	return role == PE_ROLE_STOPPED || (role == PE_ROLE_UNPROMOTED && top_of(rsc)->promotable);
}

/* The rc the controller expected of @op (from its transition key). */
static long long expected_rc(const xmlNode *op)
{
	const char *key = pcmk_xml_attr(op, "transition-key");
	int action, transition, target;

	if (key != NULL && sscanf(key, "%d:%d:%d:", &action, &transition, &target) == 3) {
		return target;
	}
	return 0;
}

static bool op_failed(const xmlNode *op)
{
	long long status = op_ll(op, "op-status", ST_EXEC_DONE);
	long long rc = op_ll(op, "rc-code", 0);

	if (status == ST_EXEC_DONE || status == ST_EXEC_ERROR) {
		if (op_is_probe(op)) {
			return rc != 0 && rc != 7 && rc != 8;
		}
		return rc != expected_rc(op);
	}
	return status >= 2 && status <= ST_EXEC_NOT_INSTALLED && status != 3;
}

bool pe_st_failure_ignored(const struct pe_resource *rsc)
{
	for (guint i = 0; i < rsc->history->len; i++) {
		const struct pe_rsc_history *h = rsc->history->pdata[i];

		for (guint j = 0; j < h->ops->len; j++) {
			const xmlNode *op = h->ops->pdata[j];
			const char *task = pcmk_xml_attr(op, "operation");
			xmlNode *conf;

			/* The executor not finding the agent cannot be ignored:
			 * that shows as FAILED. */
			if (task == NULL || !op_failed(op) ||
			    op_ll(op, "op-status", 0) == ST_EXEC_NOT_INSTALLED) {
				continue;
			}
			conf = pe_rsc_op_config(rsc, task, (unsigned int)op_ll(op, "interval", 0));
			if (conf != NULL &&
			    g_strcmp0(pcmk_xml_attr(conf, "on-fail"), "ignore") == 0) {
				return true;
			}
		}
	}
	return false;
}

/* The scores a "#health-*" attribute is held against under @strategy. */
static void health_limits(const struct pe_cluster *c, int *red, int *yellow, int *green)
{
	const char *strategy = c->health_strategy == NULL ? "none" : c->health_strategy;

	*red = -PE_INFINITY;
	*yellow = 0;
	*green = 0;
	if (strcmp(strategy, "only-green") == 0) {
		*yellow = -PE_INFINITY;
	} else if (strcmp(strategy, "progressive") == 0 || strcmp(strategy, "custom") == 0) {
		*red = c->node_health_red;
		*yellow = c->node_health_yellow;
		*green = c->node_health_green;
	}
}

int pe_st_node_health(const struct pe_cluster *c, const struct pe_node *node)
{
	GHashTableIter iter;
	gpointer key, value;
	int red, yellow, green, health = 1;

	if (c->health_strategy == NULL || strcmp(c->health_strategy, "none") == 0) {
		return 1;
	}
	health_limits(c, &red, &yellow, &green);
	g_hash_table_iter_init(&iter, node->attrs);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		int score;

		if (!g_str_has_prefix(key, "#health")) {
			continue;
		}
		if (g_ascii_strcasecmp(value, "red") == 0) {
			return -1;
		}
		if (g_ascii_strcasecmp(value, "yellow") == 0) {
			health = 0;
			continue;
		}
		score = pcmk_score_from_string(value);
		if (score <= red) {
			return -1;
		}
		if (score <= yellow && yellow != green) {
			health = 0;
		}
	}
	return health;
}
