/* Helpers of the libcrmconf unit tests: a CIB built from configure lines. */
#ifndef CRMCONF_GOLDEN_H
#define CRMCONF_GOLDEN_H

#include <libxml/tree.h>

#include "crmconf.h"

/* An empty CIB (as cibadmin --empty) with each of @lines applied; every
 * line must parse and apply (the test fails otherwise). */
xmlDoc *golden_cib(const char *const *lines);

/* `show` of @cib (caller frees with g_free()). */
char *golden_show(xmlDoc *cib);

/* Apply @line to @cib; returns crmconf_apply()'s result, or the parse
 * result when the line does not parse. */
int golden_apply(xmlDoc *cib, const char *line, struct crmconf_msgs *msgs);

#endif
