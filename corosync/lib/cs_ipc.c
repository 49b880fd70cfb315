/*
 * Client connections to corosync services over libqb IPC.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <qb/qbipcc.h>

#include <corosync/ipc_common.h>
#include "cs_ipc.h"

struct cs_ipc {
	qb_ipcc_connection_t *conn;
	pthread_mutex_t request_lock; /* one request/response or send at a time */
	pthread_mutex_t event_lock;   /* one event read at a time */
};

int cs_ipc_connect(const char *name, struct cs_ipc **ipc)
{
	struct cs_ipc *c = calloc(1, sizeof(*c));

	if (c == NULL) {
		return -ENOMEM;
	}
	c->conn = qb_ipcc_connect(name, IPC_REQUEST_SIZE);
	if (c->conn == NULL) {
		int rc = errno ? -errno : -ENOTCONN;
		free(c);
		return rc;
	}
	pthread_mutex_init(&c->request_lock, NULL);
	pthread_mutex_init(&c->event_lock, NULL);
	*ipc = c;
	return 0;
}

void cs_ipc_disconnect(struct cs_ipc *ipc)
{
	if (ipc == NULL) {
		return;
	}
	qb_ipcc_disconnect(ipc->conn);
	pthread_mutex_destroy(&ipc->request_lock);
	pthread_mutex_destroy(&ipc->event_lock);
	free(ipc);
}

int cs_ipc_fd(struct cs_ipc *ipc, int *fd)
{
	int32_t qb_fd = -1;

	if (ipc == NULL) {
		return -ENOTCONN;
	}
	int rc = qb_ipcc_fd_get(ipc->conn, &qb_fd);

	if (rc == 0) {
		*fd = qb_fd;
	}
	return rc;
}

/* A reply of @got bytes where @want were expected: complete, or a bare
 * header that refuses the request. */
static int check_reply(ssize_t got, const void *res, size_t want)
{
	const struct qb_ipc_response_header *hdr = res;

	if (got < 0) {
		return (int)got;
	}
	if ((size_t)got < sizeof(*hdr)) {
		return -EBADMSG;
	}
	if ((size_t)got < want && hdr->error == CS_OK) {
		return -EBADMSG;
	}
	return 0;
}

int cs_ipc_request(struct cs_ipc *ipc, unsigned int fc_max, const struct iovec *iov,
		   unsigned int iovcnt, void *res, size_t res_len)
{
	if (ipc == NULL) {
		return -ENOTCONN;
	}
	pthread_mutex_lock(&ipc->request_lock);
	qb_ipcc_fc_enable_max_set(ipc->conn, fc_max);
	ssize_t got = qb_ipcc_sendv_recv(ipc->conn, iov, iovcnt, res, res_len, CS_IPC_TIMEOUT_MS);
	qb_ipcc_fc_enable_max_set(ipc->conn, 1);
	pthread_mutex_unlock(&ipc->request_lock);
	return check_reply(got, res, res_len);
}

ssize_t cs_ipc_request_var(struct cs_ipc *ipc, const struct iovec *iov, unsigned int iovcnt,
			   void *res, size_t res_len, size_t min_len)
{
	if (ipc == NULL) {
		return -ENOTCONN;
	}
	pthread_mutex_lock(&ipc->request_lock);
	ssize_t got = qb_ipcc_sendv_recv(ipc->conn, iov, iovcnt, res, res_len, CS_IPC_TIMEOUT_MS);
	pthread_mutex_unlock(&ipc->request_lock);
	int rc = check_reply(got, res, min_len);
	return rc < 0 ? rc : got;
}

int cs_ipc_send(struct cs_ipc *ipc, unsigned int fc_max, const struct iovec *iov,
		unsigned int iovcnt)
{
	if (ipc == NULL) {
		return -ENOTCONN;
	}
	pthread_mutex_lock(&ipc->request_lock);
	qb_ipcc_fc_enable_max_set(ipc->conn, fc_max);
	ssize_t sent = qb_ipcc_sendv(ipc->conn, iov, iovcnt);
	qb_ipcc_fc_enable_max_set(ipc->conn, 1);
	pthread_mutex_unlock(&ipc->request_lock);
	return sent < 0 ? (int)sent : 0;
}

ssize_t cs_ipc_event_recv(struct cs_ipc *ipc, void *buf, size_t len, int timeout_ms)
{
	if (ipc == NULL) {
		return -ENOTCONN;
	}
	pthread_mutex_lock(&ipc->event_lock);
	ssize_t got = qb_ipcc_event_recv(ipc->conn, buf, len, timeout_ms);
	pthread_mutex_unlock(&ipc->event_lock);
	if (got < 0) {
		return got;
	}
	const struct qb_ipc_response_header *hdr = buf;
	if ((size_t)got < sizeof(*hdr) || hdr->size < (int32_t)sizeof(*hdr) || hdr->size > got) {
		return -EBADMSG;
	}
	return got;
}

cs_error_t cs_ipc_error(int rc, const struct qb_ipc_response_header *res)
{
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	return (cs_error_t)res->error;
}
