/* Names and explanations of the S_* result codes: one table, indexed by code. */
#include "st_internal.h"

struct st_result {
	const char *name;
	const char *text;
};

static const struct st_result st_results[] = {
	[S_OK] = { "S_OK", "success" },
	[S_BADCONFIG] = { "S_BADCONFIG", "unusable configuration value" },
	[S_ACCESS] = { "S_ACCESS", "cannot access the device" },
	[S_INVAL] = { "S_INVAL", "missing or invalid parameter" },
	[S_BADHOST] = { "S_BADHOST", "host not controlled by this device" },
	[S_RESETFAIL] = { "S_RESETFAIL", "reset failed" },
	[S_TIMEOUT] = { "S_TIMEOUT", "timed out or interrupted" },
	[S_ISOFF] = { "S_ISOFF", "host is powered off" },
	[S_OOPS] = { "S_OOPS", "internal failure" },
};

static const struct st_result *st_result_of(int rc)
{
	static const struct st_result unknown = { "S_unknown", "unknown result" };
	size_t n = sizeof(st_results) / sizeof(st_results[0]);

	return (rc >= 0 && (size_t)rc < n) ? &st_results[rc] : &unknown;
}

ST_EXPORT const char *stonith_result_name(int rc)
{
	return st_result_of(rc)->name;
}

ST_EXPORT const char *stonith_result_text(int rc)
{
	return st_result_of(rc)->text;
}
