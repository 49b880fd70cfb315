/*
 * Shared by the pengine daemon's tests: a small CIB to schedule, scratch
 * directories and reading back the saved .bz2 inputs.
 */
#ifndef PENGINE_TESTUTIL_H
#define PENGINE_TESTUTIL_H

#include <stdbool.h>
#include <libxml/tree.h>

/* A two-node cluster with one resource: the crm_config holds @options
 * (nvpair elements, may be "") and the constraints @constraints (may be
 * ""); @epoch makes inputs differ.  Returns the <cib> (pcmk_xml_free()). */
xmlNode *testutil_cib(const char *options, const char *constraints, int epoch);

/* Parse @text into an element (pcmk_xml_free()); fails the test on
 * error. */
xmlNode *testutil_parse(const char *text);

/* A new empty directory under $TMPDIR (g_free() the name) and its removal
 * with everything in it. */
char *testutil_tmpdir(void);
void testutil_rmdir(char *dir);

/* Read the bzip2-compressed XML file @path.  Returns its root element
 * (pcmk_xml_free()), NULL when it cannot be read or parsed. */
xmlNode *testutil_read_bz2(const char *path);

/* Whether file @dir/@name exists. */
bool testutil_exists(const char *dir, const char *name);

/* The contents of @dir/@name (g_free()), NULL when unreadable. */
char *testutil_slurp(const char *dir, const char *name);

#endif /* PENGINE_TESTUTIL_H */
