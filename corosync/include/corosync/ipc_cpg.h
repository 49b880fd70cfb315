/*
 * The cpg service's IPC messages (libqb service "cpg", corosync service 2),
 * shared by the daemon and libcpg.  See ipc_common.h for the headers and
 * the alignment rule; every size and offset below is asserted at the end.
 *
 * Quirks the peers rely on:
 * - MCAST gets no reply, and its header is a 24-byte response header
 *   (id and size sit where a request header has them);
 * - a message longer than the library's atomic size goes as PARTIAL_MCAST
 *   fragments, each answered with a bare PARTIAL_SEND response;
 * - the confchg event counts members, joined, left in that order, but its
 *   address array holds members, then left, then joined;
 * - the totem confchg event's size is sizeof(struct) + 4 * entries although
 *   its array starts 4 bytes before the end of the struct.
 */
#ifndef COROSYNC_IPC_CPG_H
#define COROSYNC_IPC_CPG_H

#include <stdint.h>
#include <string.h>
#include <corosync/cpg.h>
#include <corosync/ipc_common.h>

/* Length of the file name in the zero-copy requests. */
#define CPG_ZC_PATH_LEN 128

/* Request ids (header.id of requests, the daemon's handler index). */
enum req_cpg_types {
	MESSAGE_REQ_CPG_JOIN = 0,
	MESSAGE_REQ_CPG_LEAVE = 1,
	MESSAGE_REQ_CPG_MCAST = 2,
	MESSAGE_REQ_CPG_MEMBERSHIP = 3,
	MESSAGE_REQ_CPG_LOCAL_GET = 4,
	MESSAGE_REQ_CPG_ITERATIONINITIALIZE = 5,
	MESSAGE_REQ_CPG_ITERATIONNEXT = 6,
	MESSAGE_REQ_CPG_ITERATIONFINALIZE = 7,
	MESSAGE_REQ_CPG_FINALIZE = 8,
	MESSAGE_REQ_CPG_ZC_ALLOC = 9,
	MESSAGE_REQ_CPG_ZC_FREE = 10,
	MESSAGE_REQ_CPG_ZC_EXECUTE = 11,
	MESSAGE_REQ_CPG_PARTIAL_MCAST = 12,
};

/* Response and event ids. */
enum res_cpg_types {
	MESSAGE_RES_CPG_JOIN = 0,
	MESSAGE_RES_CPG_LEAVE = 1,
	MESSAGE_RES_CPG_MCAST = 2,
	MESSAGE_RES_CPG_MEMBERSHIP = 3,
	MESSAGE_RES_CPG_CONFCHG_CALLBACK = 4,
	MESSAGE_RES_CPG_DELIVER_CALLBACK = 5,
	MESSAGE_RES_CPG_FLOW_CONTROL_STATE_SET = 6,
	MESSAGE_RES_CPG_LOCAL_GET = 7,
	MESSAGE_RES_CPG_FLOWCONTROL_CALLBACK = 8,
	MESSAGE_RES_CPG_ITERATIONINITIALIZE = 9,
	MESSAGE_RES_CPG_ITERATIONNEXT = 10,
	MESSAGE_RES_CPG_ITERATIONFINALIZE = 11,
	MESSAGE_RES_CPG_FINALIZE = 12,
	MESSAGE_RES_CPG_TOTEM_CONFCHG_CALLBACK = 13,
	MESSAGE_RES_CPG_ZC_ALLOC = 14,
	MESSAGE_RES_CPG_ZC_FREE = 15,
	MESSAGE_RES_CPG_ZC_EXECUTE = 16,
	MESSAGE_RES_CPG_PARTIAL_DELIVER_CALLBACK = 17,
	MESSAGE_RES_CPG_PARTIAL_SEND = 18,
};

/* Reasons in confchg addresses (same values as cpg_reason_t). */
enum lib_cpg_confchg_reason {
	CONFCHG_CPG_REASON_JOIN = 1,
	CONFCHG_CPG_REASON_LEAVE = 2,
	CONFCHG_CPG_REASON_NODEDOWN = 3,
	CONFCHG_CPG_REASON_NODEUP = 4,
	CONFCHG_CPG_REASON_PROCDOWN = 5
};

/* Position of a fragment in a PARTIAL_MCAST / PARTIAL_DELIVER stream. */
enum lib_cpg_partial_types {
	LIBCPG_PARTIAL_FIRST = 1,
	LIBCPG_PARTIAL_CONTINUED = 2,
	LIBCPG_PARTIAL_LAST = 3,
};

/* A group name on the wire; compared by length, then bytes. */
typedef struct {
	uint32_t length __attribute__((aligned(8)));
	char value[CPG_MAX_NAME_LENGTH] __attribute__((aligned(8)));
} mar_cpg_name_t;

typedef struct {
	uint32_t nodeid __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint32_t reason __attribute__((aligned(8)));
} mar_cpg_address_t;

typedef struct {
	uint32_t nodeid __attribute__((aligned(8)));
	uint64_t seq __attribute__((aligned(8)));
} mar_cpg_ring_id_t;

/* Unlike the rest, nodeid and pid here are not 8-byte aligned. */
typedef struct {
	mar_cpg_name_t group;
	uint32_t nodeid;
	uint32_t pid;
} mar_cpg_iteration_description_t;

struct req_lib_cpg_join {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint32_t flags __attribute__((aligned(8))); /* CPG_MODEL_V1_* flags */
};

struct res_lib_cpg_join {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cpg_leave {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
};

struct res_lib_cpg_leave {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cpg_finalize {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cpg_finalize {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cpg_local_get {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cpg_local_get {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t local_nodeid __attribute__((aligned(8)));
};

/* No reply.  The header is a response header (see the top of the file). */
struct req_lib_cpg_mcast {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t guarantee __attribute__((aligned(8)));
	uint32_t msglen __attribute__((aligned(8)));
	uint8_t message[] __attribute__((aligned(8)));
};

/* Never sent by corosync 3 (mcast has no reply); kept for the id. */
struct res_lib_cpg_mcast {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* One fragment: @c msglen is the whole message, @c fraglen this piece. */
struct req_lib_cpg_partial_mcast {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t guarantee __attribute__((aligned(8)));
	uint32_t msglen __attribute__((aligned(8)));
	uint32_t fraglen __attribute__((aligned(8)));
	uint32_t type __attribute__((aligned(8))); /* enum lib_cpg_partial_types */
	uint8_t message[] __attribute__((aligned(8)));
};

struct res_lib_cpg_partial_send {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct res_lib_cpg_deliver_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t msglen __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint8_t message[] __attribute__((aligned(8)));
};

struct res_lib_cpg_partial_deliver_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t msglen __attribute__((aligned(8)));
	uint32_t fraglen __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint32_t type __attribute__((aligned(8)));
	uint8_t message[] __attribute__((aligned(8)));
};

/* Defined but never sent by corosync 3. */
struct res_lib_cpg_flowcontrol_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t flow_control_state __attribute__((aligned(8)));
};

struct req_lib_cpg_membership_get {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
};

/* Always the full size, whatever member_count is. */
struct res_lib_cpg_membership_get {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t member_count __attribute__((aligned(8)));
	mar_cpg_address_t member_list[PROCESSOR_COUNT_MAX];
};

/* member_list holds member_list_entries members, then left_list_entries
 * left, then joined_list_entries joined addresses. */
struct res_lib_cpg_confchg_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t member_list_entries __attribute__((aligned(8)));
	uint32_t joined_list_entries __attribute__((aligned(8)));
	uint32_t left_list_entries __attribute__((aligned(8)));
	mar_cpg_address_t member_list[];
};

struct res_lib_cpg_totem_confchg_callback {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_cpg_ring_id_t ring_id __attribute__((aligned(8)));
	uint32_t member_list_entries __attribute__((aligned(8)));
	uint32_t member_list[];
};

struct req_lib_cpg_iterationinitialize {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group_name __attribute__((aligned(8)));
	uint32_t iteration_type __attribute__((aligned(8)));
};

struct res_lib_cpg_iterationinitialize {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t iteration_handle __attribute__((aligned(8))); /* the daemon's */
};

struct req_lib_cpg_iterationnext {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t iteration_handle __attribute__((aligned(8)));
};

struct res_lib_cpg_iterationnext {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	mar_cpg_iteration_description_t description __attribute__((aligned(8)));
};

struct req_lib_cpg_iterationfinalize {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t iteration_handle __attribute__((aligned(8)));
};

struct res_lib_cpg_iterationfinalize {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* Zero-copy requests of corosync's libcpg (a file in /dev/shm mapped by
 * both sides).  Our libcpg does not send them; the layouts are here for the
 * daemon, which may meet corosync's own library. */
typedef struct {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	size_t map_size __attribute__((aligned(8)));
	char path_to_file[CPG_ZC_PATH_LEN] __attribute__((aligned(8)));
} mar_req_coroipcc_zc_alloc_t;

typedef struct {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	size_t map_size __attribute__((aligned(8)));
	uint64_t server_address __attribute__((aligned(8)));
} mar_req_coroipcc_zc_free_t;

typedef struct {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t server_address __attribute__((aligned(8)));
} mar_req_coroipcc_zc_execute_t;

/* Conversions between the API and wire forms.  The name's bytes past
 * @c length are zeroed so that nothing of the caller's memory travels. */
static inline void mar_cpg_name_from_api(mar_cpg_name_t *dest, const struct cpg_name *src)
{
	uint32_t len = src->length < CPG_MAX_NAME_LENGTH ? src->length : CPG_MAX_NAME_LENGTH;

	memset(dest, 0, sizeof(*dest));
	dest->length = src->length;
	memcpy(dest->value, src->value, len);
}

static inline void mar_cpg_name_to_api(struct cpg_name *dest, const mar_cpg_name_t *src)
{
	dest->length = src->length;
	memcpy(dest->value, src->value, CPG_MAX_NAME_LENGTH);
}

static inline void mar_cpg_address_to_api(struct cpg_address *dest, const mar_cpg_address_t *src)
{
	dest->nodeid = src->nodeid;
	dest->pid = src->pid;
	dest->reason = src->reason;
}

static inline void mar_cpg_address_from_api(mar_cpg_address_t *dest, const struct cpg_address *src)
{
	memset(dest, 0, sizeof(*dest));
	dest->nodeid = src->nodeid;
	dest->pid = src->pid;
	dest->reason = src->reason;
}

/* 0 when equal; otherwise the sign orders by length, then by bytes. */
static inline int mar_cpg_name_compare(const mar_cpg_name_t *a, const mar_cpg_name_t *b)
{
	if (a->length != b->length) {
		return a->length < b->length ? -1 : 1;
	}
	return memcmp(a->value, b->value,
		      a->length < CPG_MAX_NAME_LENGTH ? a->length : CPG_MAX_NAME_LENGTH);
}

/* corosync 3.1.7 on x86-64, measured. */
#if defined(__x86_64__)
#define CPG_ASSERT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "size of " #type)
#define CPG_ASSERT_AT(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), "offset of " #type "." #field)
CPG_ASSERT_SIZE(mar_cpg_name_t, 136);
CPG_ASSERT_AT(mar_cpg_name_t, value, 8);
CPG_ASSERT_SIZE(mar_cpg_address_t, 24);
CPG_ASSERT_AT(mar_cpg_address_t, pid, 8);
CPG_ASSERT_AT(mar_cpg_address_t, reason, 16);
CPG_ASSERT_SIZE(mar_cpg_ring_id_t, 16);
CPG_ASSERT_AT(mar_cpg_ring_id_t, seq, 8);
CPG_ASSERT_SIZE(mar_cpg_iteration_description_t, 144);
CPG_ASSERT_AT(mar_cpg_iteration_description_t, nodeid, 136);
CPG_ASSERT_AT(mar_cpg_iteration_description_t, pid, 140);
CPG_ASSERT_SIZE(struct req_lib_cpg_join, 168);
CPG_ASSERT_AT(struct req_lib_cpg_join, group_name, 16);
CPG_ASSERT_AT(struct req_lib_cpg_join, pid, 152);
CPG_ASSERT_AT(struct req_lib_cpg_join, flags, 160);
CPG_ASSERT_SIZE(struct res_lib_cpg_join, 24);
CPG_ASSERT_SIZE(struct req_lib_cpg_leave, 160);
CPG_ASSERT_AT(struct req_lib_cpg_leave, group_name, 16);
CPG_ASSERT_AT(struct req_lib_cpg_leave, pid, 152);
CPG_ASSERT_SIZE(struct req_lib_cpg_finalize, 16);
CPG_ASSERT_SIZE(struct req_lib_cpg_local_get, 16);
CPG_ASSERT_SIZE(struct res_lib_cpg_local_get, 32);
CPG_ASSERT_AT(struct res_lib_cpg_local_get, local_nodeid, 24);
CPG_ASSERT_SIZE(struct req_lib_cpg_mcast, 40);
CPG_ASSERT_AT(struct req_lib_cpg_mcast, guarantee, 24);
CPG_ASSERT_AT(struct req_lib_cpg_mcast, msglen, 32);
CPG_ASSERT_AT(struct req_lib_cpg_mcast, message, 40);
CPG_ASSERT_SIZE(struct req_lib_cpg_partial_mcast, 56);
CPG_ASSERT_AT(struct req_lib_cpg_partial_mcast, guarantee, 24);
CPG_ASSERT_AT(struct req_lib_cpg_partial_mcast, msglen, 32);
CPG_ASSERT_AT(struct req_lib_cpg_partial_mcast, fraglen, 40);
CPG_ASSERT_AT(struct req_lib_cpg_partial_mcast, type, 48);
CPG_ASSERT_AT(struct req_lib_cpg_partial_mcast, message, 56);
CPG_ASSERT_SIZE(struct res_lib_cpg_partial_send, 24);
CPG_ASSERT_SIZE(struct res_lib_cpg_deliver_callback, 184);
CPG_ASSERT_AT(struct res_lib_cpg_deliver_callback, group_name, 24);
CPG_ASSERT_AT(struct res_lib_cpg_deliver_callback, msglen, 160);
CPG_ASSERT_AT(struct res_lib_cpg_deliver_callback, nodeid, 168);
CPG_ASSERT_AT(struct res_lib_cpg_deliver_callback, pid, 176);
CPG_ASSERT_AT(struct res_lib_cpg_deliver_callback, message, 184);
CPG_ASSERT_SIZE(struct res_lib_cpg_partial_deliver_callback, 200);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, group_name, 24);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, msglen, 160);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, fraglen, 168);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, nodeid, 176);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, pid, 184);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, type, 192);
CPG_ASSERT_AT(struct res_lib_cpg_partial_deliver_callback, message, 200);
CPG_ASSERT_SIZE(struct res_lib_cpg_flowcontrol_callback, 32);
CPG_ASSERT_AT(struct res_lib_cpg_flowcontrol_callback, flow_control_state, 24);
CPG_ASSERT_SIZE(struct req_lib_cpg_membership_get, 152);
CPG_ASSERT_AT(struct req_lib_cpg_membership_get, group_name, 16);
CPG_ASSERT_SIZE(struct res_lib_cpg_membership_get, 9248);
CPG_ASSERT_AT(struct res_lib_cpg_membership_get, member_count, 24);
CPG_ASSERT_AT(struct res_lib_cpg_membership_get, member_list, 32);
CPG_ASSERT_SIZE(struct res_lib_cpg_confchg_callback, 184);
CPG_ASSERT_AT(struct res_lib_cpg_confchg_callback, group_name, 24);
CPG_ASSERT_AT(struct res_lib_cpg_confchg_callback, member_list_entries, 160);
CPG_ASSERT_AT(struct res_lib_cpg_confchg_callback, joined_list_entries, 168);
CPG_ASSERT_AT(struct res_lib_cpg_confchg_callback, left_list_entries, 176);
CPG_ASSERT_AT(struct res_lib_cpg_confchg_callback, member_list, 184);
CPG_ASSERT_SIZE(struct res_lib_cpg_totem_confchg_callback, 48);
CPG_ASSERT_AT(struct res_lib_cpg_totem_confchg_callback, ring_id, 24);
CPG_ASSERT_AT(struct res_lib_cpg_totem_confchg_callback, member_list_entries, 40);
CPG_ASSERT_AT(struct res_lib_cpg_totem_confchg_callback, member_list, 44);
CPG_ASSERT_SIZE(struct req_lib_cpg_iterationinitialize, 160);
CPG_ASSERT_AT(struct req_lib_cpg_iterationinitialize, group_name, 16);
CPG_ASSERT_AT(struct req_lib_cpg_iterationinitialize, iteration_type, 152);
CPG_ASSERT_SIZE(struct res_lib_cpg_iterationinitialize, 32);
CPG_ASSERT_AT(struct res_lib_cpg_iterationinitialize, iteration_handle, 24);
CPG_ASSERT_SIZE(struct req_lib_cpg_iterationnext, 24);
CPG_ASSERT_AT(struct req_lib_cpg_iterationnext, iteration_handle, 16);
CPG_ASSERT_SIZE(struct res_lib_cpg_iterationnext, 168);
CPG_ASSERT_AT(struct res_lib_cpg_iterationnext, description, 24);
CPG_ASSERT_SIZE(struct req_lib_cpg_iterationfinalize, 24);
CPG_ASSERT_AT(struct req_lib_cpg_iterationfinalize, iteration_handle, 16);
CPG_ASSERT_SIZE(struct res_lib_cpg_iterationfinalize, 24);
CPG_ASSERT_SIZE(mar_req_coroipcc_zc_alloc_t, 152);
CPG_ASSERT_AT(mar_req_coroipcc_zc_alloc_t, path_to_file, 24);
CPG_ASSERT_SIZE(mar_req_coroipcc_zc_free_t, 32);
CPG_ASSERT_SIZE(mar_req_coroipcc_zc_execute_t, 24);
#undef CPG_ASSERT_SIZE
#undef CPG_ASSERT_AT
#endif

#endif /* COROSYNC_IPC_CPG_H */
