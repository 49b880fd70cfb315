/*
 * libcfg: connections, dispatch of the shutdown question, and the requests
 * without results.  Status queries are in cfg_status.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_internal.h"
#include "cs_dispatch.h"

struct cs_hdb cfg__handles = CS_HDB_INIT(cfg__inst_free);

static __attribute__((destructor)) void cfg_unload(void)
{
	cs_hdb_release(&cfg__handles);
}

struct cfg_inst *cfg__inst_new(const corosync_cfg_callbacks_t *callbacks)
{
	struct cfg_inst *inst = calloc(1, sizeof(*inst));

	if (inst != NULL && callbacks != NULL) {
		inst->callbacks = *callbacks;
	}
	return inst;
}

void cfg__inst_free(void *instance)
{
	struct cfg_inst *inst = instance;

	if (inst == NULL) {
		return;
	}
	cs_ipc_disconnect(inst->ipc);
	free(inst);
}

cs_error_t cfg__request(corosync_cfg_handle_t handle, void *req, size_t req_len, void *res,
			size_t res_len)
{
	struct cfg_inst *inst;
	struct iovec iov = { req, req_len };

	if (cs_hdb_get(&cfg__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, res, res_len);
	cs_hdb_put(&cfg__handles, handle);
	return cs_ipc_error(rc, res);
}

/* A request with no arguments and a bare reply. */
static cs_error_t simple_request(corosync_cfg_handle_t handle, int32_t id)
{
	struct qb_ipc_request_header req = { .id = id, .size = sizeof(req) };
	struct qb_ipc_response_header res;

	return cfg__request(handle, &req, sizeof(req), &res, sizeof(res));
}

static int on_testshutdown(void *instance, uint64_t handle, void *event, size_t size)
{
	const struct cfg_inst *inst = instance;
	const struct res_lib_cfg_testshutdown *ev = event;

	if (inst->callbacks.corosync_cfg_shutdown_callback != NULL) {
		inst->callbacks.corosync_cfg_shutdown_callback(
			handle, (corosync_cfg_shutdown_flags_t)ev->flags);
	}
	return 0;
}

static const struct cs_event_handler events[] = {
	[MESSAGE_RES_CFG_TESTSHUTDOWN] = { sizeof(struct res_lib_cfg_testshutdown),
					   on_testshutdown },
};

int cfg__event_handle(void *inst, uint64_t handle, void *event, size_t len)
{
	return cs_event_run(events, sizeof(events) / sizeof(events[0]), inst, handle, event, len);
}

CFG_EXPORT cs_error_t corosync_cfg_initialize(corosync_cfg_handle_t *cfg_handle,
					      const corosync_cfg_callbacks_t *cfg_callbacks)
{
	if (cfg_handle == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	struct cfg_inst *inst = cfg__inst_new(cfg_callbacks);
	if (inst == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	int rc = cs_ipc_connect("cfg", &inst->ipc);
	if (rc == 0) {
		rc = cs_hdb_create(&cfg__handles, inst, cfg_handle);
	}
	if (rc < 0) {
		cfg__inst_free(inst);
		return qb_to_cs_error(rc);
	}
	return CS_OK;
}

CFG_EXPORT cs_error_t corosync_cfg_finalize(corosync_cfg_handle_t cfg_handle)
{
	struct cfg_inst *inst;

	if (cs_hdb_get(&cfg__handles, cfg_handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (__atomic_exchange_n(&inst->finalizing, 1, __ATOMIC_ACQ_REL)) {
		cs_hdb_put(&cfg__handles, cfg_handle);
		return CS_ERR_BAD_HANDLE;
	}
	/* No request: the daemon forgets the connection (and its shutdown
	 * tracking) when it closes, once the last user lets go of it. */
	cs_hdb_destroy(&cfg__handles, cfg_handle);
	cs_hdb_put(&cfg__handles, cfg_handle);
	return CS_OK;
}

CFG_EXPORT cs_error_t corosync_cfg_fd_get(corosync_cfg_handle_t cfg_handle, int32_t *selection_fd)
{
	struct cfg_inst *inst;

	if (cs_hdb_get(&cfg__handles, cfg_handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = selection_fd == NULL
				   ? CS_ERR_INVALID_PARAM
				   : qb_to_cs_error(cs_ipc_fd(inst->ipc, selection_fd));
	cs_hdb_put(&cfg__handles, cfg_handle);
	return error;
}

CFG_EXPORT cs_error_t corosync_cfg_dispatch(corosync_cfg_handle_t cfg_handle,
					    cs_dispatch_flags_t dispatch_flags)
{
	struct cfg_inst *inst;

	if (cs_hdb_get(&cfg__handles, cfg_handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	struct cs_dispatch_ctx ctx = {
		.ipc = inst->ipc,
		.handle_event = cfg__event_handle,
		.inst = inst,
		.handle = cfg_handle,
		.finalizing = &inst->finalizing,
	};
	int rc = cs_dispatch(&ctx, dispatch_flags);
	cs_hdb_put(&cfg__handles, cfg_handle);
	return qb_to_cs_error(rc);
}

CFG_EXPORT cs_error_t corosync_cfg_kill_node(corosync_cfg_handle_t cfg_handle, unsigned int nodeid,
					     const char *reason)
{
	struct req_lib_cfg_killnode req;
	struct res_lib_cfg_killnode res;

	if (reason == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	size_t len = strlen(reason);
	if (len >= CS_MAX_NAME_LENGTH) {
		return CS_ERR_NAME_TOO_LONG;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CFG_KILLNODE;
	req.header.size = sizeof(req);
	req.nodeid = nodeid;
	/* The daemon logs the reason as a C string: its NUL travels too. */
	req.reason.length = (uint16_t)(len + 1);
	memcpy(req.reason.value, reason, len);
	return cfg__request(cfg_handle, &req, sizeof(req), &res, sizeof(res));
}

CFG_EXPORT cs_error_t corosync_cfg_trackstart(corosync_cfg_handle_t cfg_handle, uint8_t track_flags)
{
	struct req_lib_cfg_trackstart req;
	struct res_lib_cfg_trackstart res;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CFG_TRACKSTART;
	req.header.size = sizeof(req);
	req.track_flags = track_flags;
	return cfg__request(cfg_handle, &req, sizeof(req), &res, sizeof(res));
}

CFG_EXPORT cs_error_t corosync_cfg_trackstop(corosync_cfg_handle_t cfg_handle)
{
	return simple_request(cfg_handle, MESSAGE_REQ_CFG_TRACKSTOP);
}

CFG_EXPORT cs_error_t corosync_cfg_try_shutdown(corosync_cfg_handle_t cfg_handle,
						corosync_cfg_shutdown_flags_t flags)
{
	struct req_lib_cfg_tryshutdown req;
	struct res_lib_cfg_tryshutdown res;

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CFG_TRYSHUTDOWN;
	req.header.size = sizeof(req);
	req.flags = (uint32_t)flags;
	return cfg__request(cfg_handle, &req, sizeof(req), &res, sizeof(res));
}

/* Only whether the answer got through is reported, as corosync's library
 * does: its daemon answers CS_ERR_ACCESS to a reply when no shutdown
 * question is pending, and programs written for it do not expect that. */
CFG_EXPORT cs_error_t corosync_cfg_replyto_shutdown(corosync_cfg_handle_t cfg_handle,
						    corosync_cfg_shutdown_reply_flags_t flags)
{
	struct cfg_inst *inst;
	struct req_lib_cfg_replytoshutdown req;
	struct res_lib_cfg_replytoshutdown res;
	struct iovec iov = { &req, sizeof(req) };

	if (cs_hdb_get(&cfg__handles, cfg_handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CFG_REPLYTOSHUTDOWN;
	req.header.size = sizeof(req);
	req.response = (uint32_t)flags;
	int rc = cs_ipc_request(inst->ipc, 1, &iov, 1, &res, sizeof(res));
	cs_hdb_put(&cfg__handles, cfg_handle);
	return qb_to_cs_error(rc);
}

CFG_EXPORT cs_error_t corosync_cfg_local_get(corosync_cfg_handle_t handle,
					     unsigned int *local_nodeid)
{
	struct req_lib_cfg_local_get req = { .header = { .id = MESSAGE_REQ_CFG_LOCAL_GET,
							 .size = sizeof(req) } };
	struct res_lib_cfg_local_get res;

	if (local_nodeid == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	cs_error_t error = cfg__request(handle, &req, sizeof(req), &res, sizeof(res));
	if (error == CS_OK) {
		*local_nodeid = res.local_nodeid;
	}
	return error;
}

CFG_EXPORT cs_error_t corosync_cfg_reload_config(corosync_cfg_handle_t handle)
{
	return simple_request(handle, MESSAGE_REQ_CFG_RELOAD_CONFIG);
}

CFG_EXPORT cs_error_t corosync_cfg_reopen_log_files(corosync_cfg_handle_t handle)
{
	return simple_request(handle, MESSAGE_REQ_CFG_REOPEN_LOG_FILES);
}
