/*
 * The cfg service's IPC messages (libqb service "cfg", corosync service 1),
 * shared by the daemon and libcfg.  See ipc_common.h for the headers and
 * the alignment rule; every size and offset is asserted at the end.
 *
 * Things the peers rely on:
 * - response ids are their own enum, not the request ids: LOCAL_GET (6) is
 *   answered with MESSAGE_RES_CFG_LOCAL_GET (12), and so on;
 * - TRYSHUTDOWN is answered only once the tracking clients have voted (or
 *   the vote timed out); each of them gets a TESTSHUTDOWN event and answers
 *   with REPLYTOSHUTDOWN;
 * - GET_NODE_ADDRS puts raw addresses of TOTEMIP_ADDRLEN (16) bytes after
 *   the struct, an IPv4 address in the first 4 bytes of its slot;
 * - the node status reply embeds the public struct
 *   corosync_cfg_node_status_v1 of cfg.h, which is not 8-byte aligned;
 * - the kill request carries a cs_name_t (no alignment inside), the kill
 *   exec message a mar_name_t.
 */
#ifndef COROSYNC_IPC_CFG_H
#define COROSYNC_IPC_CFG_H

#include <stdint.h>
#include <corosync/cfg.h>
#include <corosync/ipc_common.h>

/* The legacy ring status reply: fixed arrays of C strings. */
#define CFG_MAX_INTERFACES 16
#define CFG_INTERFACE_NAME_MAX_LEN 128
#define CFG_INTERFACE_STATUS_MAX_LEN 512

/* Request ids (header.id of requests, the daemon's handler index). */
enum req_lib_cfg_types {
	MESSAGE_REQ_CFG_RINGSTATUSGET = 0,
	MESSAGE_REQ_CFG_RINGREENABLE = 1,
	MESSAGE_REQ_CFG_KILLNODE = 2,
	MESSAGE_REQ_CFG_TRYSHUTDOWN = 3,
	MESSAGE_REQ_CFG_REPLYTOSHUTDOWN = 4,
	MESSAGE_REQ_CFG_GET_NODE_ADDRS = 5,
	MESSAGE_REQ_CFG_LOCAL_GET = 6,
	MESSAGE_REQ_CFG_RELOAD_CONFIG = 7,
	MESSAGE_REQ_CFG_REOPEN_LOG_FILES = 8,
	MESSAGE_REQ_CFG_NODESTATUSGET = 9,
	MESSAGE_REQ_CFG_TRACKSTART = 10,
	MESSAGE_REQ_CFG_TRACKSTOP = 11,
};

/* Response and event ids; 4 to 7 belong to requests corosync 3 dropped. */
enum res_lib_cfg_types {
	MESSAGE_RES_CFG_RINGSTATUSGET = 0,
	MESSAGE_RES_CFG_RINGREENABLE = 1,
	MESSAGE_RES_CFG_STATETRACKSTART = 2,
	MESSAGE_RES_CFG_STATETRACKSTOP = 3,
	MESSAGE_RES_CFG_ADMINISTRATIVESTATESET = 4,
	MESSAGE_RES_CFG_ADMINISTRATIVESTATEGET = 5,
	MESSAGE_RES_CFG_SERVICELOAD = 6,
	MESSAGE_RES_CFG_SERVICEUNLOAD = 7,
	MESSAGE_RES_CFG_KILLNODE = 8,
	MESSAGE_RES_CFG_TRYSHUTDOWN = 9,
	MESSAGE_RES_CFG_TESTSHUTDOWN = 10,
	MESSAGE_RES_CFG_GET_NODE_ADDRS = 11,
	MESSAGE_RES_CFG_LOCAL_GET = 12,
	MESSAGE_RES_CFG_REPLYTOSHUTDOWN = 13,
	MESSAGE_RES_CFG_RELOAD_CONFIG = 14,
	MESSAGE_RES_CFG_REOPEN_LOG_FILES = 15,
	MESSAGE_RES_CFG_NODESTATUSGET = 16,
};

struct req_lib_cfg_ringstatusget {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

/* interface_name[i] is "<link> <address>", interface_status[i] a text. */
struct res_lib_cfg_ringstatusget {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t interface_count __attribute__((aligned(8)));
	char interface_name[CFG_MAX_INTERFACES][CFG_INTERFACE_NAME_MAX_LEN]
		__attribute__((aligned(8)));
	char interface_status[CFG_MAX_INTERFACES][CFG_INTERFACE_STATUS_MAX_LEN]
		__attribute__((aligned(8)));
};

struct req_lib_cfg_ringreenable {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cfg_ringreenable {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c version: a corosync_cfg_node_status_version_t. */
struct req_lib_cfg_nodestatusget {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
	uint32_t version __attribute__((aligned(8)));
};

/* The version-independent start of every node status reply. */
struct res_lib_cfg_nodestatusget_version {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t version __attribute__((aligned(8)));
};

struct res_lib_cfg_nodestatusget_v1 {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	struct corosync_cfg_node_status_v1 node_status __attribute__((aligned(8)));
};

/* @c reason is the text logged by the node that is killed. */
struct req_lib_cfg_killnode {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
	cs_name_t reason __attribute__((aligned(8)));
};

struct res_lib_cfg_killnode {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c flags: a corosync_cfg_shutdown_flags_t. */
struct req_lib_cfg_tryshutdown {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t flags __attribute__((aligned(8)));
};

/* CS_OK: the daemon stops; CS_ERR_BUSY: a tracking client refused. */
struct res_lib_cfg_tryshutdown {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c response: a corosync_cfg_shutdown_reply_flags_t (0 no, 1 yes). */
struct req_lib_cfg_replytoshutdown {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t response __attribute__((aligned(8)));
};

struct res_lib_cfg_replytoshutdown {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* The event asking a tracking client for its vote; header.error is
 * CS_ERR_TIMEOUT when it tells that the vote ended without an answer. */
struct res_lib_cfg_testshutdown {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t flags __attribute__((aligned(8)));
};

/* @c nodeid 0 means the local node. */
struct req_lib_cfg_get_node_addrs {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t nodeid __attribute__((aligned(8)));
};

/* @c num_addrs slots of TOTEMIP_ADDRLEN bytes follow; @c family is AF_INET
 * or AF_INET6 for all of them.  num_addrs shares family's 8-byte slot. */
struct res_lib_cfg_get_node_addrs {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t family __attribute__((aligned(8)));
	uint32_t num_addrs;
	char addrs[][TOTEMIP_ADDRLEN];
};

struct req_lib_cfg_local_get {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cfg_local_get {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
	uint32_t local_nodeid __attribute__((aligned(8)));
};

struct req_lib_cfg_reload_config {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cfg_reload_config {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cfg_reopen_log_files {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cfg_reopen_log_files {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* @c track_flags is unused (libcfg sends what its caller passed). */
struct req_lib_cfg_trackstart {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint8_t track_flags __attribute__((aligned(8)));
};

struct res_lib_cfg_trackstart {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

struct req_lib_cfg_trackstop {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
};

struct res_lib_cfg_trackstop {
	struct qb_ipc_response_header header __attribute__((aligned(8)));
};

/* corosync 3.1.7 on x86-64, measured. */
#if defined(__x86_64__)
#define CFG_ASSERT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "size of " #type)
#define CFG_ASSERT_AT(type, field, n) \
	_Static_assert(offsetof(type, field) == (n), "offset of " #type "." #field)
CFG_ASSERT_SIZE(struct req_lib_cfg_ringstatusget, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_ringstatusget, 10272);
CFG_ASSERT_AT(struct res_lib_cfg_ringstatusget, interface_count, 24);
CFG_ASSERT_AT(struct res_lib_cfg_ringstatusget, interface_name, 32);
CFG_ASSERT_AT(struct res_lib_cfg_ringstatusget, interface_status, 2080);
CFG_ASSERT_SIZE(struct res_lib_cfg_ringreenable, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_nodestatusget, 32);
CFG_ASSERT_AT(struct req_lib_cfg_nodestatusget, nodeid, 16);
CFG_ASSERT_AT(struct req_lib_cfg_nodestatusget, version, 24);
CFG_ASSERT_AT(struct res_lib_cfg_nodestatusget_version, version, 24);
CFG_ASSERT_SIZE(struct corosync_knet_link_status_v1, 520);
CFG_ASSERT_AT(struct corosync_knet_link_status_v1, connected, 1);
CFG_ASSERT_AT(struct corosync_knet_link_status_v1, dynconnected, 2);
CFG_ASSERT_AT(struct corosync_knet_link_status_v1, mtu, 4);
CFG_ASSERT_AT(struct corosync_knet_link_status_v1, src_ipaddr, 8);
CFG_ASSERT_AT(struct corosync_knet_link_status_v1, dst_ipaddr, 264);
CFG_ASSERT_SIZE(struct corosync_cfg_node_status_v1, 4176);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, nodeid, 4);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, reachable, 8);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, remote, 9);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, external, 10);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, onwire_min, 11);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, onwire_max, 12);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, onwire_ver, 13);
CFG_ASSERT_AT(struct corosync_cfg_node_status_v1, link_status, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_nodestatusget_v1, 4200);
CFG_ASSERT_AT(struct res_lib_cfg_nodestatusget_v1, node_status, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_killnode, 288);
CFG_ASSERT_AT(struct req_lib_cfg_killnode, nodeid, 16);
CFG_ASSERT_AT(struct req_lib_cfg_killnode, reason, 24);
CFG_ASSERT_SIZE(struct res_lib_cfg_killnode, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_tryshutdown, 24);
CFG_ASSERT_AT(struct req_lib_cfg_tryshutdown, flags, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_tryshutdown, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_replytoshutdown, 24);
CFG_ASSERT_AT(struct req_lib_cfg_replytoshutdown, response, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_replytoshutdown, 24);
CFG_ASSERT_SIZE(struct res_lib_cfg_testshutdown, 32);
CFG_ASSERT_AT(struct res_lib_cfg_testshutdown, flags, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_get_node_addrs, 24);
CFG_ASSERT_AT(struct req_lib_cfg_get_node_addrs, nodeid, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_get_node_addrs, 32);
CFG_ASSERT_AT(struct res_lib_cfg_get_node_addrs, family, 24);
CFG_ASSERT_AT(struct res_lib_cfg_get_node_addrs, num_addrs, 28);
CFG_ASSERT_AT(struct res_lib_cfg_get_node_addrs, addrs, 32);
CFG_ASSERT_SIZE(struct req_lib_cfg_local_get, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_local_get, 32);
CFG_ASSERT_AT(struct res_lib_cfg_local_get, local_nodeid, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_reload_config, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_reload_config, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_reopen_log_files, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_reopen_log_files, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_trackstart, 24);
CFG_ASSERT_AT(struct req_lib_cfg_trackstart, track_flags, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_trackstart, 24);
CFG_ASSERT_SIZE(struct req_lib_cfg_trackstop, 16);
CFG_ASSERT_SIZE(struct res_lib_cfg_trackstop, 24);
#undef CFG_ASSERT_SIZE
#undef CFG_ASSERT_AT
#endif

#endif /* COROSYNC_IPC_CFG_H */
