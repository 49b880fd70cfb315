/*
 * libquorum internals shared with its unit tests.
 *
 * Internal functions carry the quorum__ prefix; they are hidden from the
 * shared library (compiled with -fvisibility=hidden, only QUORUM_EXPORT is
 * public).
 */
#ifndef QUORUM_INTERNAL_H
#define QUORUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <corosync/quorum.h>
#include <corosync/ipc_quorum.h>

#include "cs_hdb.h"
#include "cs_ipc.h"

#define QUORUM_EXPORT __attribute__((visibility("default")))

/* One quorum connection, behind a quorum_handle_t. */
struct quorum_inst {
	struct cs_ipc *ipc; /* NULL only in unit tests */
	quorum_model_t model;
	quorum_notification_fn_t v0_notify_fn;
	quorum_v1_quorum_notification_fn_t v1_quorum_fn;
	quorum_v1_nodelist_notification_fn_t v1_nodelist_fn;
	const void *context;
	int finalizing; /* set once by quorum_finalize(), atomically */
};

extern struct cs_hdb quorum__handles;

/* A new instance without a connection for @model, with its callbacks from
 * @model_data (NULL: none).  NULL on ENOMEM or -EINVAL for an unknown
 * model (in *@err).  Freed (and disconnected) by quorum__inst_free(). */
struct quorum_inst *quorum__inst_new(quorum_model_t model, const quorum_model_data_t *model_data,
				     const void *context, int *err);
void quorum__inst_free(void *inst);

/* Handle one event of @len bytes in @event (8-byte aligned), calling the
 * instance's callback for it.  0, -EBADMSG for sizes that do not add up,
 * -EPROTO for an unknown event. */
int quorum__event_handle(void *inst, uint64_t handle, void *event, size_t len);

#endif /* QUORUM_INTERNAL_H */
