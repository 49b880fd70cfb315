/*
 * CPG, the client side: libcpg's requests, connection life, and the
 * service's table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define CS_LOG_SUBSYS CS_SUBSYS_CPG
#include "../common/cs_log.h"
#include "cpg_groups.h"
#include "cpg_int.h"
#include "exec.h"

static struct cpg_conn *cpd_of(struct cs_conn *conn)
{
	return cs_conn_private(conn);
}

static void reply(struct cs_conn *conn, int32_t id, int32_t error)
{
	cs_conn_error(conn, id, error);
}

struct same_process {
	const mar_cpg_name_t *group;
	uint32_t pid;
	const struct cpg_conn *except;
	bool found;
};

static void find_same_process(struct cs_conn *conn, void *data)
{
	struct same_process *s = data;
	const struct cpg_conn *cpd = cpd_of(conn);

	if (cpd != s->except && cpd->state != CPD_UNJOINED && cpd->pid == s->pid &&
	    mar_cpg_name_compare(&cpd->group, s->group) == 0) {
		s->found = true;
	}
}

static void lib_join(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_join *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	struct same_process s = { &req->group_name, req->pid, cpd, false };

	if (req->group_name.length > CPG_MAX_NAME_LENGTH) {
		reply(conn, MESSAGE_RES_CPG_JOIN, CS_ERR_NAME_TOO_LONG);
		return;
	}
	if (cpd->state != CPD_UNJOINED) {
		reply(conn, MESSAGE_RES_CPG_JOIN, CS_ERR_EXIST);
		return;
	}
	cs_conn_foreach(CS_SERVICE_CPG, find_same_process, &s);
	if (s.found) {
		reply(conn, MESSAGE_RES_CPG_JOIN, CS_ERR_EXIST);
		return;
	}
	if (cpg_leave_pending(&req->group_name, req->pid)) {
		reply(conn, MESSAGE_RES_CPG_JOIN, CS_ERR_TRY_AGAIN);
		return;
	}
	if (cpg_send_membership(CPG_EXEC_PROCJOIN, &req->group_name, req->pid,
				CONFCHG_CPG_REASON_JOIN) < 0) {
		reply(conn, MESSAGE_RES_CPG_JOIN, CS_ERR_TRY_AGAIN);
		return;
	}
	cpd->state = CPD_JOIN_STARTED;
	cpd->group = req->group_name;
	cpd->pid = req->pid;
	cpd->flags = req->flags;
	reply(conn, MESSAGE_RES_CPG_JOIN, CS_OK);
	if (cpd->flags & CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF) {
		cpg_notify_totem(conn);
	}
}

static void lib_leave(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_leave *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);

	if (cpd->state == CPD_JOIN_STARTED) {
		reply(conn, MESSAGE_RES_CPG_LEAVE, CS_ERR_BUSY);
		return;
	}
	if (cpd->state != CPD_JOINED || mar_cpg_name_compare(&cpd->group, &req->group_name) != 0) {
		reply(conn, MESSAGE_RES_CPG_LEAVE, CS_ERR_NOT_EXIST);
		return;
	}
	if (cpg_send_membership(CPG_EXEC_PROCLEAVE, &cpd->group, cpd->pid,
				CONFCHG_CPG_REASON_LEAVE) < 0) {
		reply(conn, MESSAGE_RES_CPG_LEAVE, CS_ERR_TRY_AGAIN);
		return;
	}
	cpd->state = CPD_LEAVE_STARTED;
	reply(conn, MESSAGE_RES_CPG_LEAVE, CS_OK);
}

/* mcast and partial mcast share the exec message */
int cpg_forward(struct cpg_conn *cpd, const void *payload, uint32_t msglen, uint32_t fraglen,
		uint32_t type, bool partial)
{
	struct cpg_exec_mcast m = { 0 };
	size_t n = partial ? fraglen : msglen;
	struct iovec iov[2] = { { &m, sizeof(m) }, { (void *)payload, n } };

	m.header.id = cs_exec_id(CS_SERVICE_CPG, partial ? CPG_EXEC_PARTIAL_MCAST : CPG_EXEC_MCAST);
	m.header.size = (int32_t)(sizeof(m) + n);
	m.group = cpd->group;
	m.msglen = msglen;
	m.pid = cpd->pid;
	m.fraglen = fraglen;
	m.type = type;
	return cs_exec_mcast(iov, 2);
}

bool cpg_may_send(const struct cpg_conn *cpd)
{
	/* a client may send right after asking to join, before its confchg */
	return cpd->state == CPD_JOINED || cpd->state == CPD_JOIN_STARTED;
}

static void lib_mcast(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_mcast *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	int rc;

	if (sizeof(*req) + req->msglen != len || !cpg_may_send(cpd)) {
		cs_log(LOG_WARNING, "Dropping a message of pid %d: %s", (int)cs_conn_pid(conn),
		       cpg_may_send(cpd) ? "bad length" : "not in a group");
		return;
	}
	rc = cpg_forward(cpd, req->message, req->msglen, 0, 0, false);
	if (rc < 0) {
		/* the library was told to wait; this one slipped through */
		cs_log(LOG_WARNING, "Dropping a message of pid %d: %s", (int)cs_conn_pid(conn),
		       strerror(-rc));
	}
}

static void lib_partial_mcast(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_partial_mcast *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	int32_t error = CS_OK;

	if (sizeof(*req) + req->fraglen != len || req->fraglen > req->msglen) {
		error = CS_ERR_INVALID_PARAM;
	} else if (!cpg_may_send(cpd)) {
		error = CS_ERR_NOT_EXIST;
	} else if (cpg_forward(cpd, req->message, req->msglen, req->fraglen, req->type, true) < 0) {
		error = CS_ERR_TRY_AGAIN;
	}
	reply(conn, MESSAGE_RES_CPG_PARTIAL_SEND, error);
}

static void lib_membership(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_membership_get *req = msg;
	struct res_lib_cpg_membership_get *r = calloc(1, sizeof(*r));
	const struct cpg_group *g = cpg_group_get(&req->group_name, false);

	if (r == NULL) {
		reply(conn, MESSAGE_RES_CPG_MEMBERSHIP, CS_ERR_NO_MEMORY);
		return;
	}
	r->header.id = MESSAGE_RES_CPG_MEMBERSHIP;
	r->header.size = sizeof(*r);
	r->header.error = CS_OK;
	for (size_t i = 0; g != NULL && i < g->n && i < PROCESSOR_COUNT_MAX; i++) {
		r->member_list[i].nodeid = g->members[i].nodeid;
		r->member_list[i].pid = g->members[i].pid;
		r->member_list[i].reason = 0;
		r->member_count++;
	}
	cs_conn_response(conn, r, sizeof(*r));
	free(r);
}

static void lib_local_get(struct cs_conn *conn, const void *msg, size_t len)
{
	struct res_lib_cpg_local_get r = { 0 };

	r.header.id = MESSAGE_RES_CPG_LOCAL_GET;
	r.header.size = sizeof(r);
	r.header.error = CS_OK;
	r.local_nodeid = cs_exec_nodeid();
	cs_conn_response(conn, &r, sizeof(r));
}

/* A snapshot of groups (and members) for the client to walk through, in
 * corosync's order (see cpg_groups_iteration). */
static void lib_iter_init(struct cs_conn *conn, const void *msg, size_t len)
{
	static uint64_t next_handle = 1;
	const struct req_lib_cpg_iterationinitialize *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	struct res_lib_cpg_iterationinitialize r = { 0 };

	free(cpd->iter);
	cpd->iter = NULL;
	cpd->iter_pos = 0;
	ssize_t n = cpg_groups_iteration(req->iteration_type, &req->group_name, &cpd->iter);
	cpd->iter_n = n > 0 ? (size_t)n : 0;
	r.header.id = MESSAGE_RES_CPG_ITERATIONINITIALIZE;
	r.header.size = sizeof(r);
	r.header.error = n >= 0 ? CS_OK : CS_ERR_NO_MEMORY;
	cpd->iter_handle = next_handle++;
	r.iteration_handle = cpd->iter_handle;
	cs_conn_response(conn, &r, sizeof(r));
}

static void lib_iter_next(struct cs_conn *conn, const void *msg, size_t len)
{
	const struct req_lib_cpg_iterationnext *req = msg;
	struct cpg_conn *cpd = cpd_of(conn);
	struct res_lib_cpg_iterationnext r = { 0 };

	r.header.id = MESSAGE_RES_CPG_ITERATIONNEXT;
	r.header.size = sizeof(r);
	if (req->iteration_handle != cpd->iter_handle) {
		r.header.error = CS_ERR_BAD_HANDLE;
	} else if (cpd->iter_pos >= cpd->iter_n) {
		r.header.error = CS_ERR_NO_SECTIONS;
	} else {
		r.header.error = CS_OK;
		r.description = cpd->iter[cpd->iter_pos++];
	}
	cs_conn_response(conn, &r, sizeof(r));
}

static void lib_iter_finalize(struct cs_conn *conn, const void *msg, size_t len)
{
	struct cpg_conn *cpd = cpd_of(conn);

	free(cpd->iter);
	cpd->iter = NULL;
	cpd->iter_n = cpd->iter_pos = 0;
	cpd->iter_handle = 0;
	reply(conn, MESSAGE_RES_CPG_ITERATIONFINALIZE, CS_OK);
}

static void lib_finalize(struct cs_conn *conn, const void *msg, size_t len)
{
	reply(conn, MESSAGE_RES_CPG_FINALIZE, CS_OK);
}

static int conn_init(struct cs_conn *conn)
{
	cpd_of(conn)->conn = conn;
	return 0;
}

/* A client that goes away without leaving leaves with PROCDOWN. */
static void conn_exit(struct cs_conn *conn)
{
	struct cpg_conn *cpd = cpd_of(conn);

	if (cpd->state == CPD_JOINED || cpd->state == CPD_JOIN_STARTED) {
		cpg_send_leave_reliably(&cpd->group, cpd->pid, CONFCHG_CPG_REASON_PROCDOWN);
	}
	free(cpd->iter);
	cpd->iter = NULL;
	cpg_zc_release_all(cpd);
	cpd->state = CPD_UNJOINED;
}

static const struct cs_lib_handler cpg_lib_handlers[] = {
	[MESSAGE_REQ_CPG_JOIN] = { lib_join, sizeof(struct req_lib_cpg_join), true, false },
	[MESSAGE_REQ_CPG_LEAVE] = { lib_leave, sizeof(struct req_lib_cpg_leave), true, false },
	[MESSAGE_REQ_CPG_MCAST] = { lib_mcast, sizeof(struct req_lib_cpg_mcast), true, true },
	[MESSAGE_REQ_CPG_MEMBERSHIP] = { lib_membership, sizeof(struct req_lib_cpg_membership_get),
					 false, false },
	[MESSAGE_REQ_CPG_LOCAL_GET] = { lib_local_get, sizeof(struct req_lib_cpg_local_get), false,
					false },
	[MESSAGE_REQ_CPG_ITERATIONINITIALIZE] = { lib_iter_init,
						  sizeof(struct req_lib_cpg_iterationinitialize),
						  false, false },
	[MESSAGE_REQ_CPG_ITERATIONNEXT] = { lib_iter_next, sizeof(struct req_lib_cpg_iterationnext),
					    false, false },
	[MESSAGE_REQ_CPG_ITERATIONFINALIZE] = { lib_iter_finalize,
						sizeof(struct req_lib_cpg_iterationfinalize), false,
						false },
	[MESSAGE_REQ_CPG_FINALIZE] = { lib_finalize, sizeof(struct req_lib_cpg_finalize), false,
				       false },
	[MESSAGE_REQ_CPG_ZC_ALLOC] = { cpg_lib_zc_alloc, sizeof(mar_req_coroipcc_zc_alloc_t), false,
				       false },
	[MESSAGE_REQ_CPG_ZC_FREE] = { cpg_lib_zc_free, sizeof(mar_req_coroipcc_zc_free_t), false,
				      false },
	[MESSAGE_REQ_CPG_ZC_EXECUTE] = { cpg_lib_zc_execute, sizeof(mar_req_coroipcc_zc_execute_t),
					 true, false },
	[MESSAGE_REQ_CPG_PARTIAL_MCAST] = { lib_partial_mcast,
					    sizeof(struct req_lib_cpg_partial_mcast), true, false },
};

const struct cs_service cs_cpg_service = {
	.name = "corosync cluster closed process group service v1.01",
	.id = CS_SERVICE_CPG,
	.ipc_name = "cpg",
	.conn_private = sizeof(struct cpg_conn),
	.lib = cpg_lib_handlers,
	.n_lib = sizeof(cpg_lib_handlers) / sizeof(cpg_lib_handlers[0]),
	.exec = cpg_exec_handlers,
	.n_exec = CPG_EXEC_COUNT,
	.fini = cpg_exec_fini,
	.conn_init = conn_init,
	.conn_exit = conn_exit,
	.confchg = cpg_confchg,
	.sync_init = cpg_sync_init,
	.sync_process = cpg_sync_process,
	.sync_activate = cpg_sync_activate,
	.sync_abort = cpg_sync_abort,
};
