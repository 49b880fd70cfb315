/*
 * libvotequorum: the votes behind the cluster's quorum.
 *
 * Per-node votes and expected votes (read with votequorum_getinfo(),
 * changed with votequorum_setvotes() and votequorum_setexpected()),
 * notifications of quorum, membership and expected-votes changes, and the
 * calls a quorum device daemon (qdevice) uses to register and cast its vote.
 *
 * This is part of the public client API: types, constants and prototypes
 * are those of corosync 3.x libvotequorum, so programs written for it
 * compile and link against this library unchanged.
 *
 * Threads: every call may be made from any thread; callbacks run in the
 * thread that calls votequorum_dispatch().
 */
#ifndef COROSYNC_VOTEQUORUM_H_DEFINED
#define COROSYNC_VOTEQUORUM_H_DEFINED

#include <corosync/corotypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A connection to the votequorum service; 0 is never a valid handle. */
typedef uint64_t votequorum_handle_t;

/** Bits of votequorum_info.flags. */
#define VOTEQUORUM_INFO_TWONODE 1
#define VOTEQUORUM_INFO_QUORATE 2
#define VOTEQUORUM_INFO_WAIT_FOR_ALL 4
#define VOTEQUORUM_INFO_LAST_MAN_STANDING 8
#define VOTEQUORUM_INFO_AUTO_TIE_BREAKER 16
#define VOTEQUORUM_INFO_ALLOW_DOWNSCALE 32
#define VOTEQUORUM_INFO_QDEVICE_REGISTERED 64
#define VOTEQUORUM_INFO_QDEVICE_ALIVE 128
#define VOTEQUORUM_INFO_QDEVICE_CAST_VOTE 256
#define VOTEQUORUM_INFO_QDEVICE_MASTER_WINS 512

/** The node id that names the quorum device in votequorum_getinfo(). */
#define VOTEQUORUM_QDEVICE_NODEID 0
#define VOTEQUORUM_QDEVICE_MAX_NAME_LEN 255
/** Milliseconds. */
#define VOTEQUORUM_QDEVICE_DEFAULT_TIMEOUT 10000
#define VOTEQUORUM_QDEVICE_DEFAULT_SYNC_TIMEOUT 30000

/** Values of votequorum_info.node_state and votequorum_node_t.state. */
#define VOTEQUORUM_NODESTATE_MEMBER 1
#define VOTEQUORUM_NODESTATE_DEAD 2
#define VOTEQUORUM_NODESTATE_LEAVING 3

/** What votequorum_getinfo() reports about a node. */
struct votequorum_info {
	unsigned int node_id;
	unsigned int node_state;
	unsigned int node_votes;
	unsigned int node_expected_votes;
	unsigned int highest_expected;
	unsigned int total_votes;
	unsigned int quorum;
	unsigned int flags; /**< VOTEQUORUM_INFO_* bits */
	unsigned int qdevice_votes;
	char qdevice_name[VOTEQUORUM_QDEVICE_MAX_NAME_LEN];
};

/** A node and its VOTEQUORUM_NODESTATE_*. */
typedef struct {
	uint32_t nodeid;
	uint32_t state;
} votequorum_node_t;

/** A membership: the node that formed the ring and its sequence number. */
typedef struct {
	uint32_t nodeid;
	uint64_t seq;
} votequorum_ring_id_t;

/** The quorum state and the state of each of @p node_list_entries nodes. */
typedef void (*votequorum_quorum_notification_fn_t)(votequorum_handle_t handle, uint64_t context,
						    uint32_t quorate, uint32_t node_list_entries,
						    votequorum_node_t node_list[]);

/** A new membership and its @p node_list_entries members. */
typedef void (*votequorum_nodelist_notification_fn_t)(votequorum_handle_t handle, uint64_t context,
						      votequorum_ring_id_t ring_id,
						      uint32_t node_list_entries,
						      uint32_t node_list[]);

/** The cluster's expected votes changed. */
typedef void (*votequorum_expectedvotes_notification_fn_t)(votequorum_handle_t handle,
							   uint64_t context,
							   uint32_t expected_votes);

/** The callbacks of votequorum_initialize(); any may be NULL. */
typedef struct {
	votequorum_quorum_notification_fn_t votequorum_quorum_notify_fn;
	votequorum_expectedvotes_notification_fn_t votequorum_expectedvotes_notify_fn;
	votequorum_nodelist_notification_fn_t votequorum_nodelist_notify_fn;
} votequorum_callbacks_t;

/** Connect to the votequorum service; @p callbacks (may be NULL) is copied. */
cs_error_t votequorum_initialize(votequorum_handle_t *handle, votequorum_callbacks_t *callbacks);

/** Close the connection; the handle is invalid afterwards. */
cs_error_t votequorum_finalize(votequorum_handle_t handle);

/** Handle pending notifications as @p dispatch_types says. */
cs_error_t votequorum_dispatch(votequorum_handle_t handle, cs_dispatch_flags_t dispatch_types);

/** The descriptor to poll before votequorum_dispatch(); not to be closed. */
cs_error_t votequorum_fd_get(votequorum_handle_t handle, int *fd);

/**
 * What the local node knows about node @p nodeid; nodeid
 * VOTEQUORUM_QDEVICE_NODEID (0) asks about the quorum device, not the
 * local node.  CS_ERR_NOT_EXIST for an unknown node.
 */
cs_error_t votequorum_getinfo(votequorum_handle_t handle, unsigned int nodeid,
			      struct votequorum_info *info);

/**
 * Set the cluster's expected votes.  CS_ERR_INVALID_PARAM when below the
 * votes present, or when it would take quorum away.
 */
cs_error_t votequorum_setexpected(votequorum_handle_t handle, unsigned int expected_votes);

/** Give node @p nodeid (0: the local node) @p votes votes. */
cs_error_t votequorum_setvotes(votequorum_handle_t handle, unsigned int nodeid, unsigned int votes);

/**
 * Receive notifications (CS_TRACK_CURRENT, CS_TRACK_CHANGES,
 * CS_TRACK_CHANGES_ONLY), each carrying @p context.  CS_ERR_EXIST when
 * already tracking.
 */
cs_error_t votequorum_trackstart(votequorum_handle_t handle, uint64_t context, unsigned int flags);

/** Stop the notifications of votequorum_trackstart(). */
cs_error_t votequorum_trackstop(votequorum_handle_t handle);

/** The pointer given to votequorum_context_set() (NULL before). */
cs_error_t votequorum_context_get(votequorum_handle_t handle, void **context);

/** Attach an opaque pointer to the handle. */
cs_error_t votequorum_context_set(votequorum_handle_t handle, void *context);

/** Register the quorum device @p name; its vote counts once it is polled. */
cs_error_t votequorum_qdevice_register(votequorum_handle_t handle, const char *name);

/** Unregister the quorum device @p name. */
cs_error_t votequorum_qdevice_unregister(votequorum_handle_t handle, const char *name);

/** Rename the registered quorum device @p oldname to @p newname. */
cs_error_t votequorum_qdevice_update(votequorum_handle_t handle, const char *oldname,
				     const char *newname);

/**
 * Tell votequorum that quorum device @p name is alive and whether it casts
 * its vote (@p cast_vote) in the membership @p ring_id.
 */
cs_error_t votequorum_qdevice_poll(votequorum_handle_t handle, const char *name,
				   unsigned int cast_vote, votequorum_ring_id_t ring_id);

/** Let the quorum device @p name decide ties on its own (@p allow 1) or not. */
cs_error_t votequorum_qdevice_master_wins(votequorum_handle_t handle, const char *name,
					  unsigned int allow);

#ifdef __cplusplus
}
#endif

#endif /* COROSYNC_VOTEQUORUM_H_DEFINED */
