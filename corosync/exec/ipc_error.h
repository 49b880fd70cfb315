/*
 * The one place where the daemon's results (0 or a negative errno) become
 * the cs_error_t that corosync's client libraries expect in a response.
 * Services call it at the IPC edge only; everything below returns errno.
 */
#ifndef CS_IPC_ERROR_H
#define CS_IPC_ERROR_H

#include <errno.h>
#include <stdint.h>
#include <corosync/corotypes.h>

static inline int32_t cs_ipc_error(int rc)
{
	switch (rc) {
	case 0:
		return CS_OK;
	case -EAGAIN:
	case -ENOBUFS:
		return CS_ERR_TRY_AGAIN;
	case -EINVAL:
		return CS_ERR_INVALID_PARAM;
	case -ENOSPC:
		return CS_ERR_NO_SPACE;
	case -ENOMEM:
		return CS_ERR_NO_MEMORY;
	case -EBADF:
		return CS_ERR_BAD_HANDLE;
	case -EBUSY:
		return CS_ERR_BUSY;
	case -EACCES:
	case -EPERM:
		return CS_ERR_ACCESS;
	case -ENOENT:
	case -ENODEV:
		return CS_ERR_NOT_EXIST;
	case -ENAMETOOLONG:
		return CS_ERR_NAME_TOO_LONG;
	case -EEXIST:
		return CS_ERR_EXIST;
	case -ENODATA:
		return CS_ERR_NO_SECTIONS;
	case -ENOTSUP:
	case -ENOSYS:
		return CS_ERR_NOT_SUPPORTED;
	case -ETIMEDOUT:
		return CS_ERR_TIMEOUT;
	case -EMSGSIZE:
		return CS_ERR_TOO_BIG;
	default:
		return CS_ERR_LIBRARY;
	}
}

#endif /* CS_IPC_ERROR_H */
