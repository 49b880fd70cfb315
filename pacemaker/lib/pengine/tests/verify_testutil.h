/*
 * Helpers of the crm_verify library tests: a report's lines as crm_verify
 * prints them at a verbosity.
 */
#ifndef VERIFY_TESTUTIL_H
#define VERIFY_TESTUTIL_H

#include <crm/pengine/verify.h>

/* All lines of @r shown at @verbosity, joined (caller frees with g_free). */
char *verify_text(const struct pe_verify_report *r, int verbosity);

/* A minimal valid CIB (pacemaker-3.9) with @crm_config nvpairs, @resources
 * and @status inside their sections (caller frees with g_free). */
char *verify_cib(const char *crm_config, const char *resources, const char *status);

/* Parse @text (must succeed) and run the checks; the report (caller frees). */
struct pe_verify_report *verify_run(const char *text);

#endif /* VERIFY_TESTUTIL_H */
