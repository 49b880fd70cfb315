/*
 * libvotequorum internals shared by its source files (and its unit tests).
 *
 * Internal functions carry the votequorum__ prefix; they are hidden from
 * the shared library (compiled with -fvisibility=hidden, only
 * VOTEQUORUM_EXPORT is public).
 */
#ifndef VOTEQUORUM_INTERNAL_H
#define VOTEQUORUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <corosync/votequorum.h>
#include <corosync/ipc_votequorum.h>

#include "cs_hdb.h"
#include "cs_ipc.h"

#define VOTEQUORUM_EXPORT __attribute__((visibility("default")))

/* One votequorum connection, behind a votequorum_handle_t. */
struct votequorum_inst {
	struct cs_ipc *ipc; /* NULL only in unit tests */
	votequorum_callbacks_t callbacks;
	void *context;
	int finalizing; /* set once by votequorum_finalize(), atomically */
};

extern struct cs_hdb votequorum__handles;

/* A new instance without a connection, with @callbacks (copied; NULL:
 * none).  NULL on ENOMEM.  Freed (and disconnected) by
 * votequorum__inst_free(). */
struct votequorum_inst *votequorum__inst_new(const votequorum_callbacks_t *callbacks);
void votequorum__inst_free(void *inst);

/* Send the request @req (@req_len bytes) on @handle's connection and read
 * its bare STATUS reply. */
cs_error_t votequorum__status_request(votequorum_handle_t handle, void *req, size_t req_len);

/* Handle one event of @len bytes in @event (8-byte aligned), calling the
 * instance's callback for it.  0, -EBADMSG, -EPROTO. */
int votequorum__event_handle(void *inst, uint64_t handle, void *event, size_t len);

/* Fill @info from the GETINFO reply @res. */
void votequorum__info_from_wire(struct votequorum_info *info,
				const struct res_lib_votequorum_getinfo *res);

#endif /* VOTEQUORUM_INTERNAL_H */
