/*
 * The dispatch loop every client library shares: receive the daemon's
 * events on a connection and hand each to the library's handler for its
 * id, as the cs_dispatch_flags_t of a *_dispatch() call says.
 *
 * Functions return 0 or a negative errno; the library turns that into its
 * cs_error_t (qb_to_cs_error()) at its public edge.
 */
#ifndef CS_DISPATCH_H
#define CS_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#include "cs_ipc.h"

/* Handles one event of @size bytes for the library instance @inst behind
 * @handle.  0 or -errno. */
typedef int (*cs_event_fn)(void *inst, uint64_t handle, void *event, size_t size);

/* One event id of a library: the least size it can have and its handler
 * (NULL: an id the library does not expect). */
struct cs_event_handler {
	size_t min_size;
	cs_event_fn handle;
};

/* Pass the event @event of @len bytes (8-byte aligned) to the entry of
 * @table (@n entries, indexed by event id) for its id.  -EBADMSG when its
 * sizes do not add up, -EPROTO for an id outside the table, else what the
 * handler returns. */
int cs_event_run(const struct cs_event_handler *table, size_t n, void *inst, uint64_t handle,
		 void *event, size_t len);

/* What a dispatch call works on. */
struct cs_dispatch_ctx {
	struct cs_ipc *ipc;
	cs_event_fn handle_event; /* the library's, for any event */
	void *inst;
	uint64_t handle;
	const int *finalizing; /* set by the library's finalize */
};

/* Receive events on @ctx->ipc and pass each to @ctx->handle_event():
 * - CS_DISPATCH_ONE: wait for one;
 * - CS_DISPATCH_ALL: those already queued, without waiting;
 * - CS_DISPATCH_BLOCKING: until the connection ends;
 * - CS_DISPATCH_ONE_NONBLOCKING: one if queued, else -EAGAIN.
 * A closed connection ends the loop with 0, as corosync's libraries do;
 * a handle finalized by a callback ends it with -EBADF.  -EINVAL for
 * other @flags, -ENOMEM, or the first handler or transport error. */
int cs_dispatch(const struct cs_dispatch_ctx *ctx, int flags);

#endif /* CS_DISPATCH_H */
