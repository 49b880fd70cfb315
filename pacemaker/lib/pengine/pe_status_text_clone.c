/*
 * Clones: a heading, then the instances worth a line of their own
 * (unique clones, failed, unmanaged, orphaned, pending or partly active
 * instances), then the others summarized as lists of nodes: Promoted,
 * Started or Unpromoted, and the nodes where the clone is stopped.
 */
#include <stddef.h>
#include <string.h>

#include <crm/common/xml.h>

#include "pe_sched_private.h"
#include "pe_status_text_private.h"

struct clone_text {
	const struct pe_resource *clone;
	int depth;
	unsigned int flags; /* enum pe_status_flags */
	GString *out;
	bool header_done;
	GPtrArray *promoted; /* struct pe_node * */
	GPtrArray *started;
	GHashTable *stopped; /* node or instance name -> state text */
	int active;          /* instances in the lists */
};

static const struct pe_resource *first_child(const struct pe_resource *clone)
{
	return clone->children->len > 0 ? clone->children->pdata[0] : NULL;
}

/* target-role of the clone, else of its instances. */
static enum pe_role configured_role(const struct pe_resource *clone)
{
	const char *v = g_hash_table_lookup(clone->meta, "target-role");
	const struct pe_resource *child = first_child(clone);

	if (v == NULL && child != NULL) {
		v = g_hash_table_lookup(child->meta, "target-role");
	}
	return v == NULL ? PE_ROLE_UNKNOWN : pe_role_parse(v);
}

/* The id of what the clone clones, from the configuration (a clone with
 * clone-max 0 has no instances to take it from). */
static const char *cloned_id(const struct pe_resource *clone)
{
	for (xmlNode *x = pcmk_xml_first_child(clone->xml, NULL); x != NULL;
	     x = pcmk_xml_next(x, false)) {
		if (pcmk_xml_is(x, "primitive") || pcmk_xml_is(x, "group")) {
			return pcmk_xml_attr(x, "id");
		}
	}
	return first_child(clone) == NULL ? "" : first_child(clone)->base_id;
}

static void header(struct clone_text *t)
{
	const struct pe_resource *rsc = t->clone;
	GString *attrs = g_string_new(NULL);

	if (t->header_done) {
		g_string_free(attrs, TRUE);
		return;
	}
	t->header_done = true;
	if (rsc->promotable) {
		g_string_append(attrs, ", promotable");
	}
	if (rsc->unique) {
		g_string_append(attrs, ", unique");
	}
	if (pe_st_rsc_disabled(rsc)) {
		g_string_append(attrs, ", disabled");
	}
	if (!rsc->managed) {
		g_string_append(attrs, ", unmanaged");
	}
	pe_st_item(t->out, t->depth, "Clone Set: %s [%s]%s%s%s:", rsc->id, cloned_id(rsc),
		   attrs->len > 0 ? " (" : "", attrs->len > 0 ? attrs->str + 2 : "",
		   attrs->len > 0 ? ")" : "");
	g_string_free(attrs, TRUE);
}

static bool any_set(const struct pe_resource *rsc, size_t offset)
{
	if (*(const bool *)((const char *)rsc + offset)) {
		return true;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (any_set(rsc->children->pdata[i], offset)) {
			return true;
		}
	}
	return false;
}

static bool all_managed(const struct pe_resource *rsc)
{
	if (!rsc->managed) {
		return false;
	}
	for (guint i = 0; i < rsc->children->len; i++) {
		if (!all_managed(rsc->children->pdata[i])) {
			return false;
		}
	}
	return true;
}

static enum pe_role instance_role(const struct pe_resource *rsc)
{
	enum pe_role role = rsc->variant == PE_PRIMITIVE ? rsc->role : PE_ROLE_UNKNOWN;

	for (guint i = 0; i < rsc->children->len; i++) {
		enum pe_role r = instance_role(rsc->children->pdata[i]);

		role = r > role ? r : role;
	}
	return role;
}

static void put_stopped(struct clone_text *t, const char *name, const char *state)
{
	if ((t->flags & PE_ST_INACTIVE) == 0) {
		return; /* stopped instances are listed only on request */
	}
	if (t->stopped == NULL) {
		t->stopped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	}
	g_hash_table_replace(t->stopped, g_strdup(name), g_strdup(state));
}

/* A fully active instance of an anonymous clone goes into a node list,
 * unless it is spread over several nodes or on an unclean one. */
static bool list_active(struct clone_text *t, const struct pe_resource *child)
{
	const struct pe_node *where = pe_st_rsc_location(child);

	if (where == NULL || (!where->online && where->unclean)) {
		return false;
	}
	if (instance_role(child) > PE_ROLE_UNPROMOTED) {
		g_ptr_array_add(t->promoted, (gpointer)where);
	} else {
		g_ptr_array_add(t->started, (gpointer)where);
	}
	return true;
}

/* Whether @child gets lines of its own; otherwise it is listed. */
static bool instance_alone(struct clone_text *t, const struct pe_resource *child)
{
	bool partial = pe_st_rsc_active(child, false);
	const char *task = pe_st_pending_task(child, NULL);

	if (t->clone->unique) {
		return partial || !t->clone->orphan;
	}
	if (task != NULL) {
		return true;
	}
	if (!partial) {
		if (!child->orphan) {
			put_stopped(t, child->id, "Stopped");
		}
		return false;
	}
	if (any_set(child, offsetof(struct pe_resource, orphan)) || !all_managed(child) ||
	    any_set(child, offsetof(struct pe_resource, failed))) {
		return true;
	}
	if (pe_st_rsc_active(child, true)) {
		return !list_active(t, child);
	}
	return true;
}

static void node_list_item(struct clone_text *t, GPtrArray *nodes, const char *label)
{
	GPtrArray *sorted;
	GString *names;

	if (nodes->len == 0) {
		return;
	}
	sorted = pe_st_sorted_nodes(nodes);
	names = g_string_new(NULL);
	for (guint i = 0; i < sorted->len; i++) {
		g_string_append_printf(names, " %s", ((struct pe_node *)sorted->pdata[i])->uname);
		t->active++;
	}
	header(t);
	pe_st_item(t->out, t->depth + 1, "%s: [%s ]", label, names->str);
	g_string_free(names, TRUE);
	g_ptr_array_free(sorted, TRUE);
}

static bool running_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	for (guint i = 0; i < rsc->running_on->len; i++) {
		if (rsc->running_on->pdata[i] == node) {
			return true;
		}
	}
	return false;
}

static bool known_on(const struct pe_resource *rsc, const struct pe_node *node)
{
	if (rsc->variant != PE_PRIMITIVE) {
		for (guint i = 0; i < rsc->children->len; i++) {
			if (known_on(rsc->children->pdata[i], node)) {
				return true;
			}
		}
		return false;
	}
	for (guint i = 0; i < rsc->history->len; i++) {
		if (((struct pe_rsc_history *)rsc->history->pdata[i])->node == node) {
			return true;
		}
	}
	return false;
}

/* A bundle's guest node is for the bundled primitive only; pacemaker
 * still lists it for a clone configured before the bundle when the node
 * was in the nodes section (it was known, and not yet a bundle's, when
 * the clone was unpacked). */
static bool bundle_node_listed(const struct pe_resource *clone, const struct pe_node *node)
{
	const struct pe_resource *bundle =
		node->remote_rsc == NULL ? NULL : node->remote_rsc->bundle;
	const struct pe_resource *first;

	if (bundle == NULL || bundle->children->len == 0) {
		return true;
	}
	first = bundle->children->pdata[0];
	return node->configured && clone->index < first->index;
}

/* The nodes a stopped instance could be on: every node in a symmetric
 * cluster, otherwise those where the clone's state is known. */
static void stopped_nodes(struct clone_text *t)
{
	const struct pe_cluster *c = t->clone->cluster;
	bool disabled = configured_role(t->clone) == PE_ROLE_STOPPED;

	if (t->stopped != NULL) {
		g_hash_table_remove_all(t->stopped);
	}
	for (guint i = 0; i < c->nodes->len; i++) {
		const struct pe_node *node = c->nodes->pdata[i];
		xmlNode *probe;
		long long rc = 0;

		if (running_on(t->clone, node) || (!c->symmetric && !known_on(t->clone, node)) ||
		    !bundle_node_listed(t->clone, node)) {
			continue;
		}
		probe = pe_st_failed_probe(t->clone, node->uname);
		if (probe != NULL) {
			char *state;

			pcmk_xml_attr_int(probe, "rc-code", &rc);
			state = g_strdup_printf("Stopped (%s)", pe_st_ocf_rc_text(rc));
			put_stopped(t, node->uname, state);
			g_free(state);
		} else {
			put_stopped(t, node->uname, disabled ? "Stopped (disabled)" : "Stopped");
		}
	}
}

static gint name_ptr_cmp(gconstpointer a, gconstpointer b)
{
	return pe_st_name_cmp(*(const char *const *)a, *(const char *const *)b);
}

static gint str_ptr_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One "state: [ names ]" item per distinct state, states in byte order. */
static void stopped_items(struct clone_text *t)
{
	GPtrArray *states = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key, value;

	g_hash_table_iter_init(&iter, t->stopped);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		bool have = false;

		for (guint i = 0; i < states->len; i++) {
			have = have || strcmp(states->pdata[i], value) == 0;
		}
		if (!have) {
			g_ptr_array_add(states, value);
		}
	}
	g_ptr_array_sort(states, str_ptr_cmp);
	for (guint s = 0; s < states->len; s++) {
		GPtrArray *names = g_ptr_array_new();
		GString *text = g_string_new(NULL);

		g_hash_table_iter_init(&iter, t->stopped);
		while (g_hash_table_iter_next(&iter, &key, &value)) {
			if (strcmp(value, states->pdata[s]) == 0) {
				g_ptr_array_add(names, key);
			}
		}
		g_ptr_array_sort(names, name_ptr_cmp);
		for (guint i = 0; i < names->len; i++) {
			g_string_append_printf(text, " %s", (const char *)names->pdata[i]);
		}
		pe_st_item(t->out, t->depth + 1, "%s: [%s ]", (const char *)states->pdata[s],
			   text->str);
		g_string_free(text, TRUE);
		g_ptr_array_free(names, TRUE);
	}
	g_ptr_array_free(states, TRUE);
}

static void lists(struct clone_text *t)
{
	const char *started = "Started";

	if (t->clone->promotable) {
		started = configured_role(t->clone) == PE_ROLE_UNPROMOTED
				  ? "Unpromoted (target-role)"
				  : "Unpromoted";
	}
	node_list_item(t, t->promoted, "Promoted");
	node_list_item(t, t->started, started);
	if (!t->clone->unique && t->clone->clone_max > t->active) {
		stopped_nodes(t);
	}
	if (t->stopped != NULL && g_hash_table_size(t->stopped) > 0) {
		header(t);
		stopped_items(t);
	}
	header(t); /* a clone with nothing to list still gets its heading */
}

void pe_st_clone(const struct pe_resource *rsc, int depth, unsigned int flags, GString *out)
{
	struct clone_text t = { .clone = rsc, .depth = depth, .flags = flags, .out = out };

	t.promoted = g_ptr_array_new();
	t.started = g_ptr_array_new();
	for (guint i = 0; i < rsc->children->len; i++) {
		const struct pe_resource *child = rsc->children->pdata[i];

		if (instance_alone(&t, child)) {
			header(&t);
			/* A unique clone lists its primitive instances even when
			 * stopped; a group instance shows only what it runs. */
			pe_st_rsc(child, depth + 1,
				  rsc->unique && child->variant == PE_PRIMITIVE
					  ? flags | PE_ST_INACTIVE
					  : flags,
				  out);
		}
	}
	lists(&t);
	g_ptr_array_free(t.promoted, TRUE);
	g_ptr_array_free(t.started, TRUE);
	if (t.stopped != NULL) {
		g_hash_table_destroy(t.stopped);
	}
}
