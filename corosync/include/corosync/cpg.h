/*
 * libcpg: closed process groups.
 *
 * A process joins a named group and then multicasts messages that every
 * member of the group, itself included, receives in the same total order,
 * along with configuration changes (members joining, leaving, failing).
 *
 * This is part of the public client API: types, constants and prototypes
 * are those of corosync 3.x libcpg, so programs written for it compile and
 * link against this library unchanged.
 *
 * Threads: every call may be made from any thread.  Callbacks run in the
 * thread that calls cpg_dispatch(), with no library lock held, so they may
 * call any cpg function (cpg_finalize() included).
 */
#ifndef COROSYNC_CPG_H_DEFINED
#define COROSYNC_CPG_H_DEFINED

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <corosync/corotypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A connection to the cpg service; 0 is never a valid handle. */
typedef uint64_t cpg_handle_t;

/** A walk over the groups known to the cluster (cpg_iteration_*). */
typedef uint64_t cpg_iteration_handle_t;

/** Delivery guarantee of a multicast; every one is delivered as AGREED. */
typedef enum { CPG_TYPE_UNORDERED, CPG_TYPE_FIFO, CPG_TYPE_AGREED, CPG_TYPE_SAFE } cpg_guarantee_t;

/** Kept for compatibility: flow control is always reported DISABLED. */
typedef enum { CPG_FLOW_CONTROL_DISABLED, CPG_FLOW_CONTROL_ENABLED } cpg_flow_control_state_t;

/** Why a process appears in a configuration change. */
typedef enum {
	CPG_REASON_UNDEFINED = 0,
	CPG_REASON_JOIN = 1,     /**< called cpg_join() */
	CPG_REASON_LEAVE = 2,    /**< called cpg_leave() */
	CPG_REASON_NODEDOWN = 3, /**< its node left the cluster */
	CPG_REASON_NODEUP = 4,   /**< its node joined the cluster */
	CPG_REASON_PROCDOWN = 5  /**< it disconnected without leaving */
} cpg_reason_t;

/** What cpg_iteration_next() walks over. */
typedef enum {
	CPG_ITERATION_NAME_ONLY = 1, /**< each group once, names only */
	CPG_ITERATION_ONE_GROUP = 2, /**< the members of one group */
	CPG_ITERATION_ALL = 3,       /**< every member of every group */
} cpg_iteration_type_t;

/** The callback model chosen at cpg_model_initialize(). */
typedef enum {
	CPG_MODEL_V1 = 1,
} cpg_model_t;

/** One process in a group. */
struct cpg_address {
	uint32_t nodeid;
	uint32_t pid;
	uint32_t reason; /**< a cpg_reason_t, in configuration changes */
};

#define CPG_MAX_NAME_LENGTH 128

/** A group name: @c length bytes of @c value, not NUL-terminated. */
struct cpg_name {
	uint32_t length;
	char value[CPG_MAX_NAME_LENGTH];
};

/** The most entries cpg_membership_get() stores. */
#define CPG_MEMBERS_MAX 128

/** One step of an iteration: a group and, except for NAME_ONLY, a member. */
struct cpg_iteration_description_t {
	struct cpg_name group;
	uint32_t nodeid;
	uint32_t pid;
};

/** A totem ring (membership) identifier. */
struct cpg_ring_id {
	uint32_t nodeid;
	uint64_t seq;
};

/**
 * A message multicast to the group: @p msg_len bytes from process @p pid on
 * node @p nodeid.  @p msg stays valid until the callback returns and may be
 * modified in place (for example to convert byte order).
 */
typedef void (*cpg_deliver_fn_t)(cpg_handle_t handle, const struct cpg_name *group_name,
				 uint32_t nodeid, uint32_t pid, void *msg, size_t msg_len);

/**
 * The membership of a group changed: @p member_list is the membership now,
 * @p left_list the processes that left (with the reason) and @p joined_list
 * those that joined.  The arrays are valid until the callback returns.
 */
typedef void (*cpg_confchg_fn_t)(cpg_handle_t handle, const struct cpg_name *group_name,
				 const struct cpg_address *member_list, size_t member_list_entries,
				 const struct cpg_address *left_list, size_t left_list_entries,
				 const struct cpg_address *joined_list, size_t joined_list_entries);

/**
 * The cluster membership (the totem ring) changed: @p member_list holds the
 * node ids of the new ring.  Model V1 only.
 */
typedef void (*cpg_totem_confchg_fn_t)(cpg_handle_t handle, struct cpg_ring_id ring_id,
				       uint32_t member_list_entries, const uint32_t *member_list);

/** Callbacks of cpg_initialize(); either may be NULL. */
typedef struct {
	cpg_deliver_fn_t cpg_deliver_fn;
	cpg_confchg_fn_t cpg_confchg_fn;
} cpg_callbacks_t;

/** The start of every model's data: which model it is. */
typedef struct {
	cpg_model_t model;
} cpg_model_data_t;

/** With model V1: after cpg_join(), deliver the current totem membership once. */
#define CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF 0x01

/** Data of model V1; each callback may be NULL. */
typedef struct {
	cpg_model_t model;
	cpg_deliver_fn_t cpg_deliver_fn;
	cpg_confchg_fn_t cpg_confchg_fn;
	cpg_totem_confchg_fn_t cpg_totem_confchg_fn;
	unsigned int flags; /**< CPG_MODEL_V1_* flags */
} cpg_model_v1_data_t;

/**
 * Connect to the cpg service with the deliver and confchg callbacks in
 * @p callbacks (copied; may be NULL).  On CS_OK *@p handle is valid until
 * cpg_finalize().  CS_ERR_TRY_AGAIN while the daemon is starting,
 * CS_ERR_LIBRARY when it is not running, CS_ERR_ACCESS when it refuses us.
 */
cs_error_t cpg_initialize(cpg_handle_t *handle, cpg_callbacks_t *callbacks);

/**
 * Like cpg_initialize() with a callback model: @p model must be
 * CPG_MODEL_V1 and @p model_data, when not NULL, point to a
 * cpg_model_v1_data_t (copied; unknown flags give CS_ERR_INVALID_PARAM).
 * @p context is what cpg_context_get() returns until changed.
 */
cs_error_t cpg_model_initialize(cpg_handle_t *handle, cpg_model_t model,
				cpg_model_data_t *model_data, void *context);

/**
 * Tell the daemon we are done and close the connection.  The handle is
 * invalid afterwards (CS_ERR_BAD_HANDLE); a cpg_dispatch() running in
 * another thread or in a callback returns CS_ERR_BAD_HANDLE.  Groups still
 * joined see this process leave with reason CPG_REASON_PROCDOWN.
 */
cs_error_t cpg_finalize(cpg_handle_t handle);

/**
 * The file descriptor to poll for POLLIN before calling cpg_dispatch().  It
 * belongs to the connection: do not read from it or close it.
 */
cs_error_t cpg_fd_get(cpg_handle_t handle, int *fd);

/**
 * The largest message cpg_mcast_joined() sends in one piece; longer ones are
 * sent in fragments and reassembled by the receiving library.
 */
cs_error_t cpg_max_atomic_msgsize_get(cpg_handle_t handle, uint32_t *size);

/** The context pointer of the handle (NULL unless set). */
cs_error_t cpg_context_get(cpg_handle_t handle, void **context);

/** Set the context pointer of the handle. */
cs_error_t cpg_context_set(cpg_handle_t handle, void *context);

/**
 * Receive events and call the callbacks, as @p dispatch_types says (see
 * cs_dispatch_flags_t).  CS_ERR_LIBRARY when the daemon has gone away.
 */
cs_error_t cpg_dispatch(cpg_handle_t handle, cs_dispatch_flags_t dispatch_types);

/**
 * Join @p group.  CS_OK means the request was accepted; the membership
 * changes when the confchg callback reports it.  A connection joins one
 * group, and a process joins a group once: CS_ERR_EXIST if this connection
 * has joined a group or has left @p group, or another connection of this
 * process is in @p group.  CS_ERR_TRY_AGAIN while a leave of this process
 * from @p group is still on its way.  CS_ERR_BUSY (after retrying for ten
 * seconds) on a connection that has left another group: corosync 3.1.7 never
 * lets such a connection join again.  CS_ERR_NAME_TOO_LONG.
 */
cs_error_t cpg_join(cpg_handle_t handle, const struct cpg_name *group);

/**
 * Leave @p group.  The confchg callback reports it, to this process too.
 * CS_ERR_NOT_EXIST if not joined.
 */
cs_error_t cpg_leave(cpg_handle_t handle, const struct cpg_name *group);

/**
 * Multicast the concatenation of @p iovec[0..@p iov_len) to the joined
 * group.  Returns without waiting for delivery; the sender receives its
 * own message too.  CS_ERR_TRY_AGAIN when the daemon is congested: call
 * cpg_dispatch() and send again later.  A message longer than
 * cpg_max_atomic_msgsize_get() goes in fragments, each acknowledged by the
 * daemon: CS_ERR_NOT_EXIST when not joined, CS_ERR_INTERRUPT when the
 * membership changed in the middle (the receivers drop the part they got;
 * send it again).  A short message sent while not joined is dropped by the
 * daemon without a word.
 */
cs_error_t cpg_mcast_joined(cpg_handle_t handle, cpg_guarantee_t guarantee,
			    const struct iovec *iovec, unsigned int iov_len);

/**
 * The current members of @p groupName.  At most CPG_MEMBERS_MAX entries are
 * stored in @p member_list; *@p member_list_entries is set to their number.
 */
cs_error_t cpg_membership_get(cpg_handle_t handle, struct cpg_name *groupName,
			      struct cpg_address *member_list, int *member_list_entries);

/** The node id of the node this process runs on. */
cs_error_t cpg_local_get(cpg_handle_t handle, unsigned int *local_nodeid);

/** Always reports CPG_FLOW_CONTROL_DISABLED, as corosync 3 does. */
cs_error_t cpg_flow_control_state_get(cpg_handle_t handle,
				      cpg_flow_control_state_t *flow_control_enabled);

/**
 * Allocate a buffer of @p size bytes for cpg_zcb_mcast_joined().  Free it
 * with cpg_zcb_free(); cpg_finalize() frees the buffers left.
 */
cs_error_t cpg_zcb_alloc(cpg_handle_t handle, size_t size, void **buffer);

/** Free a buffer from cpg_zcb_alloc() on the same handle. */
cs_error_t cpg_zcb_free(cpg_handle_t handle, void *buffer);

/**
 * Multicast the first @p msg_len bytes of @p msg, a buffer from
 * cpg_zcb_alloc(); the buffer stays the caller's.  CS_ERR_TOO_BIG above one
 * IPC request (1 MiB).
 */
cs_error_t cpg_zcb_mcast_joined(cpg_handle_t handle, cpg_guarantee_t guarantee, void *msg,
				size_t msg_len);

/**
 * Start a walk over the groups of the cluster.  @p group must be given for
 * CPG_ITERATION_ONE_GROUP and only then.  Free the walk with
 * cpg_iteration_finalize(); cpg_finalize() frees the walks left.
 */
cs_error_t cpg_iteration_initialize(cpg_handle_t handle, cpg_iteration_type_t iteration_type,
				    const struct cpg_name *group,
				    cpg_iteration_handle_t *cpg_iteration_handle);

/** The next step of the walk; CS_ERR_NO_SECTIONS after the last one. */
cs_error_t cpg_iteration_next(cpg_iteration_handle_t handle,
			      struct cpg_iteration_description_t *description);

/** End the walk and free it. */
cs_error_t cpg_iteration_finalize(cpg_iteration_handle_t handle);

#ifdef __cplusplus
}
#endif

#endif /* COROSYNC_CPG_H_DEFINED */
