/*
 * libcmap: connections, dispatch and context.  Reading and writing keys is
 * in cmap_value.c, walks in cmap_iter.c, tracks in cmap_track.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmap_internal.h"
#include "cs_dispatch.h"

struct cs_hdb cmap__handles = CS_HDB_INIT(cmap__inst_free);

static __attribute__((destructor)) void cmap_unload(void)
{
	cs_hdb_release(&cmap__handles);
}

struct cmap_inst *cmap__inst_new(void)
{
	return calloc(1, sizeof(struct cmap_inst));
}

void cmap__inst_free(void *instance)
{
	struct cmap_inst *inst = instance;

	if (inst == NULL) {
		return;
	}
	cs_ipc_disconnect(inst->ipc);
	free(inst);
}

int cmap__key_to_wire(mar_name_t *dst, const char *key)
{
	if (key == NULL) {
		return -EINVAL;
	}
	size_t len = strlen(key);
	if (len >= CS_MAX_NAME_LENGTH) {
		return -EOVERFLOW;
	}
	memset(dst, 0, sizeof(*dst));
	dst->length = (uint16_t)len;
	memcpy(dst->value, key, len);
	return 0;
}

cs_error_t cmap__request(cmap_handle_t handle, const struct iovec *iov, unsigned int iovcnt,
			 void *res, size_t res_len)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	int rc = cs_ipc_request(inst->ipc, 1, iov, iovcnt, res, res_len);
	cs_hdb_put(&cmap__handles, handle);
	return cs_ipc_error(rc, res);
}

/* Point the connection at map @map for all later requests. */
static cs_error_t select_map(cmap_handle_t handle, cmap_map_t map)
{
	struct req_lib_cmap_set_current_map req;
	struct res_lib_cmap_set_current_map res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CMAP_SET_CURRENT_MAP;
	req.header.size = sizeof(req);
	req.map = (int32_t)map;
	return cmap__request(handle, &iov, 1, &res, sizeof(res));
}

CMAP_EXPORT cs_error_t cmap_initialize(cmap_handle_t *handle)
{
	if (handle == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	struct cmap_inst *inst = cmap__inst_new();
	if (inst == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	int rc = cs_ipc_connect("cmap", &inst->ipc);
	if (rc == 0) {
		rc = cs_hdb_create(&cmap__handles, inst, handle);
	}
	if (rc < 0) {
		cmap__inst_free(inst);
		return qb_to_cs_error(rc);
	}
	return CS_OK;
}

CMAP_EXPORT cs_error_t cmap_initialize_map(cmap_handle_t *handle, cmap_map_t map)
{
	cs_error_t error = cmap_initialize(handle);

	if (error != CS_OK) {
		return error;
	}
	error = select_map(*handle, map);
	if (error != CS_OK) {
		cmap_finalize(*handle);
	}
	return error;
}

CMAP_EXPORT cs_error_t cmap_finalize(cmap_handle_t handle)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	if (__atomic_exchange_n(&inst->finalizing, 1, __ATOMIC_ACQ_REL)) {
		cs_hdb_put(&cmap__handles, handle);
		return CS_ERR_BAD_HANDLE;
	}
	/* cmap has no finalize request: closing the connection (when the
	 * last user lets go of the instance) ends its tracks and walks in
	 * the daemon. */
	cmap__tracks_drop(handle);
	cs_hdb_destroy(&cmap__handles, handle);
	cs_hdb_put(&cmap__handles, handle);
	return CS_OK;
}

CMAP_EXPORT cs_error_t cmap_fd_get(cmap_handle_t handle, int *fd)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error =
		fd == NULL ? CS_ERR_INVALID_PARAM : qb_to_cs_error(cs_ipc_fd(inst->ipc, fd));
	cs_hdb_put(&cmap__handles, handle);
	return error;
}

CMAP_EXPORT cs_error_t cmap_dispatch(cmap_handle_t handle, cs_dispatch_flags_t dispatch_types)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	struct cs_dispatch_ctx ctx = {
		.ipc = inst->ipc,
		.handle_event = cmap__event_handle,
		.inst = inst,
		.handle = handle,
		.finalizing = &inst->finalizing,
	};
	int rc = cs_dispatch(&ctx, dispatch_types);
	cs_hdb_put(&cmap__handles, handle);
	return qb_to_cs_error(rc);
}

CMAP_EXPORT cs_error_t cmap_context_get(cmap_handle_t handle, const void **context)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	cs_error_t error = CS_ERR_INVALID_PARAM;
	if (context != NULL) {
		*context = inst->context;
		error = CS_OK;
	}
	cs_hdb_put(&cmap__handles, handle);
	return error;
}

CMAP_EXPORT cs_error_t cmap_context_set(cmap_handle_t handle, const void *context)
{
	struct cmap_inst *inst;

	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	inst->context = context;
	cs_hdb_put(&cmap__handles, handle);
	return CS_OK;
}
