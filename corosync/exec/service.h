/*
 * The services of the corosync daemon (cmap, cfg, cpg, quorum,
 * votequorum): each is one table of library handlers indexed by request
 * id, one table of exec handlers indexed by the function number of
 * messages delivered through totem, and hooks for connections,
 * configuration changes and the synchronisation after each change.
 */
#ifndef CS_SERVICE_H
#define CS_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "totem_srp.h"

/* corosync's service numbers (also the libqb service ids and the high 16
 * bits of exec message ids) */
enum cs_service_id {
	CS_SERVICE_CMAP = 0,
	CS_SERVICE_CFG = 1,
	CS_SERVICE_CPG = 2,
	CS_SERVICE_QUORUM = 3,
	CS_SERVICE_PLOAD = 4,
	CS_SERVICE_VOTEQUORUM = 5,
	CS_SERVICE_MAX = 8
};

/* An IPC connection of a client library to a service. */
struct cs_conn;

struct cs_lib_handler {
	void (*fn)(struct cs_conn *conn, const void *msg, size_t len);
	size_t min_size;  /* shorter requests are refused */
	bool needs_totem; /* answered TRY_AGAIN while totem cannot take messages */
	bool no_reply;    /* fire and forget (CPG mcast) */
};

struct cs_exec_handler {
	void (*fn)(const void *msg, size_t len, uint32_t nodeid);
	size_t min_size;
};

struct cs_service {
	const char *name; /* "corosync cluster closed process group service v1.01" */
	enum cs_service_id id;
	const char *ipc_name; /* NULL: no IPC server */
	size_t conn_private;  /* bytes of per-connection state */
	const struct cs_lib_handler *lib;
	size_t n_lib;
	const struct cs_exec_handler *exec;
	size_t n_exec;
	int (*init)(void);
	void (*fini)(void);
	int (*conn_init)(struct cs_conn *conn);
	void (*conn_exit)(struct cs_conn *conn);
	void (*confchg)(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
			const uint32_t *left, size_t n_left, const uint32_t *joined,
			size_t n_joined, const struct totem_ring_id *ring_id);
	/* after each regular configuration change, in service order */
	void (*sync_init)(const uint32_t *trans, size_t n_trans, const uint32_t *members,
			  size_t n_members, const struct totem_ring_id *ring_id);
	int (*sync_process)(void); /* 0 when its messages are queued, -EAGAIN to be called again */
	void (*sync_activate)(void);
	void (*sync_abort)(void);
};

/* The services in load order (the sync order too). */
extern const struct cs_service *const cs_services[];
extern const size_t cs_n_services;

const struct cs_service *cs_service_by_id(uint32_t id);

/* An exec message id: service in the high 16 bits, function in the low. */
static inline int32_t cs_exec_id(enum cs_service_id service, uint16_t fn)
{
	return (int32_t)(((uint32_t)service << 16) | fn);
}

/* Deliver an exec message (from totem's services group) to its handler. */
void cs_service_deliver(uint32_t nodeid, const void *msg, size_t len);

/* Pass a configuration change to every service. */
void cs_service_confchg(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
			const uint32_t *left, size_t n_left, const uint32_t *joined,
			size_t n_joined, const struct totem_ring_id *ring_id);

#endif /* CS_SERVICE_H */
