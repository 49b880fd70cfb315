/*
 * Randomized round trip: random edits old -> new, patch = create(old,
 * new), apply(patch) to a copy of old must give new (compared as CIB
 * content), and config_changed must say whether the configuration
 * differs.  The seed is printed; rerun one with PATCH_TEST_SEED=n.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/cib/patch.h>
#include <crm/common/xml.h>

#include "../cib_patch_private.h"
#include "patch_random.h"

#define ITERATIONS 400
#define RESET_EVERY 25

static bool config_differs(const xmlNode *old, const xmlNode *new)
{
	const xmlNode *a = pcmk_xml_first_child(old, "configuration");
	const xmlNode *b = pcmk_xml_first_child(new, "configuration");

	if (a == NULL || b == NULL) {
		return a != b;
	}
	return !cib_patch_xml_equal(a, b);
}

/* The patch as it travels: serialized and parsed again. */
static xmlNode *reparse(const xmlNode *patch)
{
	char *text = pcmk_xml_to_string(patch, false);
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	free(text);
	return xmlDocGetRootElement(doc);
}

static void check_once(guint32 seed, int iter, const xmlNode *old, const xmlNode *new)
{
	xmlNode *patch = NULL, *copy = pcmk_xml_copy(old), *wire;
	bool changed = false;
	char *error = NULL;
	int rc;

	assert_int_equal(cib_patch_create(old, new, &patch, &changed), 0);
	assert_non_null(patch); /* the version always moves */
	wire = reparse(patch);
	rc = cib_patch_apply(copy, wire, false, &error);
	if (rc != 0 || !cib_patch_xml_equal(copy, new) || changed != config_differs(old, new)) {
		char *p = pcmk_xml_to_string(patch, true), *o = pcmk_xml_to_string(old, true);

		print_message("# old:\n%s# patch:\n%s", o, p);
		fail_msg("seed %u iteration %d: rc %d (%s), result %s new, config_changed %d", seed,
			 iter, rc, error != NULL ? error : "",
			 cib_patch_xml_equal(copy, new) ? "equals" : "differs from", changed);
	}
	pcmk_xml_free(patch);
	pcmk_xml_free(wire);
	pcmk_xml_free(copy);
}

static void random_round_trips(void **state)
{
	guint32 seed = patch_random_seed();
	GRand *rng = g_rand_new_with_seed(seed);
	xmlNode *old = patch_random_base();
	int serial = 0;

	(void)state;
	print_message("# seed %u (PATCH_TEST_SEED)\n", seed);
	for (int iter = 0; iter < ITERATIONS; iter++) {
		xmlNode *new = pcmk_xml_copy(old);

		patch_random_edit(rng, new, g_rand_int_range(rng, 1, 9), &serial);
		check_once(seed, iter, old, new);
		pcmk_xml_free(old);
		old = new;
		if (iter % RESET_EVERY == RESET_EVERY - 1) {
			pcmk_xml_free(old);
			old = patch_random_base();
		}
	}
	pcmk_xml_free(old);
	g_rand_free(rng);
}

/* Equal trees give no patch; the CIB is still a valid starting point. */
static void no_change_no_patch(void **state)
{
	xmlNode *a = patch_random_base(), *b = patch_random_base(), *patch = (xmlNode *)1;

	(void)state;
	assert_int_equal(cib_patch_create(a, b, &patch, NULL), 0);
	assert_null(patch);
	pcmk_xml_free(a);
	pcmk_xml_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_round_trips),
		cmocka_unit_test(no_change_no_patch),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
