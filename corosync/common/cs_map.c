/*
 * cs_map: typed values in an AVL tree keyed by name, with trackers and
 * read-only prefixes.  A balanced tree rather than a hash table because
 * cmap clients walk the keys by prefix, in order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cs_map.h"

/* Value bytes are reference counted so that trackers can be handed the
 * new value while one of them replaces or deletes it. */
struct value {
	unsigned refs;
	size_t len;
	unsigned char data[];
};

struct entry {
	struct entry *left;
	struct entry *right;
	int height;
	enum cs_map_type type;
	struct value *value;
	char key[];
};

struct cs_map_track {
	struct cs_map_track *next;
	uint64_t id; /* order of creation */
	int flags;
	bool dead; /* deleted during a callback, freed when callbacks return */
	cs_map_track_fn fn;
	void *data;
	char key[];
};

struct ro_prefix {
	struct ro_prefix *next;
	char prefix[];
};

struct cs_map {
	struct entry *root;
	struct cs_map_track *tracks; /* in the order added */
	struct cs_map_track **tracks_tail;
	uint64_t next_track_id;
	unsigned dispatching; /* nesting depth of tracker callbacks */
	bool have_dead;
	struct ro_prefix *ro;
};

struct cs_map_iter {
	const struct cs_map *map;
	bool started;
	bool done;
	size_t prefix_len;
	char prefix[CS_MAP_KEY_MAX + 1];
	char key[CS_MAP_KEY_MAX + 1]; /* the key returned last */
};

static const size_t type_sizes[] = {
	[CS_MAP_INT8] = 1,
	[CS_MAP_UINT8] = 1,
	[CS_MAP_INT16] = 2,
	[CS_MAP_UINT16] = 2,
	[CS_MAP_INT32] = 4,
	[CS_MAP_UINT32] = 4,
	[CS_MAP_INT64] = 8,
	[CS_MAP_UINT64] = 8,
	[CS_MAP_FLOAT] = sizeof(float),
	[CS_MAP_DOUBLE] = sizeof(double),
};

static const char *const type_names[] = {
	[CS_MAP_INT8] = "i8",    [CS_MAP_UINT8] = "u8",   [CS_MAP_INT16] = "i16",
	[CS_MAP_UINT16] = "u16", [CS_MAP_INT32] = "i32",  [CS_MAP_UINT32] = "u32",
	[CS_MAP_INT64] = "i64",  [CS_MAP_UINT64] = "u64", [CS_MAP_FLOAT] = "flt",
	[CS_MAP_DOUBLE] = "dbl", [CS_MAP_STRING] = "str", [CS_MAP_BINARY] = "bin",
};

static bool type_valid(enum cs_map_type type)
{
	return type >= CS_MAP_INT8 && type <= CS_MAP_BINARY;
}

static bool type_is_int(enum cs_map_type type)
{
	return type >= CS_MAP_INT8 && type <= CS_MAP_UINT64;
}

const char *cs_map_type_name(enum cs_map_type type)
{
	return type_valid(type) ? type_names[type] : "?";
}

/* Prefixes follow the key rules except that they may be short or empty. */
static bool prefix_valid(const char *prefix)
{
	size_t len;

	if (prefix == NULL) {
		return false;
	}
	len = strnlen(prefix, CS_MAP_KEY_MAX + 1);
	return len <= CS_MAP_KEY_MAX && strspn(prefix, CS_MAP_KEY_CHARS) == len;
}

bool cs_map_key_valid(const char *key)
{
	return prefix_valid(key) && strlen(key) >= CS_MAP_KEY_MIN;
}

static bool has_prefix(const char *key, const char *prefix)
{
	return strncmp(key, prefix, strlen(prefix)) == 0;
}

/* ---- values ---- */

static struct value *value_new(const void *data, size_t len)
{
	struct value *v = malloc(sizeof(*v) + len);

	if (v == NULL) {
		return NULL;
	}
	v->refs = 1;
	v->len = len;
	if (len > 0) {
		memcpy(v->data, data, len);
	}
	return v;
}

static void value_unref(struct value *v)
{
	if (v != NULL && --v->refs == 0) {
		free(v);
	}
}

/* Check @value for @type; a string's length becomes that of its text. */
static int check_value(const void *value, size_t *len, enum cs_map_type type)
{
	if (!type_valid(type)) {
		return -EINVAL;
	}
	if (type == CS_MAP_STRING) {
		const char *nul = value != NULL ? memchr(value, '\0', *len) : NULL;

		if (nul == NULL) {
			return -EINVAL;
		}
		*len = (size_t)(nul - (const char *)value) + 1;
	} else if (type == CS_MAP_BINARY) {
		if (*len > 0 && value == NULL) {
			return -EINVAL;
		}
	} else if (*len != type_sizes[type] || value == NULL) {
		return -EINVAL;
	}
	return *len <= CS_MAP_VALUE_MAX ? 0 : -EINVAL;
}

/* ---- the AVL tree ---- */

static int height(const struct entry *e)
{
	return e != NULL ? e->height : 0;
}

static void update_height(struct entry *e)
{
	int l = height(e->left);
	int r = height(e->right);

	e->height = 1 + (l > r ? l : r);
}

static struct entry *rotate_right(struct entry *e)
{
	struct entry *l = e->left;

	e->left = l->right;
	l->right = e;
	update_height(e);
	update_height(l);
	return l;
}

static struct entry *rotate_left(struct entry *e)
{
	struct entry *r = e->right;

	e->right = r->left;
	r->left = e;
	update_height(e);
	update_height(r);
	return r;
}

static struct entry *rebalance(struct entry *e)
{
	int balance;

	update_height(e);
	balance = height(e->left) - height(e->right);
	if (balance > 1) {
		if (height(e->left->left) < height(e->left->right)) {
			e->left = rotate_left(e->left);
		}
		return rotate_right(e);
	}
	if (balance < -1) {
		if (height(e->right->right) < height(e->right->left)) {
			e->right = rotate_right(e->right);
		}
		return rotate_left(e);
	}
	return e;
}

static struct entry *tree_insert(struct entry *root, struct entry *e)
{
	if (root == NULL) {
		return e;
	}
	if (strcmp(e->key, root->key) < 0) {
		root->left = tree_insert(root->left, e);
	} else {
		root->right = tree_insert(root->right, e);
	}
	return rebalance(root);
}

static struct entry *tree_remove_min(struct entry *root, struct entry **min)
{
	if (root->left == NULL) {
		*min = root;
		return root->right;
	}
	root->left = tree_remove_min(root->left, min);
	return rebalance(root);
}

/* Detach the entry of @key into *@found; nodes are relinked, never copied,
 * because keys live inside their nodes. */
static struct entry *tree_remove(struct entry *root, const char *key, struct entry **found)
{
	int cmp;

	if (root == NULL) {
		return NULL;
	}
	cmp = strcmp(key, root->key);
	if (cmp < 0) {
		root->left = tree_remove(root->left, key, found);
	} else if (cmp > 0) {
		root->right = tree_remove(root->right, key, found);
	} else {
		struct entry *min;
		struct entry *rest;

		*found = root;
		if (root->right == NULL) {
			return root->left;
		}
		rest = tree_remove_min(root->right, &min);
		min->left = root->left;
		min->right = rest;
		return rebalance(min);
	}
	return rebalance(root);
}

static struct entry *tree_find(const struct entry *node, const char *key)
{
	while (node != NULL) {
		int cmp = strcmp(key, node->key);

		if (cmp == 0) {
			return (struct entry *)node;
		}
		node = cmp < 0 ? node->left : node->right;
	}
	return NULL;
}

/* The smallest entry whose key is above @key (or equal, unless @strict). */
static const struct entry *tree_ceiling(const struct entry *node, const char *key, bool strict)
{
	const struct entry *best = NULL;

	while (node != NULL) {
		int cmp = strcmp(node->key, key);

		if (cmp > 0 || (cmp == 0 && !strict)) {
			best = node;
			node = node->left;
		} else {
			node = node->right;
		}
	}
	return best;
}

static void entry_free(struct entry *e)
{
	value_unref(e->value);
	free(e);
}

static void tree_free(struct entry *node)
{
	if (node != NULL) {
		tree_free(node->left);
		tree_free(node->right);
		entry_free(node);
	}
}

/* ---- trackers ---- */

static bool track_wants(const struct cs_map_track *t, const char *key, int event, uint64_t limit)
{
	if (t->dead || t->id >= limit || !(t->flags & event)) {
		return false;
	}
	if (t->flags & CS_MAP_TRACK_PREFIX) {
		return has_prefix(key, t->key);
	}
	return strcmp(key, t->key) == 0;
}

static void tracks_reap(struct cs_map *map)
{
	struct cs_map_track **link = &map->tracks;

	map->tracks_tail = &map->tracks;
	while (*link != NULL) {
		struct cs_map_track *t = *link;

		if (t->dead) {
			*link = t->next;
			free(t);
		} else {
			map->tracks_tail = &t->next;
			link = &t->next;
		}
	}
	map->have_dead = false;
}

static struct cs_map_value view(enum cs_map_type type, const struct value *v)
{
	struct cs_map_value out = { 0, 0, NULL };

	if (v != NULL) {
		out.type = type;
		out.len = v->len;
		out.data = v->len > 0 ? v->data : NULL;
	}
	return out;
}

/* Tell the trackers of @key about a change that is already in the map.  A
 * callback may replace or delete this very key, so the key is copied and
 * the new value held for the whole round. */
static void notify(struct cs_map *map, const char *key, int event, enum cs_map_type new_type,
		   struct value *new_value, enum cs_map_type old_type, struct value *old_value)
{
	uint64_t limit = map->next_track_id;
	struct cs_map_track *t = map->tracks;
	char key_copy[CS_MAP_KEY_MAX + 1];
	struct cs_map_value nv;
	struct cs_map_value ov;

	while (t != NULL && !track_wants(t, key, event, limit)) {
		t = t->next;
	}
	if (t == NULL) {
		return;
	}
	strcpy(key_copy, key);
	nv = view(new_type, new_value);
	ov = view(old_type, old_value);
	if (new_value != NULL) {
		new_value->refs++;
	}
	map->dispatching++;
	for (; t != NULL; t = t->next) {
		if (track_wants(t, key_copy, event, limit)) {
			t->fn(map, key_copy, event, &nv, &ov, t->data);
		}
	}
	if (--map->dispatching == 0 && map->have_dead) {
		tracks_reap(map);
	}
	value_unref(new_value);
}

/* ---- the map ---- */

struct cs_map *cs_map_new(void)
{
	struct cs_map *map = calloc(1, sizeof(*map));

	if (map != NULL) {
		map->tracks_tail = &map->tracks;
	}
	return map;
}

void cs_map_free(struct cs_map *map)
{
	if (map == NULL) {
		return;
	}
	tree_free(map->root);
	while (map->tracks != NULL) {
		struct cs_map_track *t = map->tracks;

		map->tracks = t->next;
		free(t);
	}
	while (map->ro != NULL) {
		struct ro_prefix *r = map->ro;

		map->ro = r->next;
		free(r);
	}
	free(map);
}

int cs_map_set(struct cs_map *map, const char *key, const void *value, size_t len,
	       enum cs_map_type type)
{
	struct entry *e;
	struct value *nv;

	if (map == NULL || !cs_map_key_valid(key) || check_value(value, &len, type) < 0) {
		return -EINVAL;
	}
	e = tree_find(map->root, key);
	if (e != NULL && e->type == type && e->value->len == len &&
	    (len == 0 || memcmp(e->value->data, value, len) == 0)) {
		return 0;
	}
	nv = value_new(value, len);
	if (nv == NULL) {
		return -ENOMEM;
	}
	if (e != NULL) {
		struct value *old = e->value;
		enum cs_map_type old_type = e->type;

		e->value = nv;
		e->type = type;
		notify(map, key, CS_MAP_TRACK_MODIFY, type, nv, old_type, old);
		value_unref(old);
		return 0;
	}
	e = malloc(sizeof(*e) + strlen(key) + 1);
	if (e == NULL) {
		value_unref(nv);
		return -ENOMEM;
	}
	strcpy(e->key, key);
	e->left = e->right = NULL;
	e->height = 1;
	e->type = type;
	e->value = nv;
	map->root = tree_insert(map->root, e);
	notify(map, key, CS_MAP_TRACK_ADD, type, nv, 0, NULL);
	return 0;
}

int cs_map_set_string(struct cs_map *map, const char *key, const char *value)
{
	if (value == NULL) {
		return -EINVAL;
	}
	return cs_map_set(map, key, value, strlen(value) + 1, CS_MAP_STRING);
}

static const struct entry *lookup(const struct cs_map *map, const char *key, int *rc)
{
	const struct entry *e;

	if (map == NULL || !cs_map_key_valid(key)) {
		*rc = -EINVAL;
		return NULL;
	}
	e = tree_find(map->root, key);
	*rc = e != NULL ? 0 : -ENOENT;
	return e;
}

int cs_map_get(const struct cs_map *map, const char *key, void *value, size_t *len,
	       enum cs_map_type *type)
{
	int rc;
	const struct entry *e = lookup(map, key, &rc);

	if (e == NULL) {
		return rc;
	}
	if (value != NULL && len == NULL) {
		return -EINVAL;
	}
	if (type != NULL) {
		*type = e->type;
	}
	if (value != NULL && *len < e->value->len) {
		*len = e->value->len;
		return -ENOSPC;
	}
	if (value != NULL && e->value->len > 0) {
		memcpy(value, e->value->data, e->value->len);
	}
	if (len != NULL) {
		*len = e->value->len;
	}
	return 0;
}

int cs_map_get_typed(const struct cs_map *map, const char *key, void *out, size_t size,
		     enum cs_map_type type)
{
	int rc;
	const struct entry *e = lookup(map, key, &rc);

	if (e == NULL) {
		return rc;
	}
	if (e->type != type || e->value->len != size || out == NULL) {
		return -EINVAL;
	}
	memcpy(out, e->value->data, size);
	return 0;
}

int cs_map_get_string(const struct cs_map *map, const char *key, char **out)
{
	int rc;
	const struct entry *e = lookup(map, key, &rc);

	if (e == NULL) {
		return rc;
	}
	if (e->type != CS_MAP_STRING || out == NULL) {
		return -EINVAL;
	}
	*out = strdup((const char *)e->value->data);
	return *out != NULL ? 0 : -ENOMEM;
}

int cs_map_delete(struct cs_map *map, const char *key)
{
	struct entry *e = NULL;

	if (map == NULL || !cs_map_key_valid(key)) {
		return -EINVAL;
	}
	map->root = tree_remove(map->root, key, &e);
	if (e == NULL) {
		return -ENOENT;
	}
	notify(map, key, CS_MAP_TRACK_DELETE, 0, NULL, e->type, e->value);
	entry_free(e);
	return 0;
}

/* Two's complement: adding in the unsigned type of the same width wraps
 * signed and unsigned values alike, without undefined behaviour. */
static void add_step(unsigned char *buf, size_t size, int32_t step)
{
	if (size == 1) {
		uint8_t v;
		memcpy(&v, buf, size);
		v = (uint8_t)(v + (uint8_t)step);
		memcpy(buf, &v, size);
	} else if (size == 2) {
		uint16_t v;
		memcpy(&v, buf, size);
		v = (uint16_t)(v + (uint16_t)step);
		memcpy(buf, &v, size);
	} else if (size == 4) {
		uint32_t v;
		memcpy(&v, buf, size);
		v += (uint32_t)step;
		memcpy(buf, &v, size);
	} else {
		uint64_t v;
		memcpy(&v, buf, size);
		v += (uint64_t)(int64_t)step;
		memcpy(buf, &v, size);
	}
}

int cs_map_adjust_int(struct cs_map *map, const char *key, int32_t step)
{
	unsigned char buf[sizeof(uint64_t)];
	int rc;
	const struct entry *e = lookup(map, key, &rc);
	size_t size;

	if (e == NULL) {
		return rc;
	}
	if (!type_is_int(e->type)) {
		return -EINVAL;
	}
	size = type_sizes[e->type];
	memcpy(buf, e->value->data, size);
	add_step(buf, size, step);
	return cs_map_set(map, key, buf, size, e->type);
}

int cs_map_copy(struct cs_map *dst, const struct cs_map *src, const char *prefix)
{
	struct cs_map_iter *iter;
	const char *key;
	int rc = cs_map_iter_new(src, prefix, &iter);

	while (rc == 0 && (key = cs_map_iter_next(iter, NULL, NULL)) != NULL) {
		const struct entry *e = tree_find(src->root, key);

		/* absent only if a tracker of dst == src deleted it */
		if (e != NULL) {
			rc = cs_map_set(dst, key, e->value->data, e->value->len, e->type);
		}
	}
	cs_map_iter_free(iter);
	return rc;
}

/* ---- iteration ---- */

int cs_map_iter_new(const struct cs_map *map, const char *prefix, struct cs_map_iter **iter)
{
	struct cs_map_iter *it;

	*iter = NULL;
	if (prefix == NULL) {
		prefix = "";
	}
	if (map == NULL || strnlen(prefix, CS_MAP_KEY_MAX + 1) > CS_MAP_KEY_MAX) {
		return -EINVAL;
	}
	it = calloc(1, sizeof(*it));
	if (it == NULL) {
		return -ENOMEM;
	}
	it->map = map;
	strcpy(it->prefix, prefix);
	it->prefix_len = strlen(prefix);
	*iter = it;
	return 0;
}

const char *cs_map_iter_next(struct cs_map_iter *iter, size_t *len, enum cs_map_type *type)
{
	const struct entry *e;

	if (iter == NULL || iter->done) {
		return NULL;
	}
	if (iter->started) {
		e = tree_ceiling(iter->map->root, iter->key, true);
	} else {
		e = tree_ceiling(iter->map->root, iter->prefix, false);
	}
	iter->started = true;
	/* Keys sharing a prefix are contiguous in sorted order. */
	if (e == NULL || strncmp(e->key, iter->prefix, iter->prefix_len) != 0) {
		iter->done = true;
		return NULL;
	}
	strcpy(iter->key, e->key);
	if (len != NULL) {
		*len = e->value->len;
	}
	if (type != NULL) {
		*type = e->type;
	}
	return iter->key;
}

void cs_map_iter_free(struct cs_map_iter *iter)
{
	free(iter);
}

/* ---- trackers ---- */

int cs_map_track_add(struct cs_map *map, const char *key, int flags, cs_map_track_fn fn, void *data,
		     struct cs_map_track **track)
{
	const int events = CS_MAP_TRACK_ADD | CS_MAP_TRACK_MODIFY | CS_MAP_TRACK_DELETE;
	struct cs_map_track *t;
	bool ok;

	if (track != NULL) {
		*track = NULL;
	}
	ok = (flags & CS_MAP_TRACK_PREFIX) ? prefix_valid(key) : cs_map_key_valid(key);
	if (map == NULL || fn == NULL || !ok || (flags & events) == 0 ||
	    (flags & ~(events | CS_MAP_TRACK_PREFIX)) != 0) {
		return -EINVAL;
	}
	t = calloc(1, sizeof(*t) + strlen(key) + 1);
	if (t == NULL) {
		return -ENOMEM;
	}
	strcpy(t->key, key);
	t->id = map->next_track_id++;
	t->flags = flags;
	t->fn = fn;
	t->data = data;
	*map->tracks_tail = t;
	map->tracks_tail = &t->next;
	if (track != NULL) {
		*track = t;
	}
	return 0;
}

int cs_map_track_delete(struct cs_map *map, struct cs_map_track *track)
{
	struct cs_map_track **link;

	if (map == NULL || track == NULL) {
		return -ENOENT;
	}
	for (link = &map->tracks; *link != NULL; link = &(*link)->next) {
		if (*link == track && !track->dead) {
			break;
		}
	}
	if (*link == NULL) {
		return -ENOENT;
	}
	if (map->dispatching > 0) {
		/* The callback loop may be standing on it. */
		track->dead = true;
		map->have_dead = true;
		return 0;
	}
	*link = track->next;
	if (map->tracks_tail == &track->next) {
		map->tracks_tail = link;
	}
	free(track);
	return 0;
}

/* ---- read-only prefixes ---- */

int cs_map_set_ro(struct cs_map *map, const char *prefix, bool ro)
{
	struct ro_prefix **link;
	struct ro_prefix *r;

	if (map == NULL || !prefix_valid(prefix) || prefix[0] == '\0') {
		return -EINVAL;
	}
	for (link = &map->ro; *link != NULL; link = &(*link)->next) {
		if (strcmp((*link)->prefix, prefix) == 0) {
			break;
		}
	}
	if (!ro) {
		if (*link != NULL) {
			r = *link;
			*link = r->next;
			free(r);
		}
		return 0;
	}
	if (*link != NULL) {
		return 0;
	}
	r = malloc(sizeof(*r) + strlen(prefix) + 1);
	if (r == NULL) {
		return -ENOMEM;
	}
	strcpy(r->prefix, prefix);
	r->next = NULL;
	*link = r;
	return 0;
}

bool cs_map_is_ro(const struct cs_map *map, const char *key)
{
	const struct ro_prefix *r;

	if (map == NULL || key == NULL) {
		return false;
	}
	for (r = map->ro; r != NULL; r = r->next) {
		if (has_prefix(key, r->prefix)) {
			return true;
		}
	}
	return false;
}
