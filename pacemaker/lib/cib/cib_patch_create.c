/*
 * Creating a format 2 patch from two CIBs.
 *
 * The patch must come out right under pacemaker's applier, which finds an
 * element by walking its path and taking, at each step, the FIRST child
 * with that name (and id, when the step has one), runs deletes and
 * modifies in patch order, and runs creates and moves afterwards sorted by
 * position.  So: all deletes come first; the children that stay in place
 * are a longest run in the same relative order in both trees and the rest
 * are moved; and wherever a path would name the wrong sibling (two
 * id-less siblings of the same name, a repeated id) the children of the
 * parent are rewritten whole instead: every old child deleted, every new
 * one created.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <crm/cib/patch.h>
#include <crm/common/xml.h>

#include "cib_patch_private.h"

struct differ {
	xmlNode *patch;         /* the <diff> being built */
	xmlNode *delete_anchor; /* deletes go right after this node */
	GString *path;          /* path of the element being compared */
	bool config_changed;
	bool changed;
	int rc; /* first failure, or 0 */
};

/* Only changes inside the configuration count: pacemaker moves the epoch
 * for nothing else, not even for attributes of <cib> itself. */
static const char config_path[] = "/cib/configuration";

static void note_change(struct differ *d, const char *element_path)
{
	size_t n = sizeof(config_path) - 1;

	d->changed = true;
	if (strncmp(element_path, config_path, n) == 0 &&
	    (element_path[n] == '\0' || element_path[n] == '/' || element_path[n] == '[')) {
		d->config_changed = true;
	}
}

/* Whether @path names <configuration> itself ("/cib/configuration",
 * perhaps with an id predicate), not something inside it. */
static bool is_config_element(const char *path)
{
	size_t n = sizeof(config_path) - 1;

	return strncmp(path, config_path, n) == 0 &&
	       (path[n] == '\0' || (path[n] == '[' && strchr(path + n, '/') == NULL));
}

static void set_attr(struct differ *d, xmlNode *node, const char *name, const char *value)
{
	int rc = pcmk_xml_set_attr(node, name, value);

	if (rc < 0 && d->rc == 0) {
		d->rc = rc;
	}
}

static void set_int(struct differ *d, xmlNode *node, const char *name, long long value)
{
	int rc = pcmk_xml_set_attr_int(node, name, value);

	if (rc < 0 && d->rc == 0) {
		d->rc = rc;
	}
}

static xmlNode *add_child(struct differ *d, xmlNode *parent, const char *name)
{
	xmlNode *child = pcmk_xml_add_child(parent, name);

	if (child == NULL && d->rc == 0) {
		d->rc = -ENOMEM;
	}
	return child;
}

/* A <change> for the element at @path, at the end of the patch. */
static xmlNode *add_change(struct differ *d, const char *op, const char *path)
{
	xmlNode *change = add_child(d, d->patch, CIB_PATCH_CHANGE);

	if (change != NULL) {
		set_attr(d, change, CIB_PATCH_OP, op);
		set_attr(d, change, CIB_PATCH_PATH, path);
	}
	return change;
}

/* Position of @node among its parent's children when its delete runs:
 * every sibling before it except those deleted before it. */
static int delete_position(const xmlNode *node, int deleted_before)
{
	int position = 0;

	for (const xmlNode *s = node->prev; s != NULL; s = s->prev) {
		position++;
	}
	return position - deleted_before;
}

static void add_delete(struct differ *d, const xmlNode *old_child, int deleted_before)
{
	size_t len = d->path->len;
	xmlNode *change;

	cib_patch_path_step(d->path, old_child);
	change = add_change(d, "delete", d->path->str);
	if (change != NULL) {
		/* Comments have no id: pacemaker finds them by position. */
		if (old_child->type == XML_COMMENT_NODE) {
			set_int(d, change, CIB_PATCH_POSITION,
				delete_position(old_child, deleted_before));
		}
		xmlUnlinkNode(change);
		xmlAddNextSibling(d->delete_anchor, change);
		d->delete_anchor = change;
	}
	note_change(d, d->path->str);
	g_string_truncate(d->path, len);
}

static void add_create(struct differ *d, const xmlNode *new_child, int position)
{
	size_t len = d->path->len;
	xmlNode *change = add_change(d, "create", d->path->str);
	xmlNode *copy;

	if (change == NULL) {
		return;
	}
	set_int(d, change, CIB_PATCH_POSITION, position);
	copy = xmlDocCopyNode((xmlNode *)new_child, d->patch->doc, 1);
	if (copy == NULL) {
		d->rc = d->rc != 0 ? d->rc : -ENOMEM;
		return;
	}
	xmlAddChild(change, copy);
	cib_patch_path_step(d->path, new_child);
	note_change(d, d->path->str);
	g_string_truncate(d->path, len);
}

/* The <change-list> of the modify for the current element, made on first
 * use. */
static xmlNode *modify_list(struct differ *d, xmlNode **list)
{
	if (*list == NULL) {
		xmlNode *change = add_change(d, "modify", d->path->str);

		*list = change != NULL ? add_child(d, change, CIB_PATCH_LIST) : NULL;
	}
	return *list;
}

static void add_attr_change(struct differ *d, xmlNode *list, const char *name, const char *value)
{
	xmlNode *attr = add_child(d, list, CIB_PATCH_ATTR);

	if (attr == NULL) {
		return;
	}
	set_attr(d, attr, "name", name);
	set_attr(d, attr, CIB_PATCH_OP, value != NULL ? "set" : "unset");
	if (value != NULL) {
		set_attr(d, attr, "value", value);
	}
}

/* The result of a modify carries every attribute of the new element:
 * pacemaker's applier replaces the whole attribute set with it. */
static void add_modify_result(struct differ *d, xmlNode *list, const xmlNode *n)
{
	xmlNode *result = add_child(d, list->parent, CIB_PATCH_RESULT);
	xmlNode *copy = result != NULL ? add_child(d, result, (const char *)n->name) : NULL;

	for (const xmlAttr *a = n->properties; copy != NULL && a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		set_attr(d, copy, name, pcmk_xml_attr(n, name));
	}
}

/* Attribute order is not a change (pacemaker's "significant" changes). */
static void diff_attrs(struct differ *d, const xmlNode *o, const xmlNode *n)
{
	xmlNode *list = NULL;

	for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;
		const char *old_value = pcmk_xml_attr(o, name);
		const char *new_value = pcmk_xml_attr(n, name);

		if ((old_value == NULL || strcmp(old_value, new_value) != 0) &&
		    modify_list(d, &list) != NULL) {
			add_attr_change(d, list, name, new_value);
		}
	}
	for (const xmlAttr *a = o->properties; a != NULL; a = a->next) {
		const char *name = (const char *)a->name;

		if (pcmk_xml_attr(n, name) == NULL && modify_list(d, &list) != NULL) {
			add_attr_change(d, list, name, NULL);
		}
	}
	if (list != NULL) {
		add_modify_result(d, list, n);
		note_change(d, d->path->str);
	}
}

/* The children of one element as both trees have them, and how they
 * pair up. */
struct siblings {
	GPtrArray *old;    /* element and comment children of the old parent */
	GPtrArray *new;    /* ... of the new parent */
	int *match;        /* per new child: index of its old child, or -1 */
	bool *old_used;    /* per old child: matched */
	bool *moved;       /* per new child: matched but out of order */
	bool *old_address; /* per old child: its path names it */
	bool *new_address; /* per new child: its path names it */
};

static GPtrArray *counted_children(const xmlNode *parent)
{
	GPtrArray *out = g_ptr_array_new();

	for (xmlNode *c = parent->children; c != NULL; c = c->next) {
		if (cib_patch_node_counts(c)) {
			g_ptr_array_add(out, c);
		}
	}
	return out;
}

/* Elements pair up by name and id; id-less ones by name, in order;
 * comments by their text, in order. */
static char *match_key(const xmlNode *node)
{
	const char *id = pcmk_xml_attr(node, "id");

	if (node->type == XML_COMMENT_NODE) {
		return g_strdup_printf("c\x01%s", (const char *)node->content);
	}
	if (id != NULL) {
		return g_strdup_printf("i\x01%s\x01%s", (const char *)node->name, id);
	}
	return g_strdup_printf("n\x01%s", (const char *)node->name);
}

static void free_queue(gpointer q)
{
	g_queue_free(q);
}

static void match_children(struct siblings *s)
{
	GHashTable *by_key = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free_queue);

	for (guint j = 0; j < s->old->len; j++) {
		char *key = match_key(g_ptr_array_index(s->old, j));
		GQueue *q = g_hash_table_lookup(by_key, key);

		if (q == NULL) {
			q = g_queue_new();
			g_hash_table_insert(by_key, key, q);
		} else {
			g_free(key);
		}
		g_queue_push_tail(q, GUINT_TO_POINTER(j + 1));
	}
	for (guint i = 0; i < s->new->len; i++) {
		char *key = match_key(g_ptr_array_index(s->new, i));
		GQueue *q = g_hash_table_lookup(by_key, key);
		guint j = q != NULL ? GPOINTER_TO_UINT(g_queue_pop_head(q)) : 0;

		s->match[i] = (int)j - 1;
		if (j > 0) {
			s->old_used[j - 1] = true;
		}
		g_free(key);
	}
	g_hash_table_destroy(by_key);
}

/* Binary search for the first tail whose old index is >= @value. */
static size_t lis_slot(const int *tails_old, size_t len, int value)
{
	size_t lo = 0, hi = len;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (tails_old[mid] < value) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/* Keep in place a longest run of matched children whose old order is
 * their new order; every other matched child is moved. */
static void mark_moves(struct siblings *s)
{
	guint n = s->new->len;
	int *tails_old = g_new(int, n + 1), *tails_new = g_new(int, n + 1),
	    *prev = g_new(int, n + 1);
	size_t len = 0;

	for (guint i = 0; i < n; i++) {
		size_t k;

		s->moved[i] = s->match[i] >= 0;
		if (s->match[i] < 0) {
			continue;
		}
		k = lis_slot(tails_old, len, s->match[i]);
		tails_old[k] = s->match[i];
		tails_new[k] = (int)i;
		prev[i] = k > 0 ? tails_new[k - 1] : -1;
		len = k == len ? len + 1 : len;
	}
	for (int i = len > 0 ? tails_new[len - 1] : -1; i >= 0; i = prev[i]) {
		s->moved[i] = false;
	}
	g_free(tails_old);
	g_free(tails_new);
	g_free(prev);
}

/* Whether each child's path names it: no earlier sibling that the same
 * path step would find first, and an id a path can carry. */
static void mark_addressable(GPtrArray *children, bool *ok)
{
	GHashTable *names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint k = 0; k < children->len; k++) {
		const xmlNode *c = g_ptr_array_index(children, k);
		const char *id = c->type == XML_ELEMENT_NODE ? pcmk_xml_attr(c, "id") : NULL;
		char *key = match_key(c);

		ok[k] = cib_patch_steppable(c) &&
			!g_hash_table_contains(id != NULL ? keys : names,
					       id != NULL ? key : (const char *)c->name);
		g_hash_table_add(names, g_strdup((const char *)c->name));
		g_hash_table_add(keys, key);
	}
	g_hash_table_destroy(names);
	g_hash_table_destroy(keys);
}

static void siblings_init(struct siblings *s, const xmlNode *o, const xmlNode *n)
{
	s->old = counted_children(o);
	s->new = counted_children(n);
	s->match = g_new0(int, s->new->len + 1);
	s->moved = g_new0(bool, s->new->len + 1);
	s->new_address = g_new0(bool, s->new->len + 1);
	s->old_used = g_new0(bool, s->old->len + 1);
	s->old_address = g_new0(bool, s->old->len + 1);
	match_children(s);
	mark_moves(s);
	mark_addressable(s->old, s->old_address);
	mark_addressable(s->new, s->new_address);
}

static void siblings_clear(struct siblings *s)
{
	g_ptr_array_free(s->old, TRUE);
	g_ptr_array_free(s->new, TRUE);
	g_free(s->match);
	g_free(s->moved);
	g_free(s->new_address);
	g_free(s->old_used);
	g_free(s->old_address);
}

/* Whether some change among these children needs a path that would
 * name another sibling. */
static bool needs_rewrite(const struct siblings *s)
{
	for (guint j = 0; j < s->old->len; j++) {
		const xmlNode *c = g_ptr_array_index(s->old, j);

		if (!s->old_used[j] && c->type == XML_ELEMENT_NODE && !s->old_address[j]) {
			return true;
		}
	}
	for (guint i = 0; i < s->new->len; i++) {
		int j = s->match[i];

		if (j < 0 || (s->old_address[j] && s->new_address[i])) {
			continue;
		}
		if (s->moved[i] || !cib_patch_xml_equal(g_ptr_array_index(s->old, j),
							g_ptr_array_index(s->new, i))) {
			return true;
		}
	}
	return false;
}

static const xmlNode *find_element(const GPtrArray *nodes, const char *name)
{
	for (guint i = 0; i < nodes->len; i++) {
		const xmlNode *n = g_ptr_array_index(nodes, i);

		if (pcmk_xml_is(n, name)) {
			return n;
		}
	}
	return NULL;
}

/* Delete every old child (each is the first of its kind once those
 * before it are gone) and create every new one. */
static void rewrite_children(struct differ *d, const struct siblings *s)
{
	bool config_changed = d->config_changed;
	const xmlNode *old_config = find_element(s->old, "configuration");
	const xmlNode *new_config = find_element(s->new, "configuration");

	for (guint j = 0; j < s->old->len; j++) {
		const xmlNode *c = g_ptr_array_index(s->old, j);

		if (!cib_patch_steppable(c) && d->rc == 0) {
			d->rc = -EINVAL; /* an id no pacemaker path can name */
		}
		add_delete(d, c, (int)j);
	}
	for (guint i = 0; i < s->new->len; i++) {
		add_create(d, g_ptr_array_index(s->new, i), (int)i);
	}
	/* Rewriting the children of <cib> recreates <configuration>: the same
	 * as before, the configuration has not changed. */
	if (strcmp(d->path->str, "/cib") == 0 && old_config != NULL && new_config != NULL &&
	    cib_patch_xml_equal(old_config, new_config)) {
		d->config_changed = config_changed;
	}
}

static void diff_element(struct differ *d, const xmlNode *o, const xmlNode *n);

static void add_move(struct differ *d, int position)
{
	xmlNode *change = add_change(d, "move", d->path->str);

	if (change != NULL) {
		set_int(d, change, CIB_PATCH_POSITION, position);
	}
	/* A move reorders the parent's children: <configuration> itself moving
	 * among the children of <cib> leaves the configuration as it was. */
	if (is_config_element(d->path->str)) {
		d->changed = true;
	} else {
		note_change(d, d->path->str);
	}
}

static void diff_matched(struct differ *d, const struct siblings *s)
{
	int deleted = 0;

	for (guint j = 0; j < s->old->len; j++) {
		if (!s->old_used[j]) {
			add_delete(d, g_ptr_array_index(s->old, j), deleted++);
		}
	}
	for (guint i = 0; i < s->new->len; i++) {
		const xmlNode *n = g_ptr_array_index(s->new, i);
		size_t len = d->path->len;

		if (s->match[i] < 0) {
			add_create(d, n, (int)i);
			continue;
		}
		cib_patch_path_step(d->path, n);
		if (n->type == XML_ELEMENT_NODE) {
			diff_element(d, g_ptr_array_index(s->old, s->match[i]), n);
		}
		if (s->moved[i]) {
			add_move(d, (int)i);
		}
		g_string_truncate(d->path, len);
	}
}

static void diff_children(struct differ *d, const xmlNode *o, const xmlNode *n)
{
	struct siblings s;

	siblings_init(&s, o, n);
	if (needs_rewrite(&s)) {
		rewrite_children(d, &s);
	} else {
		diff_matched(d, &s);
	}
	siblings_clear(&s);
}

static void diff_element(struct differ *d, const xmlNode *o, const xmlNode *n)
{
	diff_attrs(d, o, n);
	diff_children(d, o, n);
}

/* <version><source .../><target .../></version>.  As pacemaker: a field
 * the new CIB lacks is still the old value in the target (pacemaker keeps
 * removed attributes around while it builds the patch), and one that
 * neither has is 1. */
static void add_versions(struct differ *d, const xmlNode *old, const xmlNode *new)
{
	const xmlNode *first[] = { old, new }, *second[] = { old, old };
	const char *names[] = { CIB_PATCH_SOURCE, CIB_PATCH_TARGET };
	xmlNode *version = add_child(d, d->patch, CIB_PATCH_VERSION);

	d->delete_anchor = version;
	for (size_t i = 0; version != NULL && i < 2; i++) {
		xmlNode *v = add_child(d, version, names[i]);

		for (size_t f = 0; v != NULL && f < 3; f++) {
			const char *name = cib_patch_version_attrs[f];
			const char *value = pcmk_xml_attr(first[i], name);

			value = value != NULL ? value : pcmk_xml_attr(second[i], name);
			set_attr(d, v, name, value != NULL ? value : "1");
		}
	}
}

int cib_patch_create(const xmlNode *old, const xmlNode *new, xmlNode **patch, bool *config_changed)
{
	struct differ d = { 0 };

	if (!pcmk_xml_is(old, "cib") || !pcmk_xml_is(new, "cib") || patch == NULL) {
		return -EINVAL;
	}
	*patch = NULL;
	if (config_changed != NULL) {
		*config_changed = false;
	}
	d.patch = pcmk_xml_new_root(CIB_PATCH_ROOT);
	if (d.patch == NULL) {
		return -ENOMEM;
	}
	set_attr(&d, d.patch, "format", "2");
	add_versions(&d, old, new);
	d.path = g_string_new(NULL);
	cib_patch_path_step(d.path, new);
	if (d.rc == 0) {
		diff_element(&d, old, new);
	}
	g_string_free(d.path, TRUE);
	if (d.rc < 0 || !d.changed) {
		pcmk_xml_free(d.patch);
		return d.rc;
	}
	*patch = d.patch;
	if (config_changed != NULL) {
		*config_changed = d.config_changed;
	}
	return 0;
}
