/*
 * libquorum: is the cluster quorate, and who is in it.
 *
 * A program asks once (quorum_getquorate()) or tracks changes
 * (quorum_trackstart()), receiving them through a notification callback
 * run by quorum_dispatch().  Two callback models exist: V0 (one callback
 * with the quorate flag, the ring sequence number and the members) and V1
 * (a quorum callback with the full ring id, plus a node list callback with
 * the members that joined and left).
 *
 * This is part of the public client API: types, constants and prototypes
 * are those of corosync 3.x libquorum, so programs written for it compile
 * and link against this library unchanged.
 *
 * Threads: every call may be made from any thread; callbacks run in the
 * thread that calls quorum_dispatch().
 */
#ifndef COROSYNC_QUORUM_H_DEFINED
#define COROSYNC_QUORUM_H_DEFINED

#include <corosync/corotypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The callback model chosen at quorum_model_initialize(). */
typedef enum {
	QUORUM_MODEL_V0 = 0,
	QUORUM_MODEL_V1 = 1,
} quorum_model_t;

/** A connection to the quorum service; 0 is never a valid handle. */
typedef uint64_t quorum_handle_t;

/** A membership: the node that formed the ring and its sequence number. */
struct quorum_ring_id {
	uint32_t nodeid;
	uint64_t seq;
};

/** V0: the quorum state and the @p view_list_entries members. */
typedef void (*quorum_notification_fn_t)(quorum_handle_t handle, uint32_t quorate,
					 uint64_t ring_seq, uint32_t view_list_entries,
					 uint32_t *view_list);

/** V1: the quorum state, the ring and its members. */
typedef void (*quorum_v1_quorum_notification_fn_t)(quorum_handle_t handle, uint32_t quorate,
						   struct quorum_ring_id ring_id,
						   uint32_t member_list_entries,
						   const uint32_t *member_list);

/** V1: a new membership, with the nodes that joined and left it. */
typedef void (*quorum_v1_nodelist_notification_fn_t)(
	quorum_handle_t handle, struct quorum_ring_id ring_id, uint32_t member_list_entries,
	const uint32_t *member_list, uint32_t joined_list_entries, const uint32_t *joined_list,
	uint32_t left_list_entries, const uint32_t *left_list);

/** The callbacks of quorum_initialize() (model V0). */
typedef struct {
	quorum_notification_fn_t quorum_notify_fn;
} quorum_callbacks_t;

/** The common head of the model data of quorum_model_initialize(). */
typedef struct {
	quorum_model_t model;
} quorum_model_data_t;

/** Model data for QUORUM_MODEL_V0. */
typedef struct {
	quorum_model_t model;
	quorum_notification_fn_t quorum_notify_fn;
} quorum_model_v0_data_t;

/** Model data for QUORUM_MODEL_V1. */
typedef struct {
	quorum_model_t model;
	quorum_v1_quorum_notification_fn_t quorum_notify_fn;
	quorum_v1_nodelist_notification_fn_t nodelist_notify_fn;
} quorum_model_v1_data_t;

/** The quorum_type reported at initialization: no provider configured... */
#define QUORUM_FREE 0
/** ...or one is (votequorum). */
#define QUORUM_SET 1

/**
 * Connect with model V0 and @p callbacks (copied; may be NULL), storing
 * QUORUM_SET or QUORUM_FREE in *@p quorum_type.
 */
cs_error_t quorum_initialize(quorum_handle_t *handle, quorum_callbacks_t *callbacks,
			     uint32_t *quorum_type);

/**
 * Connect with callback model @p model, whose data (a
 * quorum_model_v0_data_t or quorum_model_v1_data_t, copied; may be NULL)
 * is @p model_data.  @p context is returned by quorum_context_get().
 */
cs_error_t quorum_model_initialize(quorum_handle_t *handle, quorum_model_t model,
				   quorum_model_data_t *model_data, uint32_t *quorum_type,
				   void *context);

/** Close the connection; the handle is invalid afterwards. */
cs_error_t quorum_finalize(quorum_handle_t handle);

/** The descriptor to poll before quorum_dispatch(); not to be closed. */
cs_error_t quorum_fd_get(quorum_handle_t handle, int *fd);

/** Handle pending notifications as @p dispatch_types says. */
cs_error_t quorum_dispatch(quorum_handle_t handle, cs_dispatch_flags_t dispatch_types);

/** Store 1 in *@p quorate when the cluster is quorate, else 0. */
cs_error_t quorum_getquorate(quorum_handle_t handle, int *quorate);

/**
 * Receive notifications: CS_TRACK_CURRENT for the present state (once),
 * CS_TRACK_CHANGES or CS_TRACK_CHANGES_ONLY for every later change.
 * CS_ERR_EXIST when already tracking.
 */
cs_error_t quorum_trackstart(quorum_handle_t handle, unsigned int flags);

/** Stop the notifications of quorum_trackstart(). */
cs_error_t quorum_trackstop(quorum_handle_t handle);

/** Attach an opaque pointer to the handle. */
cs_error_t quorum_context_set(quorum_handle_t handle, const void *context);

/** The pointer given to quorum_context_set() or at initialization. */
cs_error_t quorum_context_get(quorum_handle_t handle, const void **context);

#ifdef __cplusplus
}
#endif

#endif /* COROSYNC_QUORUM_H_DEFINED */
