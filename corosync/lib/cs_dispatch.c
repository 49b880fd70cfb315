/*
 * The dispatch loop of the client libraries.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <corosync/ipc_common.h>

#include "cs_dispatch.h"

int cs_event_run(const struct cs_event_handler *table, size_t n, void *inst, uint64_t handle,
		 void *event, size_t len)
{
	const struct qb_ipc_response_header *hdr = event;

	if (len < sizeof(*hdr) || hdr->size < (int32_t)sizeof(*hdr) || (size_t)hdr->size > len) {
		return -EBADMSG;
	}
	if (hdr->id < 0 || (size_t)hdr->id >= n || table[hdr->id].handle == NULL) {
		return -EPROTO;
	}
	if ((size_t)hdr->size < table[hdr->id].min_size) {
		return -EBADMSG;
	}
	return table[hdr->id].handle(inst, handle, event, (size_t)hdr->size);
}

/* libqb's ways of saying that no event is there yet. */
static bool none_yet(ssize_t got)
{
	return got == -EAGAIN || got == -ETIMEDOUT || got == -ENOBUFS || got == -ENOMSG;
}

static int dispatch_loop(const struct cs_dispatch_ctx *ctx, int flags, void *buf)
{
	bool wait = flags == CS_DISPATCH_ONE || flags == CS_DISPATCH_BLOCKING;

	for (;;) {
		ssize_t got = cs_ipc_event_recv(ctx->ipc, buf, IPC_DISPATCH_SIZE, wait ? -1 : 0);
		if (none_yet(got)) {
			if (flags == CS_DISPATCH_ONE_NONBLOCKING) {
				return -EAGAIN;
			}
			if (flags == CS_DISPATCH_ALL) {
				return 0;
			}
			continue;
		}
		if (got == -EBADF) {
			return 0; /* the daemon closed the connection */
		}
		if (got < 0) {
			return (int)got;
		}
		int rc = ctx->handle_event(ctx->inst, ctx->handle, buf, (size_t)got);
		if (rc < 0) {
			return rc;
		}
		if (__atomic_load_n(ctx->finalizing, __ATOMIC_ACQUIRE)) {
			return -EBADF; /* a callback finalized the handle */
		}
		if (flags == CS_DISPATCH_ONE || flags == CS_DISPATCH_ONE_NONBLOCKING) {
			return 0;
		}
	}
}

int cs_dispatch(const struct cs_dispatch_ctx *ctx, int flags)
{
	if (flags < CS_DISPATCH_ONE || flags > CS_DISPATCH_ONE_NONBLOCKING) {
		return -EINVAL;
	}
	/* One IPC message may be this large: too big for the stack. */
	void *buf = malloc(IPC_DISPATCH_SIZE);
	if (buf == NULL) {
		return -ENOMEM;
	}
	int rc = dispatch_loop(ctx, flags, buf);
	free(buf);
	return rc;
}
