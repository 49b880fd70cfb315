/*
 * Test helper: a CIB parsed and unpacked by libpengine, kept together
 * with its document.
 */
#ifndef UNPACKED_CIB_H
#define UNPACKED_CIB_H

#include <libxml/tree.h>
#include <crm/pengine/status.h>

struct unpacked_cib {
	xmlDoc *doc;
	struct pe_cluster *c;
};

/* Parse CIB text @text and unpack it at time 0; the test fails on any
 * error.  Free with unpacked_cib_free(). */
struct unpacked_cib *unpacked_cib_new(const char *text);
void unpacked_cib_free(struct unpacked_cib *u);

#endif /* UNPACKED_CIB_H */
