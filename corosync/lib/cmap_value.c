/*
 * libcmap: reading, writing, adjusting and deleting keys.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmap_internal.h"

CMAP_EXPORT cs_error_t cmap_set(cmap_handle_t handle, const char *key_name, const void *value,
				size_t value_len, cmap_value_types_t type)
{
	struct req_lib_cmap_set req;
	struct res_lib_cmap_set res;

	if (value == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	memset(&req, 0, sizeof(req));
	int rc = cmap__key_to_wire(&req.key_name, key_name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_CMAP_SET;
	req.header.size = (int32_t)(sizeof(req) + value_len);
	req.value_len = value_len;
	req.type = (uint8_t)type;
	struct iovec iov[2] = { { &req, sizeof(req) }, { (void *)value, value_len } };
	return cmap__request(handle, iov, 2, &res, sizeof(res));
}

CMAP_EXPORT cs_error_t cmap_set_int8(cmap_handle_t handle, const char *key_name, int8_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_INT8);
}

CMAP_EXPORT cs_error_t cmap_set_uint8(cmap_handle_t handle, const char *key_name, uint8_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_UINT8);
}

CMAP_EXPORT cs_error_t cmap_set_int16(cmap_handle_t handle, const char *key_name, int16_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_INT16);
}

CMAP_EXPORT cs_error_t cmap_set_uint16(cmap_handle_t handle, const char *key_name, uint16_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_UINT16);
}

CMAP_EXPORT cs_error_t cmap_set_int32(cmap_handle_t handle, const char *key_name, int32_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_INT32);
}

CMAP_EXPORT cs_error_t cmap_set_uint32(cmap_handle_t handle, const char *key_name, uint32_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_UINT32);
}

CMAP_EXPORT cs_error_t cmap_set_int64(cmap_handle_t handle, const char *key_name, int64_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_INT64);
}

CMAP_EXPORT cs_error_t cmap_set_uint64(cmap_handle_t handle, const char *key_name, uint64_t value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_UINT64);
}

CMAP_EXPORT cs_error_t cmap_set_float(cmap_handle_t handle, const char *key_name, float value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_FLOAT);
}

CMAP_EXPORT cs_error_t cmap_set_double(cmap_handle_t handle, const char *key_name, double value)
{
	return cmap_set(handle, key_name, &value, sizeof(value), CMAP_VALUETYPE_DOUBLE);
}

/* The daemon stores the terminating NUL itself, so it is not sent. */
CMAP_EXPORT cs_error_t cmap_set_string(cmap_handle_t handle, const char *key_name,
				       const char *value)
{
	if (value == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	return cmap_set(handle, key_name, value, strlen(value), CMAP_VALUETYPE_STRING);
}

CMAP_EXPORT cs_error_t cmap_delete(cmap_handle_t handle, const char *key_name)
{
	struct req_lib_cmap_delete req;
	struct res_lib_cmap_delete res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	int rc = cmap__key_to_wire(&req.key_name, key_name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_CMAP_DELETE;
	req.header.size = sizeof(req);
	return cmap__request(handle, &iov, 1, &res, sizeof(res));
}

/* Ask for @key's value into @res (room for @room value bytes after the
 * reply header; 0 asks only for type and length).  0 with the reply in
 * @res, or -errno (-EBADMSG: a reply that claims more than it holds). */
static int get_request(struct cmap_inst *inst, const mar_name_t *key, size_t room,
		       struct res_lib_cmap_get *res)
{
	struct req_lib_cmap_get req;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	req.header.id = MESSAGE_REQ_CMAP_GET;
	req.header.size = sizeof(req);
	req.key_name = *key;
	req.value_len = room;
	/* The reply holds the value's real length, which may be less than
	 * the room asked for. */
	ssize_t got =
		cs_ipc_request_var(inst->ipc, &iov, 1, res, sizeof(*res) + room, sizeof(*res));
	if (got < 0) {
		return (int)got;
	}
	if (res->header.error == CS_OK && room > 0 &&
	    (res->value_len > room || (size_t)got < sizeof(*res) + res->value_len)) {
		return -EBADMSG;
	}
	return 0;
}

CMAP_EXPORT cs_error_t cmap_get(cmap_handle_t handle, const char *key_name, void *value,
				size_t *value_len, cmap_value_types_t *type)
{
	struct cmap_inst *inst;
	mar_name_t key;

	int rc = cmap__key_to_wire(&key, key_name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	if (value != NULL && value_len == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	if (cs_hdb_get(&cmap__handles, handle, (void **)&inst) < 0) {
		return CS_ERR_BAD_HANDLE;
	}
	size_t room = value != NULL ? *value_len : 0;
	struct res_lib_cmap_get *res = malloc(sizeof(*res) + room);
	cs_error_t error = CS_ERR_NO_MEMORY;
	if (res != NULL) {
		rc = get_request(inst, &key, room, res);
		error = cs_ipc_error(rc, &res->header);
	}
	/* With no room asked for, the daemon sends no value to copy. */
	if (error == CS_OK && value != NULL && res->value_len > room) {
		error = CS_ERR_INVALID_PARAM;
	}
	if (error == CS_OK) {
		if (type != NULL) {
			*type = (cmap_value_types_t)res->type;
		}
		if (value_len != NULL) {
			*value_len = res->value_len;
		}
		if (value != NULL) {
			memcpy(value, res->value, res->value_len);
		}
	}
	free(res);
	cs_hdb_put(&cmap__handles, handle);
	return error;
}

/* A fixed-size value of type @want, copied to @value (@size bytes). */
static cs_error_t get_fixed(cmap_handle_t handle, const char *key_name, void *value, size_t size,
			    cmap_value_types_t want)
{
	/* Room for the largest number type, so that a key of another
	 * numeric type is reported as a type mismatch, not as too long. */
	uint64_t buf[2] = { 0, 0 };
	size_t len = sizeof(buf);
	cmap_value_types_t type;

	cs_error_t error = cmap_get(handle, key_name, buf, &len, &type);
	if (error != CS_OK) {
		return error;
	}
	if (type != want) {
		return CS_ERR_INVALID_PARAM;
	}
	memcpy(value, buf, size);
	return CS_OK;
}

CMAP_EXPORT cs_error_t cmap_get_int8(cmap_handle_t handle, const char *key_name, int8_t *i8)
{
	return get_fixed(handle, key_name, i8, sizeof(*i8), CMAP_VALUETYPE_INT8);
}

CMAP_EXPORT cs_error_t cmap_get_uint8(cmap_handle_t handle, const char *key_name, uint8_t *u8)
{
	return get_fixed(handle, key_name, u8, sizeof(*u8), CMAP_VALUETYPE_UINT8);
}

CMAP_EXPORT cs_error_t cmap_get_int16(cmap_handle_t handle, const char *key_name, int16_t *i16)
{
	return get_fixed(handle, key_name, i16, sizeof(*i16), CMAP_VALUETYPE_INT16);
}

CMAP_EXPORT cs_error_t cmap_get_uint16(cmap_handle_t handle, const char *key_name, uint16_t *u16)
{
	return get_fixed(handle, key_name, u16, sizeof(*u16), CMAP_VALUETYPE_UINT16);
}

CMAP_EXPORT cs_error_t cmap_get_int32(cmap_handle_t handle, const char *key_name, int32_t *i32)
{
	return get_fixed(handle, key_name, i32, sizeof(*i32), CMAP_VALUETYPE_INT32);
}

CMAP_EXPORT cs_error_t cmap_get_uint32(cmap_handle_t handle, const char *key_name, uint32_t *u32)
{
	return get_fixed(handle, key_name, u32, sizeof(*u32), CMAP_VALUETYPE_UINT32);
}

CMAP_EXPORT cs_error_t cmap_get_int64(cmap_handle_t handle, const char *key_name, int64_t *i64)
{
	return get_fixed(handle, key_name, i64, sizeof(*i64), CMAP_VALUETYPE_INT64);
}

CMAP_EXPORT cs_error_t cmap_get_uint64(cmap_handle_t handle, const char *key_name, uint64_t *u64)
{
	return get_fixed(handle, key_name, u64, sizeof(*u64), CMAP_VALUETYPE_UINT64);
}

CMAP_EXPORT cs_error_t cmap_get_float(cmap_handle_t handle, const char *key_name, float *flt)
{
	return get_fixed(handle, key_name, flt, sizeof(*flt), CMAP_VALUETYPE_FLOAT);
}

CMAP_EXPORT cs_error_t cmap_get_double(cmap_handle_t handle, const char *key_name, double *dbl)
{
	return get_fixed(handle, key_name, dbl, sizeof(*dbl), CMAP_VALUETYPE_DOUBLE);
}

/* Two requests, as corosync's library makes: the length, then the value.
 * A string that grew in between is reported by the daemon as not fitting
 * (CS_ERR_INVALID_PARAM). */
CMAP_EXPORT cs_error_t cmap_get_string(cmap_handle_t handle, const char *key_name, char **str)
{
	size_t len;
	cmap_value_types_t type;

	if (str == NULL) {
		return CS_ERR_INVALID_PARAM;
	}
	cs_error_t error = cmap_get(handle, key_name, NULL, &len, &type);
	if (error != CS_OK) {
		return error;
	}
	if (type != CMAP_VALUETYPE_STRING) {
		return CS_ERR_INVALID_PARAM;
	}
	/* One byte more than announced keeps the result terminated even if
	 * the stored value lacks its NUL. */
	char *buf = calloc(1, len + 1);
	if (buf == NULL) {
		return CS_ERR_NO_MEMORY;
	}
	error = cmap_get(handle, key_name, buf, &len, &type);
	if (error != CS_OK) {
		free(buf);
		return error;
	}
	*str = buf;
	return CS_OK;
}

static cs_error_t adjust(cmap_handle_t handle, const char *key_name, int32_t step)
{
	struct req_lib_cmap_adjust_int req;
	struct res_lib_cmap_adjust_int res;
	struct iovec iov = { &req, sizeof(req) };

	memset(&req, 0, sizeof(req));
	int rc = cmap__key_to_wire(&req.key_name, key_name);
	if (rc < 0) {
		return qb_to_cs_error(rc);
	}
	req.header.id = MESSAGE_REQ_CMAP_ADJUST_INT;
	req.header.size = sizeof(req);
	req.step = step;
	return cmap__request(handle, &iov, 1, &res, sizeof(res));
}

CMAP_EXPORT cs_error_t cmap_inc(cmap_handle_t handle, const char *key_name)
{
	return adjust(handle, key_name, 1);
}

CMAP_EXPORT cs_error_t cmap_dec(cmap_handle_t handle, const char *key_name)
{
	return adjust(handle, key_name, -1);
}
