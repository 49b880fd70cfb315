/*
 * libcpg: connections, group membership requests and small queries.
 * Dispatch is in cpg_event.c, multicast in cpg_mcast.c, iteration in
 * cpg_iter.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpg_internal.h"

struct cs_hdb cpg__handles = CS_HDB_INIT(cpg__inst_free);

/* The daemon answers BUSY to a leave while the join is still on its way
 * through the cluster, and to a join while a leave is; that clears within a
 * token rotation.  corosync's libcpg asks again without end, but corosync
 * 3.1.7 also answers BUSY for good to a join on a connection that has left
 * another group, so we give up after a while. */
#define BUSY_RETRY_USEC 1000
#define BUSY_RETRY_MAX 10000

static __attribute__((destructor)) void cpg_unload(void)
{
	cs_hdb_release(&cpg__handles);
}

struct cpg_inst *cpg__inst_new(const cpg_model_v1_data_t *model, void *context)
{
	struct cpg_inst *inst = calloc(1, sizeof(*inst));

	if (inst == NULL) {
		return NULL;
	}
	if (model != NULL) {
		inst->model = *model;
	}
	inst->model.model = CPG_MODEL_V1;
	inst->context = context;
	inst->max_msg_size = CPG__MAX_ATOMIC_MSG;
	pthread_mutex_init(&inst->lock, NULL);
	return inst;
}

void cpg__inst_free(void *instance)
{
	struct cpg_inst *inst = instance;

	if (inst == NULL) {
		return;
	}
	cs_ipc_disconnect(inst->ipc);
	while (inst->assemblies != NULL) {
		struct cpg_assembly *a = inst->assemblies;
		inst->assemblies = a->next;
		free(a->buf);
		free(a);
	}
	while (inst->zcbs != NULL) {
		struct cpg_zcb *z = inst->zcbs;
		inst->zcbs = z->next;
		free(z);
	}
	free(inst->iters);
	free(inst->event_buf);
	pthread_mutex_destroy(&inst->lock);
	free(inst);
}

CPG_EXPORT cs_error_t cpg_initialize(cpg_handle_t *handle, cpg_callbacks_t *callbacks)
{
	cpg_model_v1_data_t model = { .model = CPG_MODEL_V1 };

	if (callbacks != NULL) {
		model.cpg_deliver_fn = callbacks->cpg_deliver_fn;
		model.cpg_confchg_fn = callbacks->cpg_confchg_fn;
	}
	return cpg_model_initialize(handle, CPG_MODEL_V1, (cpg_model_data_t *)&model, NULL);
}

CPG_EXPORT cs_error_t cpg_model_initialize(cpg_handle_t *handle, cpg_model_t model,
					   cpg_model_data_t *model_data, void *context)
{
	const cpg_model_v1_data_t *v1 = (const cpg_model_v1_data_t *)model_data;

	if (model != CPG_MODEL_V1 || handle == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (v1 != NULL && (v1->flags & ~CPG_MODEL_V1_DELIVER_INITIAL_TOTEM_CONF) != 0) {
		return CS_ERR_INVALID_PARAM;
	}
	struct cpg_inst *inst = cpg__inst_new(v1, context);
	if (inst == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	int rc = cs_ipc_connect("cpg", &inst->ipc);
	if (rc == 0) {
		rc = cs_hdb_create(&cpg__handles, inst, handle);
	}
	if (rc < 0) {
		cpg__inst_free(inst);
		return qb_to_cs_error(rc);
	}
	return CS_OK;
}

/* A header-only request @id and its header-only reply. */
static cs_error_t simple_request(struct cpg_inst *inst, int32_t id)
{
	struct qb_ipc_request_header req = { .id = id, .size = sizeof(req) };
	struct qb_ipc_response_header res;
	struct iovec iov = { &req, sizeof(req) };

	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	return cs_ipc_error(rc, &res);
}

CPG_EXPORT cs_error_t cpg_finalize(cpg_handle_t handle)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (__atomic_exchange_n(&inst->finalizing, 1, __ATOMIC_ACQ_REL)) {
		cs_hdb_put(&cpg__handles, handle);
		return CS_ERR_BAD_HANDLE;
	}
	/* The handle goes whatever the daemon says: the connection is closed
	 * when the last user of the instance lets go of it. */
	cs_error_t error = simple_request(inst, MESSAGE_REQ_CPG_FINALIZE);
	cpg__iterations_drop(inst);
	cs_hdb_destroy(&cpg__handles, handle);
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_fd_get(cpg_handle_t handle, int *fd)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error =
		fd == NULL ? CS_ERR_INVALID_PARAM : qb_to_cs_error(cs_ipc_fd(inst->ipc, fd));
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_max_atomic_msgsize_get(cpg_handle_t handle, uint32_t *size)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (size != NULL) {
		*size = inst->max_msg_size;
		error = CS_OK;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_context_get(cpg_handle_t handle, void **context)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (context != NULL) {
		*context = inst->context;
		error = CS_OK;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_context_set(cpg_handle_t handle, void *context)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	inst->context = context;
	cs_hdb_put(&cpg__handles, handle);
	return CS_OK;
}

/* Send a join or leave request (@req of @len bytes), again while the daemon
 * says BUSY (for about BUSY_RETRY_MAX milliseconds at most). */
static cs_error_t membership_request(cpg_handle_t handle, void *req, size_t len)
{
	struct cpg_inst *inst;
	struct qb_ipc_response_header res;
	struct iovec iov = { req, len };
	cs_error_t error;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (((struct qb_ipc_request_header *)req)->id == MESSAGE_REQ_CPG_JOIN) {
		((struct req_lib_cpg_join *)req)->flags = inst->model.flags;
	}
	for (int attempt = 0;; attempt++) {
		int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
		error = cs_ipc_error(rc, &res);
		if (error != CS_ERR_BUSY || attempt >= BUSY_RETRY_MAX) {
			break;
		}
		usleep(BUSY_RETRY_USEC);
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_join(cpg_handle_t handle, const struct cpg_name *group)
{
	struct req_lib_cpg_join req;

	if (group == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (group->length > CPG_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_JOIN;
	req.header.size = sizeof(req);
	mar_cpg_name_from_api(&req.group_name, group);
	req.pid = (uint32_t)getpid();
	return membership_request(handle, &req, sizeof(req));
}

CPG_EXPORT cs_error_t cpg_leave(cpg_handle_t handle, const struct cpg_name *group)
{
	struct req_lib_cpg_leave req;

	if (group == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (group->length > CPG_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_LEAVE;
	req.header.size = sizeof(req);
	mar_cpg_name_from_api(&req.group_name, group);
	req.pid = (uint32_t)getpid();
	return membership_request(handle, &req, sizeof(req));
}

/* Copy at most CPG_MEMBERS_MAX members of @res: callers size their arrays
 * with that constant. */
static cs_error_t copy_members(const struct res_lib_cpg_membership_get *res,
			       struct cpg_address *member_list, int *member_list_entries)
{
	if (res->member_count > PROCESSOR_COUNT_MAX) {
		return CS_ERR_MESSAGE_ERROR;
	}
	uint32_t n = res->member_count < CPG_MEMBERS_MAX ? res->member_count : CPG_MEMBERS_MAX;
	for (uint32_t i = 0; i < n; i++) {
		mar_cpg_address_to_api(&member_list[i], &res->member_list[i]);
	}
	*member_list_entries = (int)n;
	return CS_OK;
}

CPG_EXPORT cs_error_t cpg_membership_get(cpg_handle_t handle, struct cpg_name *groupName,
					 struct cpg_address *member_list, int *member_list_entries)
{
	struct cpg_inst *inst;
	struct req_lib_cpg_membership_get req;

	if (groupName == NULL || member_list == NULL || member_list_entries == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (groupName->length > CPG_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	struct res_lib_cpg_membership_get *res = malloc(sizeof(*res));
	cs_error_t error = CS_ERR_NO_MEMORY;
	if (res != NULL) {
		memset(&req, 0, sizeof(req));
		req.header.id = MESSAGE_REQ_CPG_MEMBERSHIP;
		req.header.size = sizeof(req);
		mar_cpg_name_from_api(&req.group_name, groupName);
		struct iovec iov = { &req, sizeof(req) };
		int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, res, sizeof(*res));
		error = cs_ipc_error(rc, &res->header);
		*member_list_entries = 0;
		if (error == CS_OK) {
			error = copy_members(res, member_list, member_list_entries);
		}
		free(res);
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_local_get(cpg_handle_t handle, unsigned int *local_nodeid)
{
	struct cpg_inst *inst;
	struct qb_ipc_request_header req = { .id = MESSAGE_REQ_CPG_LOCAL_GET, .size = sizeof(req) };
	struct res_lib_cpg_local_get res;
	struct iovec iov = { &req, sizeof(req) };

	if (local_nodeid == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	cs_error_t error = cs_ipc_error(rc, &res.header);
	if (error == CS_OK) {
		*local_nodeid = res.local_nodeid;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_flow_control_state_get(cpg_handle_t handle,
						 cpg_flow_control_state_t *flow_control_enabled)
{
	struct cpg_inst *inst;

	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (flow_control_enabled != NULL) {
		*flow_control_enabled = CPG_FLOW_CONTROL_DISABLED;
		error = CS_OK;
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}
