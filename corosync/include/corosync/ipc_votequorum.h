/*
 * The votequorum service's IPC messages (libqb service "votequorum",
 * corosync service 5), shared by the daemon and libvotequorum.  See
 * ipc_common.h for the headers and the alignment rule; every size and
 * offset is asserted at the end.
 *
 * Things the peers rely on:
 * - every request but GETINFO is answered with a bare STATUS response;
 * - the GETINFO reply packs its fields without 8-byte alignment;
 * - GETINFO of node 0 describes the quorum device;
 * - notifications carry the 64-bit context given at TRACKSTART.
 */
#ifndef COROSYNC_IPC_VOTEQUORUM_H
#define COROSYNC_IPC_VOTEQUORUM_H

#include <stdint.h>
#include <corosync/ipc_common.h>
#include <corosync/votequorum.h>

/* Request ids (header.id of requests, the daemon's handler index). */
enum req_votequorum_types {
	MESSAGE_REQ_VOTEQUORUM_GETINFO = 0,
	MESSAGE_REQ_VOTEQUORUM_SETEXPECTED = 1,
	MESSAGE_REQ_VOTEQUORUM_SETVOTES = 2,
	MESSAGE_REQ_VOTEQUORUM_TRACKSTART = 3,
	MESSAGE_REQ_VOTEQUORUM_TRACKSTOP = 4,
	MESSAGE_REQ_VOTEQUORUM_QDEVICE_REGISTER = 5,
	MESSAGE_REQ_VOTEQUORUM_QDEVICE_UNREGISTER = 6,
	MESSAGE_REQ_VOTEQUORUM_QDEVICE_UPDATE = 7,
	MESSAGE_REQ_VOTEQUORUM_QDEVICE_POLL = 8,
	MESSAGE_REQ_VOTEQUORUM_QDEVICE_MASTER_WINS = 9,
};

/* Response and event ids. */
enum res_votequorum_types {
	MESSAGE_RES_VOTEQUORUM_STATUS = 0,
	MESSAGE_RES_VOTEQUORUM_GETINFO = 1,
	MESSAGE_RES_VOTEQUORUM_TRACKSTART = 2,
	MESSAGE_RES_VOTEQUORUM_QUORUM_NOTIFICATION = 3,
	MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION = 4,
	MESSAGE_RES_VOTEQUORUM_NODELIST_NOTIFICATION = 5,
};

struct mar_votequorum_ring_id {
	uint32_t nodeid __attribute__((aligned(8)));
	uint64_t seq __attribute__((aligned(8)));
};

/* A request with no arguments (TRACKSTOP). */
struct req_lib_votequorum_general {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

/* The reply to everything but GETINFO. */
struct res_lib_votequorum_status {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c nodeid 0: the quorum device. */
struct req_lib_votequorum_getinfo {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	int32_t nodeid;
};

struct res_lib_votequorum_getinfo {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t nodeid;
	uint32_t state;
	uint32_t votes;
	uint32_t expected_votes;
	uint32_t highest_expected;
	uint32_t total_votes;
	uint32_t quorum;
	uint32_t flags;
	uint32_t qdevice_votes;
	char qdevice_name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
};

struct req_lib_votequorum_setexpected {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t expected_votes;
};

struct req_lib_votequorum_setvotes {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t votes;
	int32_t nodeid;
};

struct req_lib_votequorum_trackstart {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint64_t context __attribute__((aligned(8)));
	uint32_t track_flags;
};

struct req_lib_votequorum_qdevice_register {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	char name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
};

struct req_lib_votequorum_qdevice_unregister {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	char name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
};

struct req_lib_votequorum_qdevice_update {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	char oldname[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
	char newname[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
};

struct req_lib_votequorum_qdevice_poll {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	char name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
	int32_t cast_vote;
	struct mar_votequorum_ring_id ring_id __attribute__((aligned(8)));
};

struct req_lib_votequorum_qdevice_master_wins {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	char name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
	uint32_t allow;
};

/* An entry of the quorum notification (same layout as votequorum_node_t). */
struct votequorum_node {
	uint32_t nodeid;
	uint32_t state;
};

struct res_lib_votequorum_quorum_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	int32_t quorate;
	uint64_t context __attribute__((aligned(8)));
	uint32_t node_list_entries;
	struct votequorum_node node_list[] __attribute__((aligned(8)));
};

struct res_lib_votequorum_nodelist_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t context __attribute__((aligned(8)));
	struct mar_votequorum_ring_id ring_id __attribute__((aligned(8)));
	uint32_t node_list_entries;
	uint32_t node_list[] __attribute__((aligned(8)));
};

struct res_lib_votequorum_expectedvotes_notification {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint64_t context __attribute__((aligned(8)));
	uint32_t expected_votes;
};

/* corosync 3.1.7 on x86-64, measured. */
#if defined(__x86_64__)
#define VQ_ASSERT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "size of " #type)
#define VQ_ASSERT_AT(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), "offset of " #type "." #field)
VQ_ASSERT_SIZE(struct mar_votequorum_ring_id, 16);
VQ_ASSERT_AT(struct mar_votequorum_ring_id, seq, 8);
VQ_ASSERT_SIZE(struct res_lib_votequorum_status, 24);
VQ_ASSERT_SIZE(struct req_lib_votequorum_getinfo, 24);
VQ_ASSERT_AT(struct req_lib_votequorum_getinfo, nodeid, 16);
VQ_ASSERT_SIZE(struct res_lib_votequorum_getinfo, 320);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, nodeid, 24);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, state, 28);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, votes, 32);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, expected_votes, 36);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, highest_expected, 40);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, total_votes, 44);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, quorum, 48);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, flags, 52);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, qdevice_votes, 56);
VQ_ASSERT_AT(struct res_lib_votequorum_getinfo, qdevice_name, 60);
VQ_ASSERT_SIZE(struct req_lib_votequorum_setexpected, 24);
VQ_ASSERT_AT(struct req_lib_votequorum_setexpected, expected_votes, 16);
VQ_ASSERT_SIZE(struct req_lib_votequorum_setvotes, 24);
VQ_ASSERT_AT(struct req_lib_votequorum_setvotes, votes, 16);
VQ_ASSERT_AT(struct req_lib_votequorum_setvotes, nodeid, 20);
VQ_ASSERT_SIZE(struct req_lib_votequorum_trackstart, 32);
VQ_ASSERT_AT(struct req_lib_votequorum_trackstart, context, 16);
VQ_ASSERT_AT(struct req_lib_votequorum_trackstart, track_flags, 24);
VQ_ASSERT_SIZE(struct req_lib_votequorum_qdevice_register, 272);
VQ_ASSERT_AT(struct req_lib_votequorum_qdevice_register, name, 16);
VQ_ASSERT_SIZE(struct req_lib_votequorum_qdevice_update, 528);
VQ_ASSERT_AT(struct req_lib_votequorum_qdevice_update, newname, 271);
VQ_ASSERT_SIZE(struct req_lib_votequorum_qdevice_poll, 296);
VQ_ASSERT_AT(struct req_lib_votequorum_qdevice_poll, cast_vote, 272);
VQ_ASSERT_AT(struct req_lib_votequorum_qdevice_poll, ring_id, 280);
VQ_ASSERT_SIZE(struct req_lib_votequorum_qdevice_master_wins, 280);
VQ_ASSERT_AT(struct req_lib_votequorum_qdevice_master_wins, allow, 272);
VQ_ASSERT_SIZE(struct votequorum_node, 8);
VQ_ASSERT_SIZE(struct res_lib_votequorum_quorum_notification, 48);
VQ_ASSERT_AT(struct res_lib_votequorum_quorum_notification, quorate, 24);
VQ_ASSERT_AT(struct res_lib_votequorum_quorum_notification, context, 32);
VQ_ASSERT_AT(struct res_lib_votequorum_quorum_notification, node_list_entries, 40);
VQ_ASSERT_AT(struct res_lib_votequorum_quorum_notification, node_list, 48);
VQ_ASSERT_SIZE(struct res_lib_votequorum_nodelist_notification, 56);
VQ_ASSERT_AT(struct res_lib_votequorum_nodelist_notification, context, 24);
VQ_ASSERT_AT(struct res_lib_votequorum_nodelist_notification, ring_id, 32);
VQ_ASSERT_AT(struct res_lib_votequorum_nodelist_notification, node_list_entries, 48);
VQ_ASSERT_AT(struct res_lib_votequorum_nodelist_notification, node_list, 56);
VQ_ASSERT_SIZE(struct res_lib_votequorum_expectedvotes_notification, 40);
VQ_ASSERT_AT(struct res_lib_votequorum_expectedvotes_notification, context, 24);
VQ_ASSERT_AT(struct res_lib_votequorum_expectedvotes_notification, expected_votes, 32);
#undef VQ_ASSERT_SIZE
#undef VQ_ASSERT_AT
#endif

#endif /* COROSYNC_IPC_VOTEQUORUM_H */
