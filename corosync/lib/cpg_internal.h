/*
 * libcpg internals shared by its source files (and its unit tests): the
 * connection instance, the handle databases and the pieces of dispatch and
 * multicast that work without a daemon.
 *
 * Internal functions carry the cpg__ prefix; they are hidden from the shared
 * library (compiled with -fvisibility=hidden, only CPG_EXPORT is public).
 */
#ifndef CPG_INTERNAL_H
#define CPG_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include <corosync/cpg.h>
#include <corosync/ipc_cpg.h>

#include "cs_hdb.h"
#include "cs_ipc.h"

#define CPG_EXPORT __attribute__((visibility("default")))

/* Messages up to this size go in one MCAST; 1 KiB of the IPC buffer is left
 * for the daemon's own headers. */
#define CPG__MAX_ATOMIC_MSG (IPC_REQUEST_SIZE - 1024)

/* A fragmented message being received from one process. */
struct cpg_assembly {
	struct cpg_assembly *next;
	uint32_t nodeid;
	uint32_t pid;
	uint32_t msglen;   /* the whole message */
	uint32_t received; /* bytes so far */
	char *buf;
};

/* A buffer of cpg_zcb_alloc(); the caller sees @data. */
struct cpg_zcb {
	struct cpg_zcb *next;
	size_t size;
	_Alignas(max_align_t) unsigned char data[];
};

/* One cpg connection, behind a cpg_handle_t. */
struct cpg_inst {
	struct cs_ipc *ipc; /* NULL only in unit tests */
	cpg_model_v1_data_t model;
	void *context;
	uint32_t max_msg_size;
	int finalizing;  /* set once by cpg_finalize(), atomically */
	void *event_buf; /* a spare dispatch buffer, swapped atomically */

	pthread_mutex_t lock; /* protects the lists below */
	struct cpg_assembly *assemblies;
	struct cpg_zcb *zcbs;
	uint64_t *iters; /* iteration handles opened on this connection */
	size_t iter_count;
	size_t iter_cap;
};

extern struct cs_hdb cpg__handles;

/* A new instance without a connection, with model V1 data @model (copied;
 * NULL: no callbacks).  NULL on ENOMEM.  Freed by cpg__inst_free(). */
struct cpg_inst *cpg__inst_new(const cpg_model_v1_data_t *model, void *context);

/* Free @inst with everything it owns, disconnecting it.  NULL is a no-op. */
void cpg__inst_free(void *inst);

/* Handle one event of @len bytes in @event (8-byte aligned) for @inst,
 * calling its callbacks with @handle.  0, -EBADMSG for an event whose sizes
 * do not add up, -EPROTO for an unknown event, -ENOMEM. */
int cpg__event_handle(struct cpg_inst *inst, cpg_handle_t handle, void *event, size_t len);

/* Walks a message given as an iovec array, one fragment at a time. */
struct cpg__frag_cursor {
	const struct iovec *iov;
	unsigned int iovcnt;
	unsigned int index; /* current iovec */
	size_t offset;      /* bytes of it already taken */
};

/* Store in @out (room for @out_max entries) the pieces of the next fragment
 * of at most @max_len bytes, and its length in *@len.  Returns the number of
 * pieces; 0 at the end of the message.  Empty iovecs are skipped. */
unsigned int cpg__frag_next(struct cpg__frag_cursor *cur, size_t max_len, struct iovec *out,
			    unsigned int out_max, size_t *len);

/* Destroy the iteration handles still open on @inst (at finalize). */
void cpg__iterations_drop(struct cpg_inst *inst);

#endif /* CPG_INTERNAL_H */
