/*
 * Random edits of a CIB for the patch round-trip and differential tests.
 */
#ifndef CIB_TESTS_PATCH_RANDOM_H
#define CIB_TESTS_PATCH_RANDOM_H

#include <glib.h>
#include <libxml/tree.h>

/* A small CIB with configuration and status to start from (a new
 * document; free with pcmk_xml_free()). */
xmlNode *patch_random_base(void);

/* Apply @count random edits to <cib> @cib: add, remove or reorder
 * elements, set, unset or change attributes (ids included), add
 * comments, at any depth.  *@serial makes new ids unique.  Then bump
 * num_updates so the change is a valid next version. */
void patch_random_edit(GRand *rng, xmlNode *cib, int count, int *serial);

/* Seed from $PATCH_TEST_SEED, else from the clock. */
guint32 patch_random_seed(void);

#endif
