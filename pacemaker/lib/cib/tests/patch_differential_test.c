/*
 * Our patches against pacemaker's crm_diff on random CIB pairs:
 *  - our patch, applied by `crm_diff -p`, gives the new CIB;
 *  - crm_diff's patch, applied by us, gives what `crm_diff -p` gives.
 * Skips when crm_diff is not installed.  The seed is printed; rerun one
 * with PATCH_TEST_SEED=n.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <crm/cib/patch.h>
#include <crm/common/xml.h>

#include "../cib_patch_private.h"
#include "patch_random.h"

#define CRM_DIFF "/usr/sbin/crm_diff"
#define PAIRS 60

struct files {
	char *dir, *old, *new, *patch;
};

static void write_xml(const char *path, const xmlNode *xml)
{
	assert_int_equal(pcmk_xml_write_file(xml, path, 0600), 0);
}

/* Run crm_diff with @args and parse what it prints (NULL when nothing). */
static xmlNode *crm_diff(const char *args)
{
	char *cmd = g_strdup_printf(CRM_DIFF " %s 2>/dev/null", args);
	FILE *p = popen(cmd, "r");
	GString *out = g_string_new(NULL);
	char buf[4096];
	size_t n;
	xmlDoc *doc = NULL;

	assert_non_null(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
		g_string_append_len(out, buf, (gssize)n);
	}
	pclose(p);
	g_free(cmd);
	if (out->len > 0 && pcmk_xml_parse(out->str, out->len, &doc, NULL) < 0) {
		doc = NULL;
	}
	g_string_free(out, TRUE);
	return doc != NULL ? xmlDocGetRootElement(doc) : NULL;
}

/* Our patch through crm_diff -p. */
static bool ours_by_theirs(const struct files *f, const xmlNode *old, const xmlNode *new)
{
	xmlNode *patch = NULL, *result;
	char *args = g_strdup_printf("-o %s -p %s", f->old, f->patch);
	bool ok;

	assert_int_equal(cib_patch_create(old, new, &patch, NULL), 0);
	write_xml(f->patch, patch);
	result = crm_diff(args);
	ok = result != NULL && cib_patch_xml_equal(result, new);
	pcmk_xml_free(result);
	pcmk_xml_free(patch);
	g_free(args);
	return ok;
}

struct tally {
	int ours_ok;   /* our patch: crm_diff -p gives the new CIB */
	int theirs_ok; /* their patch: we give what crm_diff -p gives */
	int both_fail; /* ... of those: both refuse it (pacemaker's
			 * diff is wrong for id-less siblings) */
	int exact;     /* ... of those: the result is the new CIB */
};

/* crm_diff's patch through us and through crm_diff -p, both on the old
 * CIB as crm_diff read it. */
static bool theirs_by_ours(const struct files *f, struct tally *t)
{
	char *args = g_strdup_printf("-o %s -n %s", f->old, f->new);
	xmlNode *patch = crm_diff(args), *reference = NULL, *copy, *new;
	xmlDoc *old_doc = NULL, *new_doc = NULL;
	bool ok;
	int rc;

	g_free(args);
	assert_non_null(patch);
	assert_int_equal(pcmk_xml_parse_file(f->old, &old_doc, NULL), 0);
	assert_int_equal(pcmk_xml_parse_file(f->new, &new_doc, NULL), 0);
	copy = xmlDocGetRootElement(old_doc);
	new = xmlDocGetRootElement(new_doc);
	rc = cib_patch_apply(copy, patch, false, NULL);
	write_xml(f->patch, patch);
	args = g_strdup_printf("-o %s -p %s", f->old, f->patch);
	reference = crm_diff(args);
	g_free(args);
	ok = rc == 0 ? reference != NULL && cib_patch_xml_equal(copy, reference)
		     : reference == NULL;
	t->both_fail += ok && rc != 0;
	t->exact += ok && rc == 0 && cib_patch_xml_equal(copy, new);
	pcmk_xml_free(reference);
	pcmk_xml_free(patch);
	xmlFreeDoc(old_doc);
	xmlFreeDoc(new_doc);
	return ok;
}

static void files_init(struct files *f)
{
	f->dir = g_dir_make_tmp("cib_patch_diff.XXXXXX", NULL);
	assert_non_null(f->dir);
	f->old = g_build_filename(f->dir, "old.xml", NULL);
	f->new = g_build_filename(f->dir, "new.xml", NULL);
	f->patch = g_build_filename(f->dir, "patch.xml", NULL);
}

static void files_clear(struct files *f)
{
	unlink(f->old);
	unlink(f->new);
	unlink(f->patch);
	rmdir(f->dir);
	g_free(f->old);
	g_free(f->new);
	g_free(f->patch);
	g_free(f->dir);
}

static void against_crm_diff(void **state)
{
	guint32 seed = patch_random_seed();
	GRand *rng = g_rand_new_with_seed(seed);
	struct files f;
	struct tally t = { 0 };
	int serial = 0;

	(void)state;
	if (access(CRM_DIFF, X_OK) != 0) {
		g_rand_free(rng);
		skip();
	}
	files_init(&f);
	print_message("# seed %u (PATCH_TEST_SEED)\n", seed);
	for (int i = 0; i < PAIRS; i++) {
		xmlNode *old = patch_random_base(), *new;

		patch_random_edit(rng, old, g_rand_int_range(rng, 0, 10), &serial);
		new = pcmk_xml_copy(old);
		patch_random_edit(rng, new, g_rand_int_range(rng, 1, 8), &serial);
		write_xml(f.old, old);
		write_xml(f.new, new);
		if (ours_by_theirs(&f, old, new)) {
			t.ours_ok++;
		} else {
			print_message("# pair %d: crm_diff -p does not turn old into new with our "
				      "patch\n",
				      i);
		}
		if (theirs_by_ours(&f, &t)) {
			t.theirs_ok++;
		} else {
			print_message("# pair %d: crm_diff's patch applies differently here\n", i);
		}
		pcmk_xml_free(old);
		pcmk_xml_free(new);
	}
	print_message("# our patches by crm_diff: %d of %d reach the new CIB; crm_diff's by us: "
		      "%d of %d as crm_diff -p (%d reach the new CIB, %d refused by both)\n",
		      t.ours_ok, PAIRS, t.theirs_ok, PAIRS, t.exact, t.both_fail);
	files_clear(&f);
	g_rand_free(rng);
	if (t.ours_ok != PAIRS || t.theirs_ok != PAIRS) {
		fail_msg("seed %u: differences from crm_diff", seed);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(against_crm_diff),
	};

	if (access(CRM_DIFF, X_OK) != 0) {
		/* a whole-program skip: automake's TAP driver counts a cmocka
		 * "not ok # SKIP" as failed */
		printf("1..0 # SKIP %s is not installed\n", CRM_DIFF);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
