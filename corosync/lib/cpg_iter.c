/*
 * libcpg: walks over the cluster's groups (cpg_iteration_*).
 *
 * An iteration handle names the cpg connection it was opened on, not the
 * connection itself, so using it after cpg_finalize() gives
 * CS_ERR_BAD_HANDLE rather than touching a closed connection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cpg_internal.h"

struct cpg_iter {
	cpg_handle_t cpg_handle;
	uint64_t server_handle; /* the daemon's handle of the walk */
};

static struct cs_hdb iterations = CS_HDB_INIT(free);

static __attribute__((destructor)) void iterations_unload(void)
{
	cs_hdb_release(&iterations);
}

/* Record @ith on @inst so that cpg_finalize() can close it; refused once
 * the connection is being finalized.  0 or -errno. */
static int iter_attach(struct cpg_inst *inst, uint64_t ith)
{
	int rc = 0;

	pthread_mutex_lock(&inst->lock);
	if (__atomic_load_n(&inst->finalizing, __ATOMIC_ACQUIRE)) {
		rc = -EBADF;
	} else if (inst->iter_count == inst->iter_cap) {
		size_t cap = inst->iter_cap ? inst->iter_cap * 2 : 4;
		uint64_t *iters = realloc(inst->iters, cap * sizeof(*iters));
		if (iters == NULL) {
			rc = -ENOMEM;
		} else {
			inst->iters = iters;
			inst->iter_cap = cap;
		}
	}
	if (rc == 0) {
		inst->iters[inst->iter_count++] = ith;
	}
	pthread_mutex_unlock(&inst->lock);
	return rc;
}

static void iter_detach(struct cpg_inst *inst, uint64_t ith)
{
	pthread_mutex_lock(&inst->lock);
	for (size_t i = 0; i < inst->iter_count; i++) {
		if (inst->iters[i] == ith) {
			inst->iters[i] = inst->iters[--inst->iter_count];
			break;
		}
	}
	pthread_mutex_unlock(&inst->lock);
}

void cpg__iterations_drop(struct cpg_inst *inst)
{
	pthread_mutex_lock(&inst->lock);
	uint64_t *iters = inst->iters;
	size_t n = inst->iter_count;
	inst->iters = NULL;
	inst->iter_count = inst->iter_cap = 0;
	pthread_mutex_unlock(&inst->lock);

	for (size_t i = 0; i < n; i++) {
		cs_hdb_destroy(&iterations, iters[i]);
	}
	free(iters);
}

static bool iteration_args_valid(cpg_iteration_type_t type, const struct cpg_name *group)
{
	if (type != CPG_ITERATION_NAME_ONLY && type != CPG_ITERATION_ONE_GROUP &&
	    type != CPG_ITERATION_ALL) {
		return false;
	}
	return (type == CPG_ITERATION_ONE_GROUP) == (group != NULL);
}

/* Open the walk in the daemon; its handle goes to *@server_handle. */
static cs_error_t iteration_open(struct cpg_inst *inst, cpg_iteration_type_t type,
				 const struct cpg_name *group, uint64_t *server_handle)
{
	struct req_lib_cpg_iterationinitialize req;
	struct res_lib_cpg_iterationinitialize res;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_ITERATIONINITIALIZE;
	req.header.size = sizeof(req);
	req.iteration_type = type;
	if (group != NULL) {
		mar_cpg_name_from_api(&req.group_name, group);
	}
	struct iovec iov = { &req, sizeof(req) };
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	cs_error_t error = cs_ipc_error(rc, &res.header);
	if (error == CS_OK) {
		*server_handle = res.iteration_handle;
	}
	return error;
}

/* Publish a walk of @handle's connection as a new iteration handle. */
static cs_error_t iteration_publish(struct cpg_inst *inst, cpg_handle_t handle,
				    uint64_t server_handle, cpg_iteration_handle_t *ith)
{
	struct cpg_iter *it = malloc(sizeof(*it));

	if (it == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	it->cpg_handle = handle;
	it->server_handle = server_handle;
	int rc = cs_hdb_create(&iterations, it, ith);
	if (rc < 0) {
		free(it);
		return qb_to_cs_error(rc);
	}
	rc = iter_attach(inst, *ith);
	if (rc < 0) {
		cs_hdb_destroy(&iterations, *ith);
		return hdb_error_to_cs(rc);
	}
	return CS_OK;
}

CPG_EXPORT cs_error_t cpg_iteration_initialize(cpg_handle_t handle,
					       cpg_iteration_type_t iteration_type,
					       const struct cpg_name *group,
					       cpg_iteration_handle_t *cpg_iteration_handle)
{
	struct cpg_inst *inst;
	uint64_t server_handle;

	if (group != NULL && group->length > CPG_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	if (cpg_iteration_handle == NULL || !iteration_args_valid(iteration_type, group)) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cpg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = iteration_open(inst, iteration_type, group, &server_handle);
	if (error == CS_OK) {
		error = iteration_publish(inst, handle, server_handle, cpg_iteration_handle);
	}
	cs_hdb_put(&cpg__handles, handle);
	return error;
}

CPG_EXPORT cs_error_t cpg_iteration_next(cpg_iteration_handle_t handle,
					 struct cpg_iteration_description_t *description)
{
	struct cpg_iter *it;
	struct cpg_inst *inst;
	struct req_lib_cpg_iterationnext req;
	struct res_lib_cpg_iterationnext res;

	if (description == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&iterations, handle, (void **)&it) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_BAD_HANDLE;
	if (cs_hdb_get(&cpg__handles, it->cpg_handle, (void **)&inst) == 0) {
		memset(&req, 0, sizeof(req));
		req.header.id = MESSAGE_REQ_CPG_ITERATIONNEXT;
		req.header.size = sizeof(req);
		req.iteration_handle = it->server_handle;
		struct iovec iov = { &req, sizeof(req) };
		int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
		error = cs_ipc_error(rc, &res.header);
		if (error == CS_OK) {
			mar_cpg_name_to_api(&description->group, &res.description.group);
			description->nodeid = res.description.nodeid;
			description->pid = res.description.pid;
		}
		cs_hdb_put(&cpg__handles, it->cpg_handle);
	}
	cs_hdb_put(&iterations, handle);
	return error;
}

/* Ask the daemon to close the walk @it: the transport result (0 or -errno),
 * the daemon's answer in *@error. */
static int iteration_close(struct cpg_inst *inst, const struct cpg_iter *it, cs_error_t *error)
{
	struct req_lib_cpg_iterationfinalize req;
	struct res_lib_cpg_iterationfinalize res;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CPG_ITERATIONFINALIZE;
	req.header.size = sizeof(req);
	req.iteration_handle = it->server_handle;
	struct iovec iov = { &req, sizeof(req) };
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	*error = cs_ipc_error(rc, &res.header);
	return rc;
}

CPG_EXPORT cs_error_t cpg_iteration_finalize(cpg_iteration_handle_t handle)
{
	struct cpg_iter *it;
	struct cpg_inst *inst;

	if (cs_hdb_get(&iterations, handle, (void **)&it) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_BAD_HANDLE;
	if (cs_hdb_get(&cpg__handles, it->cpg_handle, (void **)&inst) == 0) {
		/* When the request did not get through, the walk stays open
		 * (as with corosync) so that the caller may try again. */
		if (iteration_close(inst, it, &error) == 0) {
			iter_detach(inst, handle);
			cs_hdb_destroy(&iterations, handle);
		}
		cs_hdb_put(&cpg__handles, it->cpg_handle);
	}
	cs_hdb_put(&iterations, handle);
	return error;
}
