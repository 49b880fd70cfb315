/*
 * libcorosync_common: the error conversions every client library shares
 * (declared in corosync/corotypes.h).
 */
#include <errno.h>
#include <stddef.h>
#include <corosync/corotypes.h>

struct errno_map {
	int errnum;
	cs_error_t error;
};

/* libqb and the daemon report negative errnos; the API speaks cs_error_t.
 * Anything not listed (ECONNREFUSED, ENOTCONN, ...) is CS_ERR_LIBRARY. */
static const struct errno_map qb_errors[] = {
	{ EBADF, CS_ERR_BAD_HANDLE },       { ENOMEM, CS_ERR_NO_MEMORY },
	{ EAGAIN, CS_ERR_TRY_AGAIN },       { ETIMEDOUT, CS_ERR_TRY_AGAIN },
	{ ENOBUFS, CS_ERR_TRY_AGAIN },      { ENOMSG, CS_ERR_TRY_AGAIN },
	{ EBADE, CS_ERR_FAILED_OPERATION }, { ETIME, CS_ERR_TIMEOUT },
	{ EINVAL, CS_ERR_INVALID_PARAM },   { EBUSY, CS_ERR_BUSY },
	{ EACCES, CS_ERR_ACCESS },          { EOVERFLOW, CS_ERR_NAME_TOO_LONG },
	{ EEXIST, CS_ERR_EXIST },           { ENOSPC, CS_ERR_NO_SPACE },
	{ EINTR, CS_ERR_INTERRUPT },        { ENOENT, CS_ERR_NOT_EXIST },
	{ ENODEV, CS_ERR_NOT_EXIST },       { ENOSYS, CS_ERR_NOT_SUPPORTED },
	{ ENOTSUP, CS_ERR_NOT_SUPPORTED },  { EBADMSG, CS_ERR_MESSAGE_ERROR },
	{ EMSGSIZE, CS_ERR_TOO_BIG },       { E2BIG, CS_ERR_TOO_BIG },
};

/* The handle database's few errors. */
static const struct errno_map hdb_errors[] = {
	{ EBADF, CS_ERR_BAD_HANDLE },
	{ ENOMEM, CS_ERR_NO_MEMORY },
	{ EMFILE, CS_ERR_NO_RESOURCES },
	{ EACCES, CS_ERR_ACCESS },
};

static cs_error_t lookup(const struct errno_map *map, size_t n, int errnum)
{
	for (size_t i = 0; i < n; i++) {
		if (map[i].errnum == errnum) {
			return map[i].error;
		}
	}
	return CS_ERR_LIBRARY;
}

cs_error_t qb_to_cs_error(int result)
{
	if (result >= 0) {
		return CS_OK;
	}
	return lookup(qb_errors, sizeof(qb_errors) / sizeof(qb_errors[0]), -result);
}

cs_error_t hdb_error_to_cs(int res)
{
	if (res == 0) {
		return CS_OK;
	}
	return lookup(hdb_errors, sizeof(hdb_errors) / sizeof(hdb_errors[0]), -res);
}

/* Indexed by cs_error_t; gaps are NULL. */
static const char *const error_names[] = {
	[CS_OK] = "success",
	[CS_ERR_LIBRARY] = "CS_ERR_LIBRARY",
	[CS_ERR_VERSION] = "CS_ERR_VERSION",
	[CS_ERR_INIT] = "CS_ERR_INIT",
	[CS_ERR_TIMEOUT] = "CS_ERR_TIMEOUT",
	[CS_ERR_TRY_AGAIN] = "CS_ERR_TRY_AGAIN",
	[CS_ERR_INVALID_PARAM] = "CS_ERR_INVALID_PARAM",
	[CS_ERR_NO_MEMORY] = "CS_ERR_NO_MEMORY",
	[CS_ERR_BAD_HANDLE] = "CS_ERR_BAD_HANDLE",
	[CS_ERR_BUSY] = "CS_ERR_BUSY",
	[CS_ERR_ACCESS] = "CS_ERR_ACCESS",
	[CS_ERR_NOT_EXIST] = "CS_ERR_NOT_EXIST",
	[CS_ERR_NAME_TOO_LONG] = "CS_ERR_NAME_TOO_LONG",
	[CS_ERR_EXIST] = "CS_ERR_EXIST",
	[CS_ERR_NO_SPACE] = "CS_ERR_NO_SPACE",
	[CS_ERR_INTERRUPT] = "CS_ERR_INTERRUPT",
	[CS_ERR_NAME_NOT_FOUND] = "CS_ERR_NAME_NOT_FOUND",
	[CS_ERR_NO_RESOURCES] = "CS_ERR_NO_RESOURCES",
	[CS_ERR_NOT_SUPPORTED] = "CS_ERR_NOT_SUPPORTED",
	[CS_ERR_BAD_OPERATION] = "CS_ERR_BAD_OPERATION",
	[CS_ERR_FAILED_OPERATION] = "CS_ERR_FAILED_OPERATION",
	[CS_ERR_MESSAGE_ERROR] = "CS_ERR_MESSAGE_ERROR",
	[CS_ERR_QUEUE_FULL] = "CS_ERR_QUEUE_FULL",
	[CS_ERR_QUEUE_NOT_AVAILABLE] = "CS_ERR_QUEUE_NOT_AVAILABLE",
	[CS_ERR_BAD_FLAGS] = "CS_ERR_BAD_FLAGS",
	[CS_ERR_TOO_BIG] = "CS_ERR_TOO_BIG",
	[CS_ERR_NO_SECTIONS] = "CS_ERR_NO_SECTIONS",
	[CS_ERR_CONTEXT_NOT_FOUND] = "CS_ERR_CONTEXT_NOT_FOUND",
	[CS_ERR_TOO_MANY_GROUPS] = "CS_ERR_TOO_MANY_GROUPS",
	[CS_ERR_SECURITY] = "CS_ERR_SECURITY",
};

const char *cs_strerror(cs_error_t err)
{
	size_t i = (size_t)err;

	if (i < sizeof(error_names) / sizeof(error_names[0]) && error_names[i] != NULL) {
		return error_names[i];
	}
	return "unknown error";
}
