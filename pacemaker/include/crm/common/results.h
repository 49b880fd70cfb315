/*
 * Results of the pacemaker libraries and the exit codes of the tools.
 *
 * Inside the libraries a function returns 0 or a negative number: a
 * negative errno, or one of the negative PCMK_E_* codes below for what no
 * errno says (they lie above the errno range).  Tools turn a result into
 * pacemaker's exit code in one place, pcmk_result_to_exit(), and into
 * words with pcmk_strerror().
 */
#ifndef PCMK_COMMON_RESULTS_H
#define PCMK_COMMON_RESULTS_H

/* Pacemaker-specific results (returned negated, like errno values). */
enum pcmk_error {
	PCMK_E_BASE = 1000,
	PCMK_E_SCHEMA = 1001,           /* the CIB does not conform to its schema */
	PCMK_E_TRANSFORM = 1002,        /* a schema upgrade (XSLT) failed */
	PCMK_E_OLD_DATA = 1003,         /* an update older than the CIB it is for */
	PCMK_E_DIFF_FAILED = 1004,      /* a patch does not apply to this CIB */
	PCMK_E_DIFF_RESYNC = 1005,      /* a patch is for another CIB version */
	PCMK_E_NO_QUORUM = 1006,        /* a write refused without quorum */
	PCMK_E_CIB_CORRUPT = 1007,      /* a CIB file whose digest does not match */
	PCMK_E_SCHEMA_UNCHANGED = 1008, /* upgrade asked, already the newest */
	PCMK_E_NOT_DC = 1009,           /* an operation only the DC may do */
	PCMK_E_MAX
};

/* Exit codes of the pacemaker tools (pacemaker's crm_exit_t values). */
enum pcmk_exit {
	PCMK_EX_OK = 0,
	PCMK_EX_ERROR = 1,
	PCMK_EX_INVALID_PARAM = 2,
	PCMK_EX_UNIMPLEMENT_FEATURE = 3,
	PCMK_EX_INSUFFICIENT_PRIV = 4,
	PCMK_EX_NOT_INSTALLED = 5,
	PCMK_EX_NOT_CONFIGURED = 6,
	PCMK_EX_NOT_RUNNING = 7,
	PCMK_EX_USAGE = 64,
	PCMK_EX_DATAERR = 65,
	PCMK_EX_NOINPUT = 66,
	PCMK_EX_NOUSER = 67,
	PCMK_EX_NOHOST = 68,
	PCMK_EX_UNAVAILABLE = 69,
	PCMK_EX_SOFTWARE = 70,
	PCMK_EX_OSERR = 71,
	PCMK_EX_OSFILE = 72,
	PCMK_EX_CANTCREAT = 73,
	PCMK_EX_IOERR = 74,
	PCMK_EX_TEMPFAIL = 75,
	PCMK_EX_PROTOCOL = 76,
	PCMK_EX_NOPERM = 77,
	PCMK_EX_CONFIG = 78,
	PCMK_EX_FATAL = 100,
	PCMK_EX_PANIC = 101,
	PCMK_EX_DISCONNECT = 102,
	PCMK_EX_OLD = 103,
	PCMK_EX_DIGEST = 104,
	PCMK_EX_NOSUCH = 105,
	PCMK_EX_QUORUM = 106,
	PCMK_EX_UNSAFE = 107,
	PCMK_EX_EXISTS = 108,
	PCMK_EX_MULTIPLE = 109,
	PCMK_EX_EXPIRED = 110,
	PCMK_EX_NOT_YET_IN_EFFECT = 111,
	PCMK_EX_INDETERMINATE = 112,
	PCMK_EX_UNSATISFIED = 113,
	PCMK_EX_TIMEOUT = 124,
	PCMK_EX_DEGRADED = 190,
	PCMK_EX_DEGRADED_PROMOTED = 191,
	PCMK_EX_NONE = 193,
	PCMK_EX_MAX = 255,
};

/* Words for @rc (0, a negative errno or a negative PCMK_E_* code), as
 * pacemaker's tools print them ("Update does not conform to the
 * configured schema", "No such device or address").  Static string. */
const char *pcmk_strerror(int rc);

/* The exit code a tool ends with after result @rc, as pacemaker's tools
 * map them (-ENXIO -> 105, -EEXIST -> 108, -PCMK_E_SCHEMA -> 78, ...). */
enum pcmk_exit pcmk_result_to_exit(int rc);

/* Words for exit code @code ("No such object", "Invalid configuration").
 * Static string. */
const char *pcmk_exit_str(enum pcmk_exit code);

#endif /* PCMK_COMMON_RESULTS_H */
