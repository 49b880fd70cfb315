/*
 * The in-memory key/value map behind cmap (corosync's icmap): the
 * configuration read from corosync.conf plus runtime state and statistics.
 *
 * Values are typed with cmap's type numbers, keys are kept in sorted order
 * for prefix iteration, and trackers are told about every addition, change
 * and removal.  Get and set are O(log n).  The map is not thread-safe: the
 * daemon uses it from its main loop only.
 */
#ifndef CS_MAP_H
#define CS_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Value types.  The numbers are cmap's CMAP_VALUETYPE_* and travel over IPC. */
enum cs_map_type {
	CS_MAP_INT8 = 1,
	CS_MAP_UINT8 = 2,
	CS_MAP_INT16 = 3,
	CS_MAP_UINT16 = 4,
	CS_MAP_INT32 = 5,
	CS_MAP_UINT32 = 6,
	CS_MAP_INT64 = 7,
	CS_MAP_UINT64 = 8,
	CS_MAP_FLOAT = 9,
	CS_MAP_DOUBLE = 10,
	CS_MAP_STRING = 11,
	CS_MAP_BINARY = 12,
};

/* Key names are 3..255 characters of [a-zA-Z0-9_./:-], as in cmap. */
#define CS_MAP_KEY_MIN 3
#define CS_MAP_KEY_MAX 255
#define CS_MAP_KEY_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:-"

/* Largest value (a string including its NUL, or binary data), as in icmap. */
#define CS_MAP_VALUE_MAX (16 * 1024)

/* Tracker flags; the values are cmap's CMAP_TRACK_*.  An event passed to a
 * callback is one of DELETE, MODIFY and ADD. */
#define CS_MAP_TRACK_DELETE 1
#define CS_MAP_TRACK_MODIFY 2
#define CS_MAP_TRACK_ADD 4
#define CS_MAP_TRACK_PREFIX 8

struct cs_map;
struct cs_map_iter;
struct cs_map_track;

/* A value as shown to trackers.  type is 0 and data NULL when there is no
 * value: the old value of an ADD and the new value of a DELETE.  Strings
 * count their terminating NUL in len. */
struct cs_map_value {
	enum cs_map_type type;
	size_t len;
	const void *data;
};

/* Called after the map has changed.  @key and the values are valid during
 * the call only.  The callback may change the map and add or delete
 * trackers (its own included); it must not free the map. */
typedef void (*cs_map_track_fn)(struct cs_map *map, const char *key, int event,
				const struct cs_map_value *new_value,
				const struct cs_map_value *old_value, void *data);

/* An empty map, or NULL when out of memory.  Free it with cs_map_free(). */
struct cs_map *cs_map_new(void);

/* Free the map, its values and its trackers (no events are sent).  Every
 * iterator of the map must be freed before.  cs_map_free(NULL) is a no-op. */
void cs_map_free(struct cs_map *map);

/* Whether @key is a valid key name. */
bool cs_map_key_valid(const char *key);

/* Short type name as corosync-cmapctl prints it ("u32", "str"...), or "?". */
const char *cs_map_type_name(enum cs_map_type type);

/* Store @len bytes at @value under @key with @type.  Integer and floating
 * types need @len equal to their size; a STRING is stored up to its first
 * NUL, which must lie within @len bytes; BINARY may be empty.  Storing the
 * same type and bytes again changes nothing and tells no tracker.
 * Returns 0, -EINVAL (bad key, type or length) or -ENOMEM. */
int cs_map_set(struct cs_map *map, const char *key, const void *value, size_t len,
	       enum cs_map_type type);

/* Read @key.  @type and @len (both may be NULL) receive its type and length.
 * With @value NULL only those are returned; otherwise *@len is the size of
 * the buffer at @value and must be at least the value's length, else
 * -ENOSPC is returned with *@len set to the length needed.  Returns 0,
 * -ENOENT, -EINVAL (bad key, or a buffer without @len) or -ENOSPC. */
int cs_map_get(const struct cs_map *map, const char *key, void *value, size_t *len,
	       enum cs_map_type *type);

/* Read @key into @out (@size bytes) if it has exactly @type.  Returns 0,
 * -ENOENT, or -EINVAL on a bad key or another type. */
int cs_map_get_typed(const struct cs_map *map, const char *key, void *out, size_t size,
		     enum cs_map_type type);

/* A malloc'd copy of the STRING at @key in *@out (caller frees).  Returns 0,
 * -ENOENT, -EINVAL (bad key, not a string) or -ENOMEM. */
int cs_map_get_string(const struct cs_map *map, const char *key, char **out);

/* Remove @key.  Returns 0, -ENOENT or -EINVAL (bad key). */
int cs_map_delete(struct cs_map *map, const char *key);

/* Add @step to the integer at @key, wrapping around at the type's limits
 * (as cmap does).  Returns 0, -ENOENT, or -EINVAL when the key is bad or
 * the value is not an integer. */
int cs_map_adjust_int(struct cs_map *map, const char *key, int32_t step);

/* Copy every key of @src that starts with @prefix (NULL: all keys) into
 * @dst, telling @dst's trackers.  Returns 0 or -ENOMEM (then only part of
 * the keys was copied). */
int cs_map_copy(struct cs_map *dst, const struct cs_map *src, const char *prefix);

/* Iterate over the keys starting with @prefix (NULL or "": all keys) in
 * sorted (strcmp) order.  The map may change during the iteration: each
 * step returns the smallest key greater than the previous one that is in
 * the map at that moment, so keys deleted ahead are skipped and keys added
 * ahead are returned, and no key is returned twice.  *@iter is freed with
 * cs_map_iter_free(), before the map.  Returns 0, -EINVAL (prefix longer
 * than a key) or -ENOMEM. */
int cs_map_iter_new(const struct cs_map *map, const char *prefix, struct cs_map_iter **iter);

/* The next key, or NULL at the end.  @len and @type (may be NULL) receive
 * its value's length and type.  The key stays valid until the next call. */
const char *cs_map_iter_next(struct cs_map_iter *iter, size_t *len, enum cs_map_type *type);

/* cs_map_iter_free(NULL) is a no-op. */
void cs_map_iter_free(struct cs_map_iter *iter);

/* Call @fn for the events in @flags (ADD, MODIFY, DELETE, any mix) on @key,
 * or on every key starting with @key when @flags has CS_MAP_TRACK_PREFIX (an
 * empty prefix tracks everything).  *@track identifies the tracker for
 * cs_map_track_delete(); the map owns it.  Trackers are called in the order
 * they were added; one added during a callback first hears of the next
 * change.  Returns 0, -EINVAL (bad key or flags) or -ENOMEM. */
int cs_map_track_add(struct cs_map *map, const char *key, int flags, cs_map_track_fn fn, void *data,
		     struct cs_map_track **track);

/* Stop and free @track; from a callback too, after which it is not called
 * again.  Returns 0 or -ENOENT when @track is not a live tracker of @map. */
int cs_map_track_delete(struct cs_map *map, struct cs_map_track *track);

/* Mark the keys starting with @prefix read-only (@ro true) or remove that
 * mark (@ro false; other prefixes stay).  The map does not enforce it: the
 * cmap service refuses clients' writes with cs_map_is_ro().  Returns 0,
 * -EINVAL (empty or invalid prefix) or -ENOMEM. */
int cs_map_set_ro(struct cs_map *map, const char *prefix, bool ro);

/* Whether @key lies under a read-only prefix. */
bool cs_map_is_ro(const struct cs_map *map, const char *key);

/* Typed setters: cs_map_set() with the type's size. */
static inline int cs_map_set_i8(struct cs_map *map, const char *key, int8_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_INT8);
}

static inline int cs_map_set_u8(struct cs_map *map, const char *key, uint8_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_UINT8);
}

static inline int cs_map_set_i16(struct cs_map *map, const char *key, int16_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_INT16);
}

static inline int cs_map_set_u16(struct cs_map *map, const char *key, uint16_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_UINT16);
}

static inline int cs_map_set_i32(struct cs_map *map, const char *key, int32_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_INT32);
}

static inline int cs_map_set_u32(struct cs_map *map, const char *key, uint32_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_UINT32);
}

static inline int cs_map_set_i64(struct cs_map *map, const char *key, int64_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_INT64);
}

static inline int cs_map_set_u64(struct cs_map *map, const char *key, uint64_t value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_UINT64);
}

static inline int cs_map_set_float(struct cs_map *map, const char *key, float value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_FLOAT);
}

static inline int cs_map_set_double(struct cs_map *map, const char *key, double value)
{
	return cs_map_set(map, key, &value, sizeof(value), CS_MAP_DOUBLE);
}

/* Returns -EINVAL for a NULL @value as well. */
int cs_map_set_string(struct cs_map *map, const char *key, const char *value);

/* Typed getters: cs_map_get_typed(), so the stored type must match. */
static inline int cs_map_get_i8(const struct cs_map *map, const char *key, int8_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_INT8);
}

static inline int cs_map_get_u8(const struct cs_map *map, const char *key, uint8_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_UINT8);
}

static inline int cs_map_get_i16(const struct cs_map *map, const char *key, int16_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_INT16);
}

static inline int cs_map_get_u16(const struct cs_map *map, const char *key, uint16_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_UINT16);
}

static inline int cs_map_get_i32(const struct cs_map *map, const char *key, int32_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_INT32);
}

static inline int cs_map_get_u32(const struct cs_map *map, const char *key, uint32_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_UINT32);
}

static inline int cs_map_get_i64(const struct cs_map *map, const char *key, int64_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_INT64);
}

static inline int cs_map_get_u64(const struct cs_map *map, const char *key, uint64_t *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_UINT64);
}

static inline int cs_map_get_float(const struct cs_map *map, const char *key, float *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_FLOAT);
}

static inline int cs_map_get_double(const struct cs_map *map, const char *key, double *value)
{
	return cs_map_get_typed(map, key, value, sizeof(*value), CS_MAP_DOUBLE);
}

#endif /* CS_MAP_H */
