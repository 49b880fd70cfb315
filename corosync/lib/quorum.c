/*
 * libquorum: connections, the quorate query, tracking and its
 * notifications (models V0 and V1).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cs_dispatch.h"
#include "quorum_internal.h"

struct cs_hdb quorum__handles = CS_HDB_INIT(quorum__inst_free);

static __attribute__((destructor)) void quorum_unload(void)
{
	cs_hdb_release(&quorum__handles);
}

struct quorum_inst *quorum__inst_new(quorum_model_t model, const quorum_model_data_t *model_data,
				     const void *context, int *err)
{
	if (model != QUORUM_MODEL_V0 && model != QUORUM_MODEL_V1) {
		*err = -EINVAL;
		return NULL;
	}
	struct quorum_inst *inst = calloc(1, sizeof(*inst));
	if (inst == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	inst->model = model;
	inst->context = context;
	if (model_data != NULL && model == QUORUM_MODEL_V0) {
		inst->v0_notify_fn = ((const quorum_model_v0_data_t *)model_data)->quorum_notify_fn;
	} else if (model_data != NULL) {
		const quorum_model_v1_data_t *v1 = (const quorum_model_v1_data_t *)model_data;
		inst->v1_quorum_fn = v1->quorum_notify_fn;
		inst->v1_nodelist_fn = v1->nodelist_notify_fn;
	}
	return inst;
}

void quorum__inst_free(void *instance)
{
	struct quorum_inst *inst = instance;

	if (inst == NULL) {
		return;
	}
	cs_ipc_disconnect(inst->ipc);
	free(inst);
}

static int on_v0_notification(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct quorum_inst *inst = instance;
	struct res_lib_quorum_notification *ev = event;
	size_t array_at = offsetof(struct res_lib_quorum_notification, view_list);

	if (ev->view_list_entries > (size - array_at) / sizeof(uint32_t)) {
		return -EBADMSG;
	}
	if (inst->v0_notify_fn != NULL) {
		inst->v0_notify_fn(handle, (uint32_t)ev->quorate, ev->ring_seq,
				   ev->view_list_entries, ev->view_list);
	}
	return 0;
}

static int on_v1_quorum(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct quorum_inst *inst = instance;
	const struct res_lib_quorum_v1_quorum_notification *ev = event;
	size_t array_at = offsetof(struct res_lib_quorum_v1_quorum_notification, view_list);

	if (ev->view_list_entries > (size - array_at) / sizeof(uint32_t)) {
		return -EBADMSG;
	}
	if (inst->v1_quorum_fn != NULL) {
		struct quorum_ring_id ring = { .nodeid = ev->ring_id.nodeid,
					       .seq = ev->ring_id.seq };
		inst->v1_quorum_fn(handle, (uint32_t)ev->quorate, ring, ev->view_list_entries,
				   ev->view_list);
	}
	return 0;
}

static int on_v1_nodelist(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct quorum_inst *inst = instance;
	const struct res_lib_quorum_v1_nodelist_notification *ev = event;
	size_t array_at = offsetof(struct res_lib_quorum_v1_nodelist_notification, member_list);
	uint64_t m = ev->member_list_entries;
	uint64_t j = ev->joined_list_entries;
	uint64_t l = ev->left_list_entries;

	if (m + j + l > (size - array_at) / sizeof(uint32_t)) {
		return -EBADMSG;
	}
	if (inst->v1_nodelist_fn != NULL) {
		struct quorum_ring_id ring = { .nodeid = ev->ring_id.nodeid,
					       .seq = ev->ring_id.seq };
		const uint32_t *members = ev->member_list;
		inst->v1_nodelist_fn(handle, ring, (uint32_t)m, members, (uint32_t)j, members + m,
				     (uint32_t)l, members + m + j);
	}
	return 0;
}

/* The arrays start inside their structs (see ipc_quorum.h), so the least
 * size of each event is its array's offset. */
enum {
	V0_MIN = offsetof(struct res_lib_quorum_notification, view_list),
	V1_QUORUM_MIN = offsetof(struct res_lib_quorum_v1_quorum_notification, view_list),
	V1_NODELIST_MIN = offsetof(struct res_lib_quorum_v1_nodelist_notification, member_list),
};

static const struct cs_event_handler events[] = {
	[MESSAGE_RES_QUORUM_NOTIFICATION] = { V0_MIN, on_v0_notification },
	[MESSAGE_RES_QUORUM_V1_QUORUM_NOTIFICATION] = { V1_QUORUM_MIN, on_v1_quorum },
	[MESSAGE_RES_QUORUM_V1_NODELIST_NOTIFICATION] = { V1_NODELIST_MIN, on_v1_nodelist },
};

int quorum__event_handle(void *inst, uint64_t handle, void *event, size_t len)
{
	return cs_event_run(events, sizeof(events) / sizeof(events[0]), inst, handle, event, len);
}

/* Tell the daemon the connection's model (V0 connections ask only for the
 * quorum type, as corosync's library does) and learn the quorum type. */
static cs_error_t announce_model(struct quorum_inst *inst, uint32_t *quorum_type)
{
	struct req_lib_quorum_model_gettype req;
	struct res_lib_quorum_model_gettype res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	if (inst->model == QUORUM_MODEL_V0) {
		req.header.id = MESSAGE_REQ_QUORUM_GETTYPE;
		iov.iov_len = sizeof(req.header);
	} else {
		req.header.id = MESSAGE_REQ_QUORUM_MODEL_GETTYPE;
		req.model = inst->model;
	}
	req.header.size = (int32_t)iov.iov_len;
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	cs_error_t error = cs_ipc_error(rc, &res.header);
	if (error == CS_OK) {
		*quorum_type = res.quorum_type;
	}
	return error;
}

QUORUM_EXPORT cs_error_t quorum_model_initialize(quorum_handle_t *handle, quorum_model_t model,
						 quorum_model_data_t *model_data,
						 uint32_t *quorum_type, void *context)
{
	int rc = 0;

	if (handle == NULL || quorum_type == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	struct quorum_inst *inst = quorum__inst_new(model, model_data, context, &rc);
	if (inst == NULL) {
		return qb_to_cs_error(rc);
	}
	rc = cs_ipc_connect("quorum", &inst->ipc);
	cs_error_t error = qb_to_cs_error(rc);
	if (error == CS_OK) {
		error = announce_model(inst, quorum_type);
	}
	if (error == CS_OK) {
		error = qb_to_cs_error(cs_hdb_create(&quorum__handles, inst, handle));
	}
	if (error != CS_OK) {
		quorum__inst_free(inst);
	}
	return error;
}

QUORUM_EXPORT cs_error_t quorum_initialize(quorum_handle_t *handle, quorum_callbacks_t *callbacks,
					   uint32_t *quorum_type)
{
	quorum_model_v0_data_t v0 = { .model = QUORUM_MODEL_V0 };

	if (callbacks != NULL) {
		v0.quorum_notify_fn = callbacks->quorum_notify_fn;
	}
	return quorum_model_initialize(handle, QUORUM_MODEL_V0, (quorum_model_data_t *)&v0,
				       quorum_type, NULL);
}

QUORUM_EXPORT cs_error_t quorum_finalize(quorum_handle_t handle)
{
	struct quorum_inst *inst;

	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (__atomic_exchange_n(&inst->finalizing, 1, __ATOMIC_ACQ_REL)) {
		cs_hdb_put(&quorum__handles, handle);
		return CS_ERR_BAD_HANDLE;
	}
	/* No request: closing the connection ends the tracking. */
	cs_hdb_destroy(&quorum__handles, handle);
	cs_hdb_put(&quorum__handles, handle);
	return CS_OK;
}

QUORUM_EXPORT cs_error_t quorum_fd_get(quorum_handle_t handle, int *fd)
{
	struct quorum_inst *inst;

	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error =
		fd == NULL ? CS_ERR_INVALID_PARAM : qb_to_cs_error(cs_ipc_fd(inst->ipc, fd));
	cs_hdb_put(&quorum__handles, handle);
	return error;
}

QUORUM_EXPORT cs_error_t quorum_dispatch(quorum_handle_t handle, cs_dispatch_flags_t dispatch_types)
{
	struct quorum_inst *inst;

	if (dispatch_types < CS_DISPATCH_ONE || dispatch_types > CS_DISPATCH_ONE_NONBLOCKING) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	struct cs_dispatch_ctx ctx = {
		.ipc = inst->ipc,
		.handle_event = quorum__event_handle,
		.inst = inst,
		.handle = handle,
		.finalizing = &inst->finalizing,
	};
	int rc = cs_dispatch(&ctx, dispatch_types);
	cs_hdb_put(&quorum__handles, handle);
	return qb_to_cs_error(rc);
}

/* Send @req (@req_len bytes) on @handle's connection, reply into @res. */
static cs_error_t request(quorum_handle_t handle, void *req, size_t req_len, void *res,
			  size_t res_len)
{
	struct quorum_inst *inst;
	struct iovec iov = { req, req_len };

	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, res, res_len);
	cs_hdb_put(&quorum__handles, handle);
	return cs_ipc_error(rc, res);
}

QUORUM_EXPORT cs_error_t quorum_getquorate(quorum_handle_t handle, int *quorate)
{
	struct qb_ipc_request_header req = { .id = MESSAGE_REQ_QUORUM_GETQUORATE,
					     .size = sizeof(req) };
	struct res_lib_quorum_getquorate res;

	if (quorate == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	cs_error_t error = request(handle, &req, sizeof(req), &res, sizeof(res));
	if (error == CS_OK) {
		*quorate = (int)res.quorate;
	}
	return error;
}

QUORUM_EXPORT cs_error_t quorum_trackstart(quorum_handle_t handle, unsigned int flags)
{
	struct req_lib_quorum_trackstart req;
	struct qb_ipc_response_header res;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_QUORUM_TRACKSTART;
	req.header.size = sizeof(req);
	req.track_flags = flags;
	return request(handle, &req, sizeof(req), &res, sizeof(res));
}

QUORUM_EXPORT cs_error_t quorum_trackstop(quorum_handle_t handle)
{
	struct qb_ipc_request_header req = { .id = MESSAGE_REQ_QUORUM_TRACKSTOP,
					     .size = sizeof(req) };
	struct qb_ipc_response_header res;

	return request(handle, &req, sizeof(req), &res, sizeof(res));
}

QUORUM_EXPORT cs_error_t quorum_context_set(quorum_handle_t handle, const void *context)
{
	struct quorum_inst *inst;

	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	inst->context = context;
	cs_hdb_put(&quorum__handles, handle);
	return CS_OK;
}

QUORUM_EXPORT cs_error_t quorum_context_get(quorum_handle_t handle, const void **context)
{
	struct quorum_inst *inst;

	if (cs_hdb_get(&quorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (context != NULL) {
		*context = inst->context;
		error = CS_OK;
	}
	cs_hdb_put(&quorum__handles, handle);
	return error;
}
