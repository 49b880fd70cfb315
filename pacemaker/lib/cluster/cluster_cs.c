/*
 * The one place where corosync's cs_error_t becomes an errno value.
 */
#include <errno.h>

#include "cluster_private.h"

static const int cs_errnos[] = {
	[CS_OK] = 0,
	[CS_ERR_LIBRARY] = -ENOTCONN, /* the daemon does not run */
	[CS_ERR_VERSION] = -EPROTO,
	[CS_ERR_INIT] = -EAGAIN,
	[CS_ERR_TIMEOUT] = -ETIMEDOUT,
	[CS_ERR_TRY_AGAIN] = -EAGAIN,
	[CS_ERR_INVALID_PARAM] = -EINVAL,
	[CS_ERR_NO_MEMORY] = -ENOMEM,
	[CS_ERR_BAD_HANDLE] = -EBADF,
	[CS_ERR_BUSY] = -EBUSY,
	[CS_ERR_ACCESS] = -EACCES,
	[CS_ERR_NOT_EXIST] = -ENOENT,
	[CS_ERR_NAME_TOO_LONG] = -ENAMETOOLONG,
	[CS_ERR_EXIST] = -EEXIST,
	[CS_ERR_NO_SPACE] = -ENOSPC,
	[CS_ERR_INTERRUPT] = -EINTR,
	[CS_ERR_NAME_NOT_FOUND] = -ENOENT,
	[CS_ERR_NO_RESOURCES] = -ENOBUFS,
	[CS_ERR_NOT_SUPPORTED] = -EOPNOTSUPP,
	[CS_ERR_BAD_OPERATION] = -EINVAL,
	[CS_ERR_FAILED_OPERATION] = -EIO,
	[CS_ERR_MESSAGE_ERROR] = -EBADMSG,
	[CS_ERR_QUEUE_FULL] = -EAGAIN,
	[CS_ERR_QUEUE_NOT_AVAILABLE] = -EAGAIN,
	[CS_ERR_BAD_FLAGS] = -EINVAL,
	[CS_ERR_TOO_BIG] = -EMSGSIZE,
	[CS_ERR_NO_SECTIONS] = -ENOENT,
	[CS_ERR_CONTEXT_NOT_FOUND] = -ENOENT,
	[CS_ERR_TOO_MANY_GROUPS] = -ENOSPC,
	[CS_ERR_SECURITY] = -EACCES,
};

int cluster_cs_errno(cs_error_t err)
{
	if ((size_t)err < sizeof(cs_errnos) / sizeof(cs_errnos[0]) &&
	    (err == CS_OK || cs_errnos[err] != 0)) {
		return cs_errnos[err];
	}
	return -EPROTO;
}
