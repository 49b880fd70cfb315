/*
 * The quorum service's IPC messages (libqb service "quorum", corosync
 * service 3), shared by the daemon and libquorum.  See ipc_common.h for the
 * headers and the alignment rule; every size and offset is asserted at the
 * end.
 *
 * Things the peers rely on:
 * - a V0 connection sends GETTYPE right after connecting, a V1 one
 *   MODEL_GETTYPE, which also tells the daemon which notifications the
 *   connection wants;
 * - in the three notifications the node id array starts 4 bytes before
 *   the end of the struct, but @c size is sizeof(struct) + 4 * entries, so
 *   4 slack bytes trail the array;
 * - the V1 node list carries members, then joined, then left node ids.
 */
#ifndef COROSYNC_IPC_QUORUM_H
#define COROSYNC_IPC_QUORUM_H

#include <stdint.h>
#include <corosync/ipc_common.h>

/* Request ids (header.id of requests, the daemon's handler index). */
enum req_quorum_types {
	MESSAGE_REQ_QUORUM_GETQUORATE = 0,
	MESSAGE_REQ_QUORUM_TRACKSTART = 1,
	MESSAGE_REQ_QUORUM_TRACKSTOP = 2,
	MESSAGE_REQ_QUORUM_GETTYPE = 3,
	MESSAGE_REQ_QUORUM_MODEL_GETTYPE = 4,
};

/* Response and event ids. */
enum res_quorum_types {
	MESSAGE_RES_QUORUM_GETQUORATE = 0,
	MESSAGE_RES_QUORUM_TRACKSTART = 1,
	MESSAGE_RES_QUORUM_TRACKSTOP = 2,
	MESSAGE_RES_QUORUM_NOTIFICATION = 3,
	MESSAGE_RES_QUORUM_GETTYPE = 4,
	MESSAGE_RES_QUORUM_MODEL_GETTYPE = 5,
	MESSAGE_RES_QUORUM_V1_QUORUM_NOTIFICATION = 6,
	MESSAGE_RES_QUORUM_V1_NODELIST_NOTIFICATION = 7,
};

typedef struct {
	uint32_t nodeid __attribute__((aligned(8)));
	uint64_t seq __attribute__((aligned(8)));
} mar_quorum_ring_id_t;

/* @c track_flags (CS_TRACK_*) is not 8-byte aligned, unlike most fields. */
struct req_lib_quorum_trackstart {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t track_flags;
};

struct res_lib_quorum_getquorate {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t quorate __attribute__((aligned(8)));
};

/* V0 notification. */
struct res_lib_quorum_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	int32_t quorate __attribute__((aligned(8)));
	uint64_t ring_seq __attribute__((aligned(8)));
	uint32_t view_list_entries __attribute__((aligned(8)));
	uint32_t view_list[];
};

struct res_lib_quorum_v1_quorum_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	int32_t quorate __attribute__((aligned(8)));
	mar_quorum_ring_id_t ring_id __attribute__((aligned(8)));
	uint32_t view_list_entries __attribute__((aligned(8)));
	uint32_t view_list[];
};

/* member_list holds member, then joined, then left node ids. */
struct res_lib_quorum_v1_nodelist_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_quorum_ring_id_t ring_id __attribute__((aligned(8)));
	uint32_t member_list_entries __attribute__((aligned(8)));
	uint32_t joined_list_entries __attribute__((aligned(8)));
	uint32_t left_list_entries __attribute__((aligned(8)));
	uint32_t member_list[];
};

/* @c quorum_type: QUORUM_SET or QUORUM_FREE. */
struct res_lib_quorum_gettype {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t quorum_type __attribute__((aligned(8)));
};

/* @c model: a quorum_model_t. */
struct req_lib_quorum_model_gettype {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t model __attribute__((aligned(8)));
};

struct res_lib_quorum_model_gettype {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t quorum_type __attribute__((aligned(8)));
};

/* corosync 3.1.7 on x86-64, measured. */
#if defined(__x86_64__)
#define QUORUM_ASSERT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "size of " #type)
#define QUORUM_ASSERT_AT(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), "offset of " #type "." #field)
QUORUM_ASSERT_SIZE(mar_quorum_ring_id_t, 16);
QUORUM_ASSERT_AT(mar_quorum_ring_id_t, seq, 8);
QUORUM_ASSERT_SIZE(struct req_lib_quorum_trackstart, 24);
QUORUM_ASSERT_AT(struct req_lib_quorum_trackstart, track_flags, 16);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_getquorate, 32);
QUORUM_ASSERT_AT(struct res_lib_quorum_getquorate, quorate, 24);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_notification, 48);
QUORUM_ASSERT_AT(struct res_lib_quorum_notification, quorate, 24);
QUORUM_ASSERT_AT(struct res_lib_quorum_notification, ring_seq, 32);
QUORUM_ASSERT_AT(struct res_lib_quorum_notification, view_list_entries, 40);
QUORUM_ASSERT_AT(struct res_lib_quorum_notification, view_list, 44);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_v1_quorum_notification, 56);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_quorum_notification, ring_id, 32);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_quorum_notification, view_list_entries, 48);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_quorum_notification, view_list, 52);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_v1_nodelist_notification, 64);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_nodelist_notification, ring_id, 24);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_nodelist_notification, member_list_entries, 40);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_nodelist_notification, joined_list_entries, 48);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_nodelist_notification, left_list_entries, 56);
QUORUM_ASSERT_AT(struct res_lib_quorum_v1_nodelist_notification, member_list, 60);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_gettype, 32);
QUORUM_ASSERT_AT(struct res_lib_quorum_gettype, quorum_type, 24);
QUORUM_ASSERT_SIZE(struct req_lib_quorum_model_gettype, 24);
QUORUM_ASSERT_AT(struct req_lib_quorum_model_gettype, model, 16);
QUORUM_ASSERT_SIZE(struct res_lib_quorum_model_gettype, 32);
QUORUM_ASSERT_AT(struct res_lib_quorum_model_gettype, quorum_type, 24);
#undef QUORUM_ASSERT_SIZE
#undef QUORUM_ASSERT_AT
#endif

#endif /* COROSYNC_IPC_QUORUM_H */
