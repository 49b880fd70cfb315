/*
 * The standards (resource classes) and how each one's exit codes read as
 * OCF results.
 */
#include <errno.h>
#include <string.h>

#include "services_private.h"

static const char *const svc_std_names[] = {
	[SVC_STD_OCF] = "ocf",
	[SVC_STD_LSB] = "lsb",
	[SVC_STD_SERVICE] = "service",
	[SVC_STD_STONITH] = "stonith",
};

#define SVC_N_STD (sizeof(svc_std_names) / sizeof(svc_std_names[0]))

int svc_standard_parse(const char *name, enum svc_standard *out)
{
	if (name == NULL || out == NULL) {
		return -EINVAL;
	}
	for (size_t i = 0; i < SVC_N_STD; i++) {
		if (strcmp(name, svc_std_names[i]) == 0) {
			*out = (enum svc_standard)i;
			return 0;
		}
	}
	return -EPROTONOSUPPORT;
}

const char *svc_standard_name(enum svc_standard std)
{
	if ((unsigned)std >= SVC_N_STD) {
		return "unknown";
	}
	return svc_std_names[std];
}

struct svc_code_word {
	int code;
	const char *word;
};

static const struct svc_code_word svc_rc_words[] = {
	{ PCMK_OCF_OK, "ok" },
	{ PCMK_OCF_UNKNOWN_ERROR, "error" },
	{ PCMK_OCF_INVALID_PARAM, "invalid parameter" },
	{ PCMK_OCF_UNIMPLEMENT_FEATURE, "unimplemented feature" },
	{ PCMK_OCF_INSUFFICIENT_PRIV, "insufficient privileges" },
	{ PCMK_OCF_NOT_INSTALLED, "not installed" },
	{ PCMK_OCF_NOT_CONFIGURED, "not configured" },
	{ PCMK_OCF_NOT_RUNNING, "not running" },
	{ PCMK_OCF_RUNNING_PROMOTED, "promoted" },
	{ PCMK_OCF_FAILED_PROMOTED, "promoted (failed)" },
	{ PCMK_OCF_DEGRADED, "degraded" },
	{ PCMK_OCF_DEGRADED_PROMOTED, "promoted (degraded)" },
};

static const struct svc_code_word svc_status_words[] = {
	{ PCMK_EXEC_UNKNOWN, "unknown" },
	{ PCMK_EXEC_PENDING, "pending" },
	{ PCMK_EXEC_DONE, "complete" },
	{ PCMK_EXEC_CANCELLED, "Cancelled" },
	{ PCMK_EXEC_TIMEOUT, "Timed Out" },
	{ PCMK_EXEC_NOT_SUPPORTED, "NOT SUPPORTED" },
	{ PCMK_EXEC_ERROR, "Error" },
	{ PCMK_EXEC_ERROR_HARD, "Hard error" },
	{ PCMK_EXEC_ERROR_FATAL, "Fatal error" },
	{ PCMK_EXEC_NOT_INSTALLED, "Not installed" },
	{ PCMK_EXEC_NOT_CONNECTED, "Internal communication failure" },
	{ PCMK_EXEC_INVALID, "Cannot execute now" },
	{ PCMK_EXEC_NO_FENCE_DEVICE, "No fence device" },
	{ PCMK_EXEC_NO_SECRETS, "CIB secrets unavailable" },
};

static const char *svc_word(const struct svc_code_word *table, size_t n, int code)
{
	for (size_t i = 0; i < n; i++) {
		if (table[i].code == code) {
			return table[i].word;
		}
	}
	return "unknown";
}

const char *svc_ocf_rc_str(int rc)
{
	return svc_word(svc_rc_words, G_N_ELEMENTS(svc_rc_words), rc);
}

const char *svc_exec_status_str(int status)
{
	return svc_word(svc_status_words, G_N_ELEMENTS(svc_status_words), status);
}

/* LSB "status" codes (init script spec, plus the two codes pacemaker
 * reserves in the application range) as OCF results; anything else is an
 * error. */
static const struct {
	int lsb;
	int ocf;
} svc_lsb_status_map[] = {
	{ 0, PCMK_OCF_OK },
	{ 1, PCMK_OCF_NOT_RUNNING }, /* dead, pid file left */
	{ 2, PCMK_OCF_NOT_RUNNING }, /* dead, lock file left */
	{ 3, PCMK_OCF_NOT_RUNNING },
	{ 150, PCMK_OCF_NOT_INSTALLED },
	{ 151, PCMK_OCF_INSUFFICIENT_PRIV },
};

static bool svc_is_status(const char *action)
{
	return strcmp(action, "status") == 0 || strcmp(action, "monitor") == 0;
}

static int svc_map_lsb(const char *action, int code)
{
	if (!svc_is_status(action)) {
		/* the LSB codes 0..7 of other actions mean what OCF's mean */
		return (code >= 0 && code <= PCMK_OCF_NOT_RUNNING) ? code : PCMK_OCF_UNKNOWN_ERROR;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(svc_lsb_status_map); i++) {
		if (svc_lsb_status_map[i].lsb == code) {
			return svc_lsb_status_map[i].ocf;
		}
	}
	return PCMK_OCF_UNKNOWN_ERROR;
}

/* Fence agents exit 0 on success; "status" of a port exits 2 when it is
 * off.  The stonith command exits 0 or with an S_* failure code. */
static int svc_map_fence(const char *action, int code)
{
	if (code == 0) {
		return PCMK_OCF_OK;
	}
	if (code == 2 && strcmp(action, "status") == 0) {
		return PCMK_OCF_NOT_RUNNING;
	}
	return PCMK_OCF_UNKNOWN_ERROR;
}

int svc_map_exit_code(enum svc_standard std, const char *action, int exit_code)
{
	switch (std) {
	case SVC_STD_LSB:
	case SVC_STD_SERVICE:
		return svc_map_lsb(action, exit_code);
	case SVC_STD_STONITH:
		return svc_map_fence(action, exit_code);
	case SVC_STD_OCF:
	default:
		/* OCF agents speak OCF; anything out of range is an error */
		return (exit_code >= 0 && exit_code <= 255) ? exit_code : PCMK_OCF_UNKNOWN_ERROR;
	}
}

bool svc_stonith_is_plugin(const char *type)
{
	return !g_str_has_prefix(type, "fence_");
}
