/*
 * libcmap: walks over keys.  The iteration handle is the daemon's own: it
 * is only valid on the connection that opened it, and the daemon ends it
 * when that connection closes.
 */
#include <string.h>

#include "cmap_internal.h"

CMAP_EXPORT cs_error_t cmap_iter_init(cmap_handle_t handle, const char *prefix,
				      cmap_iter_handle_t *cmap_iter_handle)
{
	struct req_lib_cmap_iter_init req;
	struct res_lib_cmap_iter_init res;
	struct iovec iov = { &req, sizeof(req) };

	if (cmap_iter_handle == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	memset(&req, 0, sizeof(req));
	if (prefix != NULL) {
		int rc = cmap__key_to_wire(&req.prefix, prefix);
		if (rc < 0) {
			return qb_to_cs_error(rc);
		}
	}
	req.header.id = MESSAGE_REQ_CMAP_ITER_INIT;
	req.header.size = sizeof(req);
	cs_error_t error = cmap__request(handle, &iov, 1, &res, sizeof(res));
	if (error == CS_OK) {
		*cmap_iter_handle = res.iter_handle;
	}
	return error;
}

CMAP_EXPORT cs_error_t cmap_iter_next(cmap_handle_t handle, cmap_iter_handle_t iter_handle,
				      char key_name[], size_t *value_len, cmap_value_types_t *type)
{
	struct req_lib_cmap_iter_next req;
	struct res_lib_cmap_iter_next res;
	struct iovec iov = { &req, sizeof(req) };

	if (key_name == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CMAP_ITER_NEXT;
	req.header.size = sizeof(req);
	req.iter_handle = iter_handle;
	cs_error_t error = cmap__request(handle, &iov, 1, &res, sizeof(res));
	if (error != CS_OK) {
		return error;
	}
	/* The name is read as a C string, as corosync's library does (not by
	 * its length field); callers size key_name CMAP_KEYNAME_MAXLEN + 1,
	 * so the copy ends there with a NUL whatever the daemon sent. */
	size_t len = strnlen((const char *)res.key_name.value, CMAP_KEYNAME_MAXLEN);
	memcpy(key_name, res.key_name.value, len);
	key_name[len] = '\0';
	if (value_len != NULL) {
		*value_len = res.value_len;
	}
	if (type != NULL) {
		*type = (cmap_value_types_t)res.type;
	}
	return CS_OK;
}

CMAP_EXPORT cs_error_t cmap_iter_finalize(cmap_handle_t handle, cmap_iter_handle_t iter_handle)
{
	struct req_lib_cmap_iter_finalize req;
	struct res_lib_cmap_iter_finalize res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CMAP_ITER_FINALIZE;
	req.header.size = sizeof(req);
	req.iter_handle = iter_handle;
	return cmap__request(handle, &iov, 1, &res, sizeof(res));
}
