/*
 * libcpg: multicast.  A message that fits in one IPC request goes as one
 * MCAST, which the daemon does not answer; a longer one as PARTIAL_MCAST
 * fragments, each answered.  The zero-copy calls are kept for programs
 * that use them, on top of the same path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpg_internal.h"

/* libqb's flow-control level at which multicasts are refused: the daemon
 * raises it while its send queue is critical or a membership sync runs. */
#define MCAST_FC_MAX 2

/* iovecs per fragment; a message of many tiny pieces gets short fragments. */
#define FRAG_PIECES_MAX 64

/* Once the first fragment is out, the rest of the message is pushed
 * through a short congestion rather than left half sent: corosync's
 * libcpg waits up to 100 times 10 ms as well. */
#define FRAG_RETRIES 100
#define FRAG_RETRY_USEC 10000

/* Iovec arrays up to this length are copied on the stack. */
#define IOV_ON_STACK 16

unsigned int cpg__frag_next(struct cpg__frag_cursor *cur, size_t max_len, struct iovec *out,
			    unsigned int out_max, size_t *len)
{
	unsigned int n = 0;

	*len = 0;
	while (cur->index < cur->iovcnt && n < out_max && *len < max_len) {
		const struct iovec *v = &cur->iov[cur->index];
		size_t take = v->iov_len - cur->offset;
		if (take > max_len - *len) {
			take = max_len - *len;
		}
		if (take > 0) {
			out[n].iov_base = (char *)v->iov_base + cur->offset;
			out[n].iov_len = take;
			n++;
			*len += take;
			cur->offset += take;
		}
		if (cur->offset == v->iov_len) {
			cur->index++;
			cur->offset = 0;
		}
	}
	return n;
}

/* Send one fragment and wait for its PARTIAL_SEND answer, retrying a
 * congested one unless it is the @first of its message (then the caller
 * hears TRY_AGAIN and nothing has been sent). */
static cs_error_t send_fragment(struct cpg_inst *inst, const struct iovec *parts, unsigned int n,
				bool first)
{
	for (int attempt = 0;; attempt++) {
		struct res_lib_cpg_partial_send res;
		int rc = cs_ipc_request(inst->ipc, MCAST_FC_MAX, parts, n, &res, sizeof(res));
		cs_error_t error = cs_ipc_error(rc, &res.header);
		if (error != CS_ERR_TRY_AGAIN || first || attempt >= FRAG_RETRIES) {
			return error;
		}
		usleep(FRAG_RETRY_USEC);
	}
}

static cs_error_t send_fragments(struct cpg_inst *inst, cpg_guarantee_t guarantee,
				 const struct iovec *iov, unsigned int iovcnt, size_t total)
{
	struct cpg__frag_cursor cur = { .iov = iov, .iovcnt = iovcnt };
	struct iovec parts[1 + FRAG_PIECES_MAX];
	struct req_lib_cpg_partial_mcast req;
	size_t sent = 0;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_PARTIAL_MCAST;
	req.guarantee = guarantee;
	req.msglen = (uint32_t)total;
	parts[0].iov_base = &req;
	parts[0].iov_len = sizeof(req);
	while (sent < total) {
		size_t len;
		unsigned int n =
			cpg__frag_next(&cur, inst->max_msg_size, parts + 1, FRAG_PIECES_MAX, &len);
		if (len == 0) {
			return CS_ERR_LIBRARY; /* the iovecs changed under us */
		}
		req.header.size = (int32_t)(sizeof(req) + len);
		req.fraglen = (uint32_t)len;
		req.type = sent == 0             ? LIBCPG_PARTIAL_FIRST
			   : sent + len == total ? LIBCPG_PARTIAL_LAST
						 : LIBCPG_PARTIAL_CONTINUED;
		cs_error_t error = send_fragment(inst, parts, n + 1, sent == 0);
		if (error != CS_OK) {
			return error;
		}
		sent += len;
	}
	return CS_OK;
}

static cs_error_t send_atomic(struct cpg_inst *inst, cpg_guarantee_t guarantee,
			      const struct iovec *iov, unsigned int iovcnt, size_t total)
{
	struct iovec on_stack[1 + IOV_ON_STACK];
	struct iovec *all = on_stack;
	struct req_lib_cpg_mcast req;

	if (iovcnt > IOV_ON_STACK) {
		all = malloc((1 + (size_t)iovcnt) * sizeof(*all));
		if (all == NULL) {
			return CS_ERR_NO_MEMORY;
		}
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_MCAST;
	req.header.size = (int32_t)(sizeof(req) + total);
	req.guarantee = guarantee;
	req.msglen = (uint32_t)total;
	all[0].iov_base = &req;
	all[0].iov_len = sizeof(req);
	if (iovcnt > 0) {
		memcpy(&all[1], iov, iovcnt * sizeof(*iov));
	}
	int rc = cs_ipc_send(inst->ipc, MCAST_FC_MAX, all, iovcnt + 1);
	if (all != on_stack) {
		free(all);
	}
	return qb_to_cs_error(rc);
}

static cs_error_t mcast(struct cpg_inst *inst, cpg_guarantee_t guarantee, const struct iovec *iov,
			unsigned int iovcnt)
{
	size_t total = 0;

	for (unsigned int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > UINT32_MAX - total) {
			return CS_ERR_TOO_BIG; /* msglen is 32 bits on the wire */
		}
		total += iov[i].iov_len;
	}
	if (total > inst->max_msg_size) {
		return send_fragments(inst, guarantee, iov, iovcnt, total);
	}
	return send_atomic(inst, guarantee, iov, iovcnt, total);
}

CPG_EXPORT cs_error_t cpg_mcast_joined(cpg_handle_t handle, cpg_guarantee_t guarantee,
				       const struct iovec *iovec, unsigned int iov_len)
{
	struct cpg_inst *inst;

	if (iovec == NULL && iov_len > 0) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = mcast(inst, guarantee, iovec, iov_len);
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_zcb_alloc(cpg_handle_t handle, size_t size, void **buffer)
{
	struct cpg_inst *inst;

	if (buffer == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_NO_MEMORY;
	struct cpg_zcb *z = size <= SIZE_MAX - sizeof(*z) ? malloc(sizeof(*z) + size) : NULL;
	if (z != NULL) {
		z->size = size;
		pthread_mutex_lock(&inst->lock);
		z->next = inst->zcbs;
		inst->zcbs = z;
		pthread_mutex_unlock(&inst->lock);
		*buffer = z->data;
		error = CS_OK;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

/* The link to the zero-copy buffer whose data is @buffer; *result is NULL
 * if it is not one of @inst's.  inst->lock held. */
static struct cpg_zcb **zcb_find(struct cpg_inst *inst, const void *buffer)
{
	struct cpg_zcb **link = &inst->zcbs;

	while (*link != NULL && (const void *)(*link)->data != buffer) {
		link = &(*link)->next;
	}
	return link;
}

CPG_EXPORT cs_error_t cpg_zcb_free(cpg_handle_t handle, void *buffer)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	pthread_mutex_lock(&inst->lock);
	struct cpg_zcb **link = zcb_find(inst, buffer);
	struct cpg_zcb *z = *link;
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (z != NULL) {
		*link = z->next;
		error = CS_OK;
	}
	pthread_mutex_unlock(&inst->lock);
	free(z);
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_zcb_mcast_joined(cpg_handle_t handle, cpg_guarantee_t guarantee,
					   void *msg, size_t msg_len)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_TOO_BIG;
	if (msg_len <= IPC_REQUEST_SIZE) {
		pthread_mutex_lock(&inst->lock);
		struct cpg_zcb *z = *zcb_find(inst, msg);
		bool fits = z != NULL && msg_len <= z->size;
		pthread_mutex_unlock(&inst->lock);
		struct iovec iov = { msg, msg_len };
		error = fits ? mcast(inst, guarantee, &iov, 1) : CS_ERR_INVALID_PARAM;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}
