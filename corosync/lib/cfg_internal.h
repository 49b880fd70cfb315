/*
 * libcfg internals shared by its source files (and its unit tests).
 *
 * Internal functions carry the cfg__ prefix; they are hidden from the
 * shared library (compiled with -fvisibility=hidden, only CFG_EXPORT is
 * public).
 */
#ifndef CFG_INTERNAL_H
#define CFG_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <corosync/cfg.h>
#include <corosync/ipc_cfg.h>

#include "cs_hdb.h"
#include "cs_ipc.h"

#define CFG_EXPORT __attribute__((visibility("default")))

/* One cfg connection, behind a corosync_cfg_handle_t. */
struct cfg_inst {
	struct cs_ipc *ipc; /* NULL only in unit tests */
	corosync_cfg_callbacks_t callbacks;
	int finalizing; /* set once by corosync_cfg_finalize(), atomically */
};

extern struct cs_hdb cfg__handles;

/* A new instance without a connection, with @callbacks (copied; NULL: none).
 * NULL on ENOMEM.  Freed (and disconnected) by cfg__inst_free(). */
struct cfg_inst *cfg__inst_new(const corosync_cfg_callbacks_t *callbacks);
void cfg__inst_free(void *inst);

/* Send the request @req (@req_len bytes) on @handle's connection and read
 * its reply into @res (@res_len bytes, a bare error header accepted). */
cs_error_t cfg__request(corosync_cfg_handle_t handle, void *req, size_t req_len, void *res,
			size_t res_len);

/* Handle one event of @len bytes in @event (8-byte aligned): the shutdown
 * question calls the shutdown callback.  0, -EBADMSG, -EPROTO. */
int cfg__event_handle(void *inst, uint64_t handle, void *event, size_t len);

/* Convert the reply @res (@len bytes) to @max_addrs entries of @addrs; the
 * number of addresses the daemon sent goes to *@num_addrs.  0, or -EBADMSG
 * for a reply whose sizes do not add up. */
int cfg__addrs_from_wire(const struct res_lib_cfg_get_node_addrs *res, size_t len, size_t max_addrs,
			 int *num_addrs, corosync_cfg_node_address_t *addrs);

/* Copy the ring status reply @res to two new string arrays (see
 * corosync_cfg_ring_status_get()).  0, -ENOMEM or -EBADMSG. */
int cfg__ring_status_copy(const struct res_lib_cfg_ringstatusget *res, char ***names,
			  char ***status, unsigned int *count);

#endif /* CFG_INTERNAL_H */
