/*
 * The client side of a corosync service connection, on libqb IPC: connect,
 * request/response, fire-and-forget sends and event receipt, shared by
 * every client library.
 *
 * Requests and sends on one connection are serialised by a lock so that a
 * reply can never reach the wrong caller; events have their own lock, so a
 * thread waiting in a dispatch does not block requests.  Functions return 0
 * or a negative errno; cs_ipc_error() turns a result into the cs_error_t of
 * the public API.  A NULL connection gives -ENOTCONN everywhere (the
 * libraries' unit tests run instances without a daemon).
 */
#ifndef CS_IPC_H
#define CS_IPC_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <corosync/corotypes.h>
#include <qb/qbipc_common.h>

struct cs_ipc;

/* Connect to the service @name ("cpg", "quorum", ...) with the buffer size
 * every corosync library asks for (IPC_REQUEST_SIZE).  On 0, *@ipc is the
 * caller's until cs_ipc_disconnect().  -EAGAIN while the daemon is starting,
 * -ECONNREFUSED or -ENOENT when it does not run, -EACCES when it refuses
 * us, -ENOMEM. */
int cs_ipc_connect(const char *name, struct cs_ipc **ipc);

/* Close the connection and free @ipc; NULL is a no-op. */
void cs_ipc_disconnect(struct cs_ipc *ipc);

/* The descriptor to poll for events (the connection's setup socket). */
int cs_ipc_fd(struct cs_ipc *ipc, int *fd);

/* Send the request @iov and wait for its response, read into @res (room for
 * @res_len bytes).  A reply shorter than @res_len is accepted only if it is
 * a response header carrying an error (the daemon's bare refusals).  The
 * libqb flow-control limit is @fc_max during the send (1 for ordinary
 * requests, 2 for multicasts).  0 or -errno (-EBADMSG: short reply). */
int cs_ipc_request(struct cs_ipc *ipc, unsigned int fc_max, const struct iovec *iov,
		   unsigned int iovcnt, void *res, size_t res_len);

/* As cs_ipc_request() (flow-control limit 1), for replies whose length
 * varies: any reply of at least @min_len bytes is accepted, as is a bare
 * response header carrying an error.  Returns the reply's length (never
 * more than @res_len) or -errno (-EBADMSG: shorter than that). */
ssize_t cs_ipc_request_var(struct cs_ipc *ipc, const struct iovec *iov, unsigned int iovcnt,
			   void *res, size_t res_len, size_t min_len);

/* Send @iov without waiting for any reply (the daemon sends none), with
 * flow-control limit @fc_max.  0 or -errno (-EAGAIN: congested). */
int cs_ipc_send(struct cs_ipc *ipc, unsigned int fc_max, const struct iovec *iov,
		unsigned int iovcnt);

/* Receive one event into @buf (room for @len bytes), waiting up to
 * @timeout_ms (-1: forever, 0: not at all).  The number of bytes, or -errno
 * (-EAGAIN/-ETIMEDOUT: none came, -ENOTCONN: the daemon is gone, -EBADMSG:
 * shorter than a response header or than its own size field). */
ssize_t cs_ipc_event_recv(struct cs_ipc *ipc, void *buf, size_t len, int timeout_ms);

/* The public result of an exchange: the transport error for @rc < 0, else
 * the error the daemon put in @res's header. */
cs_error_t cs_ipc_error(int rc, const struct qb_ipc_response_header *res);

#endif /* CS_IPC_H */
