/*
 * The services' libqb IPC servers on the qb loop, in corosync's layouts:
 * requests are dispatched through the service's handler table; responses
 * go back on the response channel; events are queued per connection when
 * the client's buffer is full, so a slow client costs memory, not
 * messages.
 */
#ifndef CS_IPC_H
#define CS_IPC_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "service.h"

/* Create an IPC server for every service that has one.  Returns 0 or
 * -errno (logged). */
int cs_ipc_init(void);
/* Disconnect every client and close the servers. */
void cs_ipc_fini(void);

/* How eagerly to take clients' requests, from how full totem's queue is:
 * FAST when it is nearly empty (requests go before the token, so each
 * token visit carries what clients have to say), NORMAL, or OFF while
 * totem or the sync cannot take messages (libqb rate limiting, seen by
 * clients as CS_ERR_TRY_AGAIN). */
enum cs_ipc_rate {
	CS_IPC_FAST,
	CS_IPC_NORMAL,
	CS_IPC_OFF,
};
void cs_ipc_flow_control(enum cs_ipc_rate rate);

void *cs_conn_private(struct cs_conn *conn);
pid_t cs_conn_pid(const struct cs_conn *conn);
/* Opaque id of the connection, stable while it lives (CPG's "source"). */
uint64_t cs_conn_id(const struct cs_conn *conn);

/* A response on the response channel.  Returns 0 or -errno. */
int cs_conn_response(struct cs_conn *conn, const void *msg, size_t len);
int cs_conn_responsev(struct cs_conn *conn, const struct iovec *iov, size_t iovcnt);
/* A bare response header with @id and @error (a cs_error_t). */
int cs_conn_error(struct cs_conn *conn, int32_t id, int32_t error);

/* An event (queued if the client is behind).  Returns 0 or -errno. */
int cs_conn_event(struct cs_conn *conn, const void *msg, size_t len);
int cs_conn_eventv(struct cs_conn *conn, const struct iovec *iov, size_t iovcnt);

/* Call @fn for every connection of @service. */
void cs_conn_foreach(enum cs_service_id service, void (*fn)(struct cs_conn *conn, void *data),
		     void *data);

/* Drop a misbehaving client. */
void cs_conn_disconnect(struct cs_conn *conn);

#endif /* CS_IPC_H */
