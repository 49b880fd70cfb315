/*
 * The cmap service's IPC messages (libqb service "cmap", corosync service
 * 0), shared by the daemon and libcmap.  See ipc_common.h for the headers
 * and the alignment rule; every size and offset is asserted at the end.
 *
 * Things the peers rely on:
 * - key names travel as mar_name_t: @c length bytes, the rest of @c value
 *   zeroed, because the daemon reads @c value as a C string;
 * - GET with value_len 0 asks only for the type and length of a value
 *   (libcmap's cmap_get_string() first asks that, then for the value);
 *   the reply is 40 bytes plus the length asked for, and a string's length
 *   counts its NUL;
 * - the notify event carries the new value, then the old one, right after
 *   the struct; a missing value has type 0 and length 0;
 * - SET_CURRENT_MAP switches the connection between the configuration map
 *   (0) and the statistics map (1) for all later requests.
 */
#ifndef COROSYNC_IPC_CMAP_H
#define COROSYNC_IPC_CMAP_H

#include <stdint.h>
#include <corosync/ipc_common.h>

/* Request ids (header.id of requests, the daemon's handler index). */
enum req_cmap_types {
	MESSAGE_REQ_CMAP_SET = 0,
	MESSAGE_REQ_CMAP_DELETE = 1,
	MESSAGE_REQ_CMAP_GET = 2,
	MESSAGE_REQ_CMAP_ADJUST_INT = 3,
	MESSAGE_REQ_CMAP_ITER_INIT = 4,
	MESSAGE_REQ_CMAP_ITER_NEXT = 5,
	MESSAGE_REQ_CMAP_ITER_FINALIZE = 6,
	MESSAGE_REQ_CMAP_TRACK_ADD = 7,
	MESSAGE_REQ_CMAP_TRACK_DELETE = 8,
	MESSAGE_REQ_CMAP_SET_CURRENT_MAP = 9,
};

/* Response and event ids. */
enum res_cmap_types {
	MESSAGE_RES_CMAP_SET = 0,
	MESSAGE_RES_CMAP_DELETE = 1,
	MESSAGE_RES_CMAP_GET = 2,
	MESSAGE_RES_CMAP_ADJUST_INT = 3,
	MESSAGE_RES_CMAP_ITER_INIT = 4,
	MESSAGE_RES_CMAP_ITER_NEXT = 5,
	MESSAGE_RES_CMAP_ITER_FINALIZE = 6,
	MESSAGE_RES_CMAP_TRACK_ADD = 7,
	MESSAGE_RES_CMAP_TRACK_DELETE = 8,
	MESSAGE_RES_CMAP_NOTIFY_CALLBACK = 9,
	MESSAGE_RES_CMAP_SET_CURRENT_MAP = 10,
};

struct req_lib_cmap_set {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	uint64_t value_len __attribute__((aligned(8)));
	uint8_t type __attribute__((aligned(8))); /* cmap_value_types_t */
	uint8_t value[] __attribute__((aligned(8)));
};

struct res_lib_cmap_set {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cmap_delete {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
};

struct res_lib_cmap_delete {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c value_len: room the caller has for the value; 0 asks for no value. */
struct req_lib_cmap_get {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	uint64_t value_len __attribute__((aligned(8)));
};

/* @c value_len: the value's real length.  On an error only the header. */
struct res_lib_cmap_get {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t value_len __attribute__((aligned(8)));
	uint8_t type __attribute__((aligned(8)));
	uint8_t value[] __attribute__((aligned(8)));
};

struct req_lib_cmap_adjust_int {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	int32_t step __attribute__((aligned(8)));
};

struct res_lib_cmap_adjust_int {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* An empty prefix (length 0) walks the whole map. */
struct req_lib_cmap_iter_init {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t prefix __attribute__((aligned(8)));
};

struct res_lib_cmap_iter_init {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t iter_handle __attribute__((aligned(8))); /* the daemon's */
};

struct req_lib_cmap_iter_next {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t iter_handle __attribute__((aligned(8)));
};

/* CS_ERR_NO_SECTIONS once the walk is over. */
struct res_lib_cmap_iter_next {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	uint64_t value_len __attribute__((aligned(8)));
	uint8_t type __attribute__((aligned(8)));
};

struct req_lib_cmap_iter_finalize {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t iter_handle __attribute__((aligned(8)));
};

struct res_lib_cmap_iter_finalize {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c track_inst_handle is the library's cookie, sent back in every notify
 * event of this track; @c track_type a CMAP_TRACK_* bitmask. */
struct req_lib_cmap_track_add {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	int32_t track_type __attribute__((aligned(8)));
	uint64_t track_inst_handle __attribute__((aligned(8)));
};

struct res_lib_cmap_track_add {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t track_handle __attribute__((aligned(8))); /* the daemon's */
};

struct req_lib_cmap_track_delete {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t track_handle __attribute__((aligned(8)));
};

/* Hands back the cookie of the deleted track. */
struct res_lib_cmap_track_delete {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t track_inst_handle __attribute__((aligned(8)));
};

/* new_value_len bytes of the new value, then old_value_len of the old. */
struct res_lib_cmap_notify_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t track_inst_handle __attribute__((aligned(8)));
	mar_name_t key_name __attribute__((aligned(8)));
	int32_t event __attribute__((aligned(8))); /* one CMAP_TRACK_* bit */
	uint8_t new_value_type __attribute__((aligned(8)));
	uint8_t old_value_type __attribute__((aligned(8)));
	uint64_t new_value_len __attribute__((aligned(8)));
	uint64_t old_value_len __attribute__((aligned(8)));
	uint8_t new_value[] __attribute__((aligned(8)));
};

/* @c map: 0 configuration (icmap), 1 statistics (cmap_map_t). */
struct req_lib_cmap_set_current_map {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	int32_t map __attribute__((aligned(8)));
};

struct res_lib_cmap_set_current_map {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* corosync 3.1.7 on x86-64, measured. */
#if defined(__x86_64__)
#define CMAP_ASSERT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "size of " #type)
#define CMAP_ASSERT_AT(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), "offset of " #type "." #field)
CMAP_ASSERT_SIZE(struct req_lib_cmap_set, 296);
CMAP_ASSERT_AT(struct req_lib_cmap_set, key_name, 16);
CMAP_ASSERT_AT(struct req_lib_cmap_set, value_len, 280);
CMAP_ASSERT_AT(struct req_lib_cmap_set, type, 288);
CMAP_ASSERT_AT(struct req_lib_cmap_set, value, 296);
CMAP_ASSERT_SIZE(struct res_lib_cmap_set, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_delete, 280);
CMAP_ASSERT_AT(struct req_lib_cmap_delete, key_name, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_delete, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_get, 288);
CMAP_ASSERT_AT(struct req_lib_cmap_get, key_name, 16);
CMAP_ASSERT_AT(struct req_lib_cmap_get, value_len, 280);
CMAP_ASSERT_SIZE(struct res_lib_cmap_get, 40);
CMAP_ASSERT_AT(struct res_lib_cmap_get, value_len, 24);
CMAP_ASSERT_AT(struct res_lib_cmap_get, type, 32);
CMAP_ASSERT_AT(struct res_lib_cmap_get, value, 40);
CMAP_ASSERT_SIZE(struct req_lib_cmap_adjust_int, 288);
CMAP_ASSERT_AT(struct req_lib_cmap_adjust_int, step, 280);
CMAP_ASSERT_SIZE(struct res_lib_cmap_adjust_int, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_iter_init, 280);
CMAP_ASSERT_AT(struct req_lib_cmap_iter_init, prefix, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_iter_init, 32);
CMAP_ASSERT_AT(struct res_lib_cmap_iter_init, iter_handle, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_iter_next, 24);
CMAP_ASSERT_AT(struct req_lib_cmap_iter_next, iter_handle, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_iter_next, 304);
CMAP_ASSERT_AT(struct res_lib_cmap_iter_next, key_name, 24);
CMAP_ASSERT_AT(struct res_lib_cmap_iter_next, value_len, 288);
CMAP_ASSERT_AT(struct res_lib_cmap_iter_next, type, 296);
CMAP_ASSERT_SIZE(struct req_lib_cmap_iter_finalize, 24);
CMAP_ASSERT_AT(struct req_lib_cmap_iter_finalize, iter_handle, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_iter_finalize, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_track_add, 296);
CMAP_ASSERT_AT(struct req_lib_cmap_track_add, key_name, 16);
CMAP_ASSERT_AT(struct req_lib_cmap_track_add, track_type, 280);
CMAP_ASSERT_AT(struct req_lib_cmap_track_add, track_inst_handle, 288);
CMAP_ASSERT_SIZE(struct res_lib_cmap_track_add, 32);
CMAP_ASSERT_AT(struct res_lib_cmap_track_add, track_handle, 24);
CMAP_ASSERT_SIZE(struct req_lib_cmap_track_delete, 24);
CMAP_ASSERT_AT(struct req_lib_cmap_track_delete, track_handle, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_track_delete, 32);
CMAP_ASSERT_AT(struct res_lib_cmap_track_delete, track_inst_handle, 24);
CMAP_ASSERT_SIZE(struct res_lib_cmap_notify_callback, 336);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, track_inst_handle, 24);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, key_name, 32);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, event, 296);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, new_value_type, 304);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, old_value_type, 312);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, new_value_len, 320);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, old_value_len, 328);
CMAP_ASSERT_AT(struct res_lib_cmap_notify_callback, new_value, 336);
CMAP_ASSERT_SIZE(struct req_lib_cmap_set_current_map, 24);
CMAP_ASSERT_AT(struct req_lib_cmap_set_current_map, map, 16);
CMAP_ASSERT_SIZE(struct res_lib_cmap_set_current_map, 24);
#undef CMAP_ASSERT_SIZE
#undef CMAP_ASSERT_AT
#endif

#endif /* COROSYNC_IPC_CMAP_H */
