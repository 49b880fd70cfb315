/*
 * libcmap internals shared by its source files (and its unit tests): the
 * connection and track instances, their handle databases and the pieces
 * that work without a daemon.
 *
 * Internal functions carry the cmap__ prefix; they are hidden from the
 * shared library (compiled with -fvisibility=hidden, only CMAP_EXPORT is
 * public).
 */
#ifndef CMAP_INTERNAL_H
#define CMAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <corosync/cmap.h>
#include <corosync/ipc_cmap.h>

#include "cs_hdb.h"
#include "cs_ipc.h"

#define CMAP_EXPORT __attribute__((visibility("default")))

/* One cmap connection, behind a cmap_handle_t. */
struct cmap_inst {
	struct cs_ipc *ipc; /* NULL only in unit tests */
	const void *context;
	int finalizing; /* set once by cmap_finalize(), atomically */
};

/* One cmap_track_add(), behind the cookie the daemon sends back in every
 * notify event of the track. */
struct cmap_track {
	cmap_handle_t owner;              /* the connection it was added on */
	cmap_track_handle_t track_handle; /* the daemon's; what callers see */
	cmap_notify_fn_t notify_fn;
	void *user_data;
};

extern struct cs_hdb cmap__handles;
extern struct cs_hdb cmap__tracks;

/* A new instance without a connection; NULL on ENOMEM.  Freed (and
 * disconnected) by cmap__inst_free(), the handle database's free function. */
struct cmap_inst *cmap__inst_new(void);
void cmap__inst_free(void *inst);

/* Send the request @iov on @handle's connection and read its reply into
 * @res (@res_len bytes, a bare error header accepted).  The cs_error_t of
 * the exchange, CS_ERR_BAD_HANDLE for a bad handle. */
cs_error_t cmap__request(cmap_handle_t handle, const struct iovec *iov, unsigned int iovcnt,
			 void *res, size_t res_len);

/* Fill @dst with the key name @key.  -EINVAL for NULL, -EOVERFLOW for a
 * name too long for the wire (CS_ERR_NAME_TOO_LONG, as corosync). */
int cmap__key_to_wire(mar_name_t *dst, const char *key);

/* Handle one event of @len bytes in @event (8-byte aligned) for @handle's
 * instance @inst: a notify event calls its track's callback; one for a
 * deleted track is ignored.  0, -EBADMSG for sizes that do not add up,
 * -EPROTO for an unknown event. */
int cmap__event_handle(void *inst, uint64_t handle, void *event, size_t len);

/* Destroy the tracks added on connection @handle (at finalize). */
void cmap__tracks_drop(cmap_handle_t handle);

#endif /* CMAP_INTERNAL_H */
