/*
 * libcmap: the daemon's configuration and runtime key/value map.
 *
 * Keys are dotted names ("totem.token", "nodelist.node.0.ring0_addr") of
 * CMAP_KEYNAME_MINLEN to CMAP_KEYNAME_MAXLEN characters; each holds one
 * typed value.  A program reads, writes, deletes and walks keys, and may
 * track changes to a key or a prefix through a callback run by
 * cmap_dispatch().  A second map, selected with cmap_initialize_map(),
 * holds statistics.
 *
 * This is part of the public client API: types, constants and prototypes
 * are those of corosync 3.x libcmap, so programs written for it compile
 * and link against this library unchanged.
 *
 * Threads: every call may be made from any thread; callbacks run in the
 * thread that calls cmap_dispatch().
 */
#ifndef COROSYNC_CMAP_H_DEFINED
#define COROSYNC_CMAP_H_DEFINED

#include <corosync/corotypes.h>
#include <corosync/hdb.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A connection to the cmap service; 0 is never a valid handle. */
typedef uint64_t cmap_handle_t;

/** A walk over keys (cmap_iter_*). */
typedef uint64_t cmap_iter_handle_t;

/** A tracking of changes (cmap_track_*). */
typedef uint64_t cmap_track_handle_t;

/** Longest key name, without its NUL. */
#define CMAP_KEYNAME_MAXLEN 255
/** Shortest key name. */
#define CMAP_KEYNAME_MINLEN 3

/** Changes a track may follow, and the event passed to its callback. */
#define CMAP_TRACK_ADD 4
#define CMAP_TRACK_DELETE 1
#define CMAP_TRACK_MODIFY 2

/**
 * At cmap_track_add() only: follow every key starting with the name given,
 * instead of that key alone.  Never passed to a callback.
 */
#define CMAP_TRACK_PREFIX 8

/** The type of a value.  BINARY is raw bytes of the length stored. */
typedef enum {
	CMAP_VALUETYPE_INT8 = 1,
	CMAP_VALUETYPE_UINT8 = 2,
	CMAP_VALUETYPE_INT16 = 3,
	CMAP_VALUETYPE_UINT16 = 4,
	CMAP_VALUETYPE_INT32 = 5,
	CMAP_VALUETYPE_UINT32 = 6,
	CMAP_VALUETYPE_INT64 = 7,
	CMAP_VALUETYPE_UINT64 = 8,
	CMAP_VALUETYPE_FLOAT = 9,
	CMAP_VALUETYPE_DOUBLE = 10,
	CMAP_VALUETYPE_STRING = 11,
	CMAP_VALUETYPE_BINARY = 12,
} cmap_value_types_t;

/** The maps of cmap_initialize_map(). */
typedef enum {
	CMAP_MAP_DEFAULT = 0,
	CMAP_MAP_ICMAP = 0, /**< configuration and runtime state */
	CMAP_MAP_STATS = 1, /**< statistics */
} cmap_map_t;

/**
 * A value passed to a notify callback: @c len bytes at @c data, of type
 * @c type.  A key that did not exist before (or no longer does) has type
 * 0 and length 0.  @c data is valid only during the callback.
 */
struct cmap_notify_value {
	cmap_value_types_t type;
	size_t len;
	const void *data;
};

/**
 * Called for a tracked change: @p event is one of CMAP_TRACK_ADD, _DELETE,
 * _MODIFY; @p user_data is the pointer given to cmap_track_add().
 */
typedef void (*cmap_notify_fn_t)(cmap_handle_t cmap_handle, cmap_track_handle_t cmap_track_handle,
				 int32_t event, const char *key_name,
				 struct cmap_notify_value new_value,
				 struct cmap_notify_value old_value, void *user_data);

/** Connect to the configuration map. */
extern cs_error_t cmap_initialize(cmap_handle_t *handle);

/** Connect to map @p map (CMAP_MAP_ICMAP or CMAP_MAP_STATS). */
extern cs_error_t cmap_initialize_map(cmap_handle_t *handle, cmap_map_t map);

/** Close the connection, with its tracks; the handle is invalid afterwards. */
extern cs_error_t cmap_finalize(cmap_handle_t handle);

/** The descriptor to poll before cmap_dispatch(); not to be closed. */
extern cs_error_t cmap_fd_get(cmap_handle_t handle, int *fd);

/** Handle pending change notifications as @p dispatch_types says. */
extern cs_error_t cmap_dispatch(cmap_handle_t handle, cs_dispatch_flags_t dispatch_types);

/** The pointer given to cmap_context_set() (NULL before). */
extern cs_error_t cmap_context_get(cmap_handle_t handle, const void **context);

/** Attach an opaque pointer to the handle. */
extern cs_error_t cmap_context_set(cmap_handle_t handle, const void *context);

/**
 * Store @p value_len bytes at @p value as key @p key_name, of type
 * @p type, creating the key if needed.  CS_ERR_ACCESS for read-only keys,
 * CS_ERR_NAME_TOO_LONG for a name that is too long or too short.
 */
extern cs_error_t cmap_set(cmap_handle_t handle, const char *key_name, const void *value,
			   size_t value_len, cmap_value_types_t type);

/* cmap_set() of one value of the type in the name. */
extern cs_error_t cmap_set_int8(cmap_handle_t handle, const char *key_name, int8_t value);
extern cs_error_t cmap_set_uint8(cmap_handle_t handle, const char *key_name, uint8_t value);
extern cs_error_t cmap_set_int16(cmap_handle_t handle, const char *key_name, int16_t value);
extern cs_error_t cmap_set_uint16(cmap_handle_t handle, const char *key_name, uint16_t value);
extern cs_error_t cmap_set_int32(cmap_handle_t handle, const char *key_name, int32_t value);
extern cs_error_t cmap_set_uint32(cmap_handle_t handle, const char *key_name, uint32_t value);
extern cs_error_t cmap_set_int64(cmap_handle_t handle, const char *key_name, int64_t value);
extern cs_error_t cmap_set_uint64(cmap_handle_t handle, const char *key_name, uint64_t value);
extern cs_error_t cmap_set_float(cmap_handle_t handle, const char *key_name, float value);
extern cs_error_t cmap_set_double(cmap_handle_t handle, const char *key_name, double value);
extern cs_error_t cmap_set_string(cmap_handle_t handle, const char *key_name, const char *value);

/** Delete key @p key_name.  CS_ERR_NOT_EXIST if there is none. */
extern cs_error_t cmap_delete(cmap_handle_t handle, const char *key_name);

/**
 * Read key @p key_name.  With @p value NULL, only its length (in
 * *@p value_len) and type (in *@p type) are returned, either pointer may
 * be NULL.  Otherwise *@p value_len is the room at @p value on entry and
 * the value's length on return; CS_ERR_INVALID_PARAM when the value does
 * not fit.  A string's length counts its NUL.
 */
extern cs_error_t cmap_get(cmap_handle_t handle, const char *key_name, void *value,
			   size_t *value_len, cmap_value_types_t *type);

/* cmap_get() of a value that must have the type in the name
 * (CS_ERR_INVALID_PARAM otherwise). */
extern cs_error_t cmap_get_int8(cmap_handle_t handle, const char *key_name, int8_t *i8);
extern cs_error_t cmap_get_uint8(cmap_handle_t handle, const char *key_name, uint8_t *u8);
extern cs_error_t cmap_get_int16(cmap_handle_t handle, const char *key_name, int16_t *i16);
extern cs_error_t cmap_get_uint16(cmap_handle_t handle, const char *key_name, uint16_t *u16);
extern cs_error_t cmap_get_int32(cmap_handle_t handle, const char *key_name, int32_t *i32);
extern cs_error_t cmap_get_uint32(cmap_handle_t handle, const char *key_name, uint32_t *u32);
extern cs_error_t cmap_get_int64(cmap_handle_t handle, const char *key_name, int64_t *i64);
extern cs_error_t cmap_get_uint64(cmap_handle_t handle, const char *key_name, uint64_t *u64);
extern cs_error_t cmap_get_float(cmap_handle_t handle, const char *key_name, float *flt);
extern cs_error_t cmap_get_double(cmap_handle_t handle, const char *key_name, double *dbl);

/**
 * Read the string key @p key_name into *@p str, allocated with malloc():
 * the caller frees it.  CS_ERR_INVALID_PARAM when the key is not a string.
 */
extern cs_error_t cmap_get_string(cmap_handle_t handle, const char *key_name, char **str);

/** Add 1 to the integer key @p key_name. */
extern cs_error_t cmap_inc(cmap_handle_t handle, const char *key_name);

/** Subtract 1 from the integer key @p key_name. */
extern cs_error_t cmap_dec(cmap_handle_t handle, const char *key_name);

/**
 * Start a walk, in key order, over the keys starting with @p prefix (NULL
 * or "": all keys).  End it with cmap_iter_finalize().
 */
extern cs_error_t cmap_iter_init(cmap_handle_t handle, const char *prefix,
				 cmap_iter_handle_t *cmap_iter_handle);

/**
 * The next key of the walk: its name in @p key_name (room for
 * CMAP_KEYNAME_MAXLEN + 1 bytes, always NUL-terminated) and, where the
 * pointers are not NULL, its length and type.  CS_ERR_NO_SECTIONS at the
 * end.
 */
extern cs_error_t cmap_iter_next(cmap_handle_t handle, cmap_iter_handle_t iter_handle,
				 char key_name[], size_t *value_len, cmap_value_types_t *type);

/** End a walk started by cmap_iter_init(). */
extern cs_error_t cmap_iter_finalize(cmap_handle_t handle, cmap_iter_handle_t iter_handle);

/**
 * Call @p notify_fn with @p user_data for the changes in @p track_type
 * (CMAP_TRACK_* bits) to @p key_name, or to every key under it with
 * CMAP_TRACK_PREFIX.  The track's handle goes to *@p cmap_track_handle.
 */
extern cs_error_t cmap_track_add(cmap_handle_t handle, const char *key_name, int32_t track_type,
				 cmap_notify_fn_t notify_fn, void *user_data,
				 cmap_track_handle_t *cmap_track_handle);

/** Stop a track started by cmap_track_add(). */
extern cs_error_t cmap_track_delete(cmap_handle_t handle, cmap_track_handle_t track_handle);

#ifdef __cplusplus
}
#endif

#endif /* COROSYNC_CMAP_H_DEFINED */
