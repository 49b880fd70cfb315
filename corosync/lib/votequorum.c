/*
 * libvotequorum: connections, dispatch of the notifications, context.  The
 * queries and commands are in votequorum_calls.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cs_dispatch.h"
#include "votequorum_internal.h"

struct cs_hdb votequorum__handles = CS_HDB_INIT(votequorum__inst_free);

static __attribute__((destructor)) void votequorum_unload(void)
{
	cs_hdb_release(&votequorum__handles);
}

struct votequorum_inst *votequorum__inst_new(const votequorum_callbacks_t *callbacks)
{
	struct votequorum_inst *inst = calloc(1, sizeof(*inst));

	if (inst != NULL && callbacks != NULL) {
		inst->callbacks = *callbacks;
	}
	return inst;
}

void votequorum__inst_free(void *instance)
{
	struct votequorum_inst *inst = instance;

	if (inst == NULL) {
		return;
	}
	cs_ipc_disconnect(inst->ipc);
	free(inst);
}

cs_error_t votequorum__status_request(votequorum_handle_t handle, void *req, size_t req_len)
{
	struct votequorum_inst *inst;
	struct res_lib_votequorum_status res;
	struct iovec iov = { req, req_len };

	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	cs_hdb_put(&votequorum__handles, handle);
	return cs_ipc_error(rc, &res.header);
}

static int on_quorum(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct votequorum_inst *inst = instance;
	struct res_lib_votequorum_quorum_notification *ev = event;

	if (ev->node_list_entries > (size - sizeof(*ev)) / sizeof(struct votequorum_node)) {
		return -EBADMSG;
	}
	if (inst->callbacks.votequorum_quorum_notify_fn != NULL) {
		/* votequorum_node_t and the wire entry are both two uint32_t. */
		inst->callbacks.votequorum_quorum_notify_fn(
			handle, ev->context, (uint32_t)ev->quorate, ev->node_list_entries,
			(votequorum_node_t *)ev->node_list);
	}
	return 0;
}

static int on_nodelist(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct votequorum_inst *inst = instance;
	struct res_lib_votequorum_nodelist_notification *ev = event;

	if (ev->node_list_entries > (size - sizeof(*ev)) / sizeof(uint32_t)) {
		return -EBADMSG;
	}
	if (inst->callbacks.votequorum_nodelist_notify_fn != NULL) {
		votequorum_ring_id_t ring = { .nodeid = ev->ring_id.nodeid,
					      .seq = ev->ring_id.seq };
		inst->callbacks.votequorum_nodelist_notify_fn(handle, ev->context, ring,
							      ev->node_list_entries, ev->node_list);
	}
	return 0;
}

static int on_expectedvotes(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct votequorum_inst *inst = instance;
	const struct res_lib_votequorum_expectedvotes_notification *ev = event;

	if (inst->callbacks.votequorum_expectedvotes_notify_fn != NULL) {
		inst->callbacks.votequorum_expectedvotes_notify_fn(handle, ev->context,
								   ev->expected_votes);
	}
	return 0;
}

enum {
	QUORUM_MIN = sizeof(struct res_lib_votequorum_quorum_notification),
	EXPECTED_MIN = sizeof(struct res_lib_votequorum_expectedvotes_notification),
	NODELIST_MIN = sizeof(struct res_lib_votequorum_nodelist_notification),
};

static const struct cs_event_handler events[] = {
	[MESSAGE_RES_VOTEQUORUM_QUORUM_NOTIFICATION] = { QUORUM_MIN, on_quorum },
	[MESSAGE_RES_VOTEQUORUM_EXPECTEDVOTES_NOTIFICATION] = { EXPECTED_MIN, on_expectedvotes },
	[MESSAGE_RES_VOTEQUORUM_NODELIST_NOTIFICATION] = { NODELIST_MIN, on_nodelist },
};

int votequorum__event_handle(void *inst, uint64_t handle, void *event, size_t len)
{
	return cs_event_run(events, sizeof(events) / sizeof(events[0]), inst, handle, event, len);
}

VOTEQUORUM_EXPORT cs_error_t votequorum_initialize(votequorum_handle_t *handle,
						   votequorum_callbacks_t *callbacks)
{
	if (handle == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	struct votequorum_inst *inst = votequorum__inst_new(callbacks);
	if (inst == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	int rc = cs_ipc_connect("votequorum", &inst->ipc);
	if (rc == 0) {
		rc = cs_hdb_create(&votequorum__handles, inst, handle);
	}
	if (rc < 0) {
		votequorum__inst_free(inst);
		return qb_to_cs_error(rc);
	}
	return CS_OK;
}

VOTEQUORUM_EXPORT cs_error_t votequorum_finalize(votequorum_handle_t handle)
{
	struct votequorum_inst *inst;

	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (__atomic_exchange_n(&inst->finalizing, 1, __ATOMIC_ACQ_REL)) {
		cs_hdb_put(&votequorum__handles, handle);
		return CS_ERR_BAD_HANDLE;
	}
	/* No request: closing the connection ends the tracking. */
	cs_hdb_destroy(&votequorum__handles, handle);
	cs_hdb_put(&votequorum__handles, handle);
	return CS_OK;
}

VOTEQUORUM_EXPORT cs_error_t votequorum_fd_get(votequorum_handle_t handle, int *fd)
{
	struct votequorum_inst *inst;

	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error =
		fd == NULL ? CS_ERR_INVALID_PARAM : qb_to_cs_error(cs_ipc_fd(inst->ipc, fd));
	cs_hdb_put(&votequorum__handles, handle);
	return error;
}

VOTEQUORUM_EXPORT cs_error_t votequorum_dispatch(votequorum_handle_t handle,
						 cs_dispatch_flags_t dispatch_types)
{
	struct votequorum_inst *inst;

	if (dispatch_types < CS_DISPATCH_ONE || dispatch_types > CS_DISPATCH_ONE_NONBLOCKING) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	struct cs_dispatch_ctx ctx = {
		.ipc = inst->ipc,
		.handle_event = votequorum__event_handle,
		.inst = inst,
		.handle = handle,
		.finalizing = &inst->finalizing,
	};
	int rc = cs_dispatch(&ctx, dispatch_types);
	cs_hdb_put(&votequorum__handles, handle);
	return qb_to_cs_error(rc);
}

VOTEQUORUM_EXPORT cs_error_t votequorum_context_get(votequorum_handle_t handle, void **context)
{
	struct votequorum_inst *inst;

	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (context != NULL) {
		*context = inst->context;
		error = CS_OK;
	}
	cs_hdb_put(&votequorum__handles, handle);
	return error;
}

VOTEQUORUM_EXPORT cs_error_t votequorum_context_set(votequorum_handle_t handle, void *context)
{
	struct votequorum_inst *inst;

	if (cs_hdb_get(&votequorum__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	inst->context = context;
	cs_hdb_put(&votequorum__handles, handle);
	return CS_OK;
}
