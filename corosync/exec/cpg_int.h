/*
 * The CPG service's parts: per-connection state, the messages CPG sends
 * through totem, and what cpg_lib.c (client requests) and cpg_exec.c
 * (agreed-order deliveries, configuration changes, sync) share.
 */
#ifndef CPG_INT_H
#define CPG_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <corosync/ipc_cpg.h>

#include "ipc.h"
#include "service.h"

enum cpg_conn_state {
	CPD_UNJOINED = 0,
	CPD_JOIN_STARTED, /* our PROCJOIN is on its way */
	CPD_JOINED,
	CPD_LEAVE_STARTED, /* our PROCLEAVE is on its way */
};

/* A zero-copy buffer a client shares with us (corosync's libcpg). */
struct cpg_zc_map {
	struct cpg_zc_map *next;
	void *addr;
	size_t size;
};

struct cpg_conn {
	struct cs_conn *conn;
	struct cpg_zc_map *zc;
	enum cpg_conn_state state;
	mar_cpg_name_t group;
	uint32_t pid;
	uint32_t flags; /* CPG_MODEL_V1_* of the join */
	/* iteration */
	mar_cpg_iteration_description_t *iter;
	size_t iter_n, iter_pos;
	uint64_t iter_handle;
};

/* Exec messages (function numbers are corosync's). */
enum cpg_exec_fn {
	CPG_EXEC_PROCJOIN = 0,
	CPG_EXEC_PROCLEAVE = 1,
	CPG_EXEC_JOINLIST = 2,
	CPG_EXEC_MCAST = 3,
	CPG_EXEC_PARTIAL_MCAST = 6,
	CPG_EXEC_COUNT = 7
};

struct cpg_exec_procjoin {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint32_t reason __attribute__((aligned(8)));
};

struct cpg_exec_mcast {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	mar_cpg_name_t group __attribute__((aligned(8)));
	uint32_t msglen __attribute__((aligned(8)));
	uint32_t pid __attribute__((aligned(8)));
	uint32_t fraglen __attribute__((aligned(8))); /* partial only */
	uint32_t type __attribute__((aligned(8)));    /* partial only */
	uint8_t message[] __attribute__((aligned(8)));
};

struct cpg_joinlist_entry {
	uint32_t pid __attribute__((aligned(8)));
	mar_cpg_name_t group __attribute__((aligned(8)));
};

struct cpg_exec_joinlist {
	struct qb_ipc_request_header header __attribute__((aligned(8)));
	uint32_t count __attribute__((aligned(8)));
	struct cpg_joinlist_entry entries[];
};

extern const struct cs_exec_handler cpg_exec_handlers[CPG_EXEC_COUNT];

/* Multicast a PROCJOIN or PROCLEAVE.  Returns 0 or -EAGAIN. */
int cpg_send_membership(enum cpg_exec_fn fn, const mar_cpg_name_t *group, uint32_t pid,
			uint32_t reason);
/* A leave that must reach the others even if totem is busy now (a client
 * that went away): kept and resent until totem takes it. */
void cpg_send_leave_reliably(const mar_cpg_name_t *group, uint32_t pid, uint32_t reason);
/* Whether a leave of (@pid, @group) from this node is still on its way. */
bool cpg_leave_pending(const mar_cpg_name_t *group, uint32_t pid);

/* corosync's zero-copy requests (cpg_zc.c) */
void cpg_lib_zc_alloc(struct cs_conn *conn, const void *msg, size_t len);
void cpg_lib_zc_free(struct cs_conn *conn, const void *msg, size_t len);
void cpg_lib_zc_execute(struct cs_conn *conn, const void *msg, size_t len);
void cpg_zc_release_all(struct cpg_conn *cpd);
/* Multicast a client's message to its group.  Returns 0 or -errno. */
int cpg_forward(struct cpg_conn *cpd, const void *payload, uint32_t msglen, uint32_t fraglen,
		uint32_t type, bool partial);
bool cpg_may_send(const struct cpg_conn *cpd);

/* Tell one connection the ring's members (TOTEM_CONFCHG_CALLBACK). */
void cpg_notify_totem(struct cs_conn *conn);

/* confchg and sync hooks for the service table */
void cpg_confchg(enum totem_confchg_type type, const uint32_t *members, size_t n_members,
		 const uint32_t *left, size_t n_left, const uint32_t *joined, size_t n_joined,
		 const struct totem_ring_id *ring_id);
void cpg_sync_init(const uint32_t *trans, size_t n_trans, const uint32_t *members, size_t n_members,
		   const struct totem_ring_id *ring_id);
int cpg_sync_process(void);
void cpg_sync_activate(void);
void cpg_sync_abort(void);
void cpg_exec_fini(void);

#endif /* CPG_INT_H */
