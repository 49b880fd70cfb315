/*
 * Words and exit codes for library results: the one place where a
 * negative errno or PCMK_E_* code becomes what a tool prints and returns.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include <crm/common/results.h>

struct pcmk_error_info {
	const char *words;
	enum pcmk_exit exit_code;
};

/* Indexed by PCMK_E_* - PCMK_E_BASE. */
static const struct pcmk_error_info pcmk_errors[] = {
	[PCMK_E_SCHEMA - PCMK_E_BASE] = { "Update does not conform to the configured schema",
					  PCMK_EX_CONFIG },
	[PCMK_E_TRANSFORM - PCMK_E_BASE] = { "Schema transform failed", PCMK_EX_CONFIG },
	[PCMK_E_OLD_DATA -
		PCMK_E_BASE] = { "Update was older than existing configuration", PCMK_EX_OLD },
	[PCMK_E_DIFF_FAILED - PCMK_E_BASE] = { "Application of update diff failed", PCMK_EX_ERROR },
	[PCMK_E_DIFF_RESYNC -
		PCMK_E_BASE] = { "Application of update diff failed, requesting full refresh",
				 PCMK_EX_ERROR },
	[PCMK_E_NO_QUORUM - PCMK_E_BASE] = { "Operation requires quorum", PCMK_EX_QUORUM },
	[PCMK_E_CIB_CORRUPT -
		PCMK_E_BASE] = { "Could not parse on-disk configuration", PCMK_EX_ERROR },
	/* pacemaker's tools end with 1 here; cibadmin --upgrade treats it as success itself */
	[PCMK_E_SCHEMA_UNCHANGED -
		PCMK_E_BASE] = { "Schema is already the latest available", PCMK_EX_ERROR },
	[PCMK_E_NOT_DC - PCMK_E_BASE] = { "Not the designated controller", PCMK_EX_ERROR },
};

static const struct pcmk_error_info *pcmk_error_lookup(int rc)
{
	int code = -rc;

	if (code <= PCMK_E_BASE || code >= PCMK_E_MAX) {
		return NULL;
	}
	return &pcmk_errors[code - PCMK_E_BASE];
}

const char *pcmk_strerror(int rc)
{
	const struct pcmk_error_info *info = pcmk_error_lookup(rc);

	if (rc == 0) {
		return "OK";
	}
	if (info != NULL) {
		return info->words;
	}
	return strerror(rc < 0 ? -rc : rc);
}

/* errno values and the exit code pacemaker's tools end with after them
 * (checked against libcrmcommon 2.1.5's pcmk_rc2exitc(); EPERM is not
 * among them there, it ends with 1 like every other errno not listed). */
static const struct {
	int err;
	enum pcmk_exit exit_code;
} errno_exits[] = {
	{ EACCES, PCMK_EX_INSUFFICIENT_PRIV },
	{ EBADMSG, PCMK_EX_PROTOCOL },
	{ EMSGSIZE, PCMK_EX_PROTOCOL },
	{ ENOMSG, PCMK_EX_PROTOCOL },
	{ EPROTO, PCMK_EX_PROTOCOL },
	{ ENOPROTOOPT, PCMK_EX_PROTOCOL },
	{ EPROTONOSUPPORT, PCMK_EX_PROTOCOL },
	{ EPROTOTYPE, PCMK_EX_PROTOCOL },
	{ ENOMEM, PCMK_EX_OSERR },
	{ ECOMM, PCMK_EX_OSERR },
	{ ECONNABORTED, PCMK_EX_DISCONNECT },
	{ ECONNREFUSED, PCMK_EX_DISCONNECT },
	{ ECONNRESET, PCMK_EX_DISCONNECT },
	{ ENOTCONN, PCMK_EX_DISCONNECT },
	{ EEXIST, PCMK_EX_EXISTS },
	{ EIO, PCMK_EX_IOERR },
	{ EOPNOTSUPP, PCMK_EX_UNIMPLEMENT_FEATURE },
	{ ENOTUNIQ, PCMK_EX_MULTIPLE },
	{ ENODEV, PCMK_EX_NOSUCH },
	{ ENOENT, PCMK_EX_NOSUCH },
	{ ENXIO, PCMK_EX_NOSUCH },
	{ ETIME, PCMK_EX_TIMEOUT },
	{ ETIMEDOUT, PCMK_EX_TIMEOUT },
	{ EAGAIN, PCMK_EX_UNSATISFIED },
	{ EBUSY, PCMK_EX_UNSATISFIED },
	/* a request the library refused as malformed: the tool's fault */
	{ EINVAL, PCMK_EX_SOFTWARE },
	{ EBADF, PCMK_EX_SOFTWARE },
	{ EFAULT, PCMK_EX_SOFTWARE },
	{ ENOSYS, PCMK_EX_SOFTWARE },
	{ EOVERFLOW, PCMK_EX_SOFTWARE },
};

enum pcmk_exit pcmk_result_to_exit(int rc)
{
	const struct pcmk_error_info *info = pcmk_error_lookup(rc);
	int err = rc < 0 ? -rc : rc;

	if (rc == 0) {
		return PCMK_EX_OK;
	}
	if (info != NULL) {
		return info->exit_code;
	}
	for (size_t i = 0; i < sizeof(errno_exits) / sizeof(errno_exits[0]); i++) {
		if (errno_exits[i].err == err) {
			return errno_exits[i].exit_code;
		}
	}
	return PCMK_EX_ERROR;
}

static const struct {
	enum pcmk_exit code;
	const char *words;
} exit_words[] = {
	{ PCMK_EX_OK, "OK" },
	{ PCMK_EX_ERROR, "Error occurred" },
	{ PCMK_EX_INVALID_PARAM, "Invalid parameter" },
	{ PCMK_EX_UNIMPLEMENT_FEATURE, "Unimplemented" },
	{ PCMK_EX_INSUFFICIENT_PRIV, "Insufficient privileges" },
	{ PCMK_EX_NOT_INSTALLED, "Not installed" },
	{ PCMK_EX_NOT_CONFIGURED, "Not configured" },
	{ PCMK_EX_NOT_RUNNING, "Not running" },
	{ PCMK_EX_USAGE, "Incorrect usage" },
	{ PCMK_EX_DATAERR, "Invalid data given" },
	{ PCMK_EX_NOINPUT, "Input file not available" },
	{ PCMK_EX_NOUSER, "User does not exist" },
	{ PCMK_EX_NOHOST, "Host does not exist" },
	{ PCMK_EX_UNAVAILABLE, "Necessary service unavailable" },
	{ PCMK_EX_SOFTWARE, "Internal software bug" },
	{ PCMK_EX_OSERR, "Operating system error occurred" },
	{ PCMK_EX_OSFILE, "System file not available" },
	{ PCMK_EX_CANTCREAT, "Cannot create output file" },
	{ PCMK_EX_IOERR, "I/O error occurred" },
	{ PCMK_EX_TEMPFAIL, "Temporary failure, try again" },
	{ PCMK_EX_PROTOCOL, "Protocol violated" },
	{ PCMK_EX_NOPERM, "Insufficient privileges" },
	{ PCMK_EX_CONFIG, "Invalid configuration" },
	{ PCMK_EX_FATAL, "Fatal error occurred, will not respawn" },
	{ PCMK_EX_PANIC, "System panic required" },
	{ PCMK_EX_DISCONNECT, "Not connected" },
	{ PCMK_EX_OLD, "Update was older than existing configuration" },
	{ PCMK_EX_DIGEST, "Digest mismatch" },
	{ PCMK_EX_NOSUCH, "No such object" },
	{ PCMK_EX_QUORUM, "Quorum required" },
	{ PCMK_EX_UNSAFE, "Operation not safe" },
	{ PCMK_EX_EXISTS, "Requested item already exists" },
	{ PCMK_EX_MULTIPLE, "Multiple items match request" },
	{ PCMK_EX_EXPIRED, "Requested item has expired" },
	{ PCMK_EX_NOT_YET_IN_EFFECT, "Requested item is not yet in effect" },
	{ PCMK_EX_INDETERMINATE, "Could not determine status" },
	{ PCMK_EX_UNSATISFIED, "Not applicable under current conditions" },
	{ PCMK_EX_TIMEOUT, "Timeout occurred" },
	{ PCMK_EX_DEGRADED, "Service is active but might fail soon" },
	{ PCMK_EX_DEGRADED_PROMOTED, "Service is promoted but might fail soon" },
	{ PCMK_EX_NONE, "No exit status available" },
};

const char *pcmk_exit_str(enum pcmk_exit code)
{
	for (size_t i = 0; i < sizeof(exit_words) / sizeof(exit_words[0]); i++) {
		if (exit_words[i].code == code) {
			return exit_words[i].words;
		}
	}
	return "Unknown exit status";
}
