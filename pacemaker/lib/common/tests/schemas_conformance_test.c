/*
 * Conformance of our schemas with pacemaker's: every CIB among the
 * anchors (scheduler inputs, crm_mon and crm_verify inputs, crm shell
 * configurations) that pacemaker's own schema accepts must validate with
 * ours too.  pacemaker's installed schemas are the oracle when present
 * (read by libxml2 as they are, never copied); without them every anchor
 * is taken as valid.  Skips when the anchors are absent.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/relaxng.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

#define REAL_SCHEMAS "/usr/share/pacemaker"

static const char *const anchor_dirs[] = {
	"pacemaker-scheduler/xml",
	"crm_mon",
	"crm_verify",
	"crmsh",
};

struct tally {
	int cibs, skipped, real_valid, ours_valid, real_invalid, ours_rejects;
};

static char anchors[4096];

static bool find_anchors(void)
{
	const char *top = getenv("abs_top_srcdir");

	/* beside the source tree, in ../shared */
	snprintf(anchors, sizeof(anchors), "%s/../shared/anchors",
		 top != NULL ? top : "../../../..");
	return access(anchors, R_OK) == 0;
}

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Whether pacemaker's schema @name accepts @doc: 1 yes, 0 no, -1 no oracle. */
static int real_verdict(xmlDoc *doc, const char *name)
{
	char path[512];
	xmlRelaxNGParserCtxtPtr parser;
	xmlRelaxNGValidCtxtPtr valid;
	xmlRelaxNGPtr schema;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s.rng", REAL_SCHEMAS, name);
	if (access(path, R_OK) != 0 || (parser = xmlRelaxNGNewParserCtxt(path)) == NULL) {
		return -1;
	}
	schema = xmlRelaxNGParse(parser);
	xmlRelaxNGFreeParserCtxt(parser);
	if (schema != NULL && (valid = xmlRelaxNGNewValidCtxt(schema)) != NULL) {
		xmlRelaxNGSetValidErrors(valid, quiet, quiet, NULL);
		rc = (xmlRelaxNGValidateDoc(valid, doc) == 0) ? 1 : 0;
		xmlRelaxNGFreeValidCtxt(valid);
	}
	xmlRelaxNGFree(schema);
	return rc;
}

/* A crm shell configuration becomes the configuration of a newest CIB. */
static xmlDoc *as_cib(xmlDoc *doc)
{
	xmlNode *root = xmlDocGetRootElement(doc), *cib;

	if (pcmk_xml_is(root, "cib")) {
		return doc;
	}
	if (!pcmk_xml_is(root, "configuration")) {
		xmlFreeDoc(doc);
		return NULL;
	}
	cib = pcmk_xml_new_root("cib");
	assert_non_null(cib);
	pcmk_xml_set_attr(cib, "validate-with", pcmk_schema_latest());
	pcmk_xml_set_attr(cib, "admin_epoch", "0");
	pcmk_xml_set_attr(cib, "epoch", "0");
	pcmk_xml_set_attr(cib, "num_updates", "0");
	xmlAddChild(cib, xmlDocCopyNode(root, cib->doc, 1));
	pcmk_xml_add_child(cib, "status");
	xmlFreeDoc(doc);
	return cib->doc;
}

static void check_file(const char *path, struct tally *t)
{
	xmlDoc *doc = NULL;
	const char *name;
	char *error = NULL;
	int real, ours;

	if (pcmk_xml_parse_file(path, &doc, NULL) != 0 || (doc = as_cib(doc)) == NULL) {
		return;
	}
	t->cibs++;
	name = pcmk_xml_attr(xmlDocGetRootElement(doc), "validate-with");
	name = name ? name : pcmk_schema_latest();
	real = pcmk_schema_known(name) && strcmp(name, "none") != 0 ? real_verdict(doc, name) : 0;
	if (!pcmk_schema_known(name) || strcmp(name, "none") == 0) {
		t->skipped += pcmk_schema_known(name);
		t->real_invalid += !pcmk_schema_known(name);
		t->ours_rejects += !pcmk_schema_known(name) && pcmk_schema_validate(doc, NULL) < 0;
		xmlFreeDoc(doc);
		return;
	}
	ours = pcmk_schema_validate(doc, &error);
	if (real != 0) {
		t->real_valid++;
		t->ours_valid += (ours == 0);
		if (ours != 0) {
			print_message("# %s: %s\n", path, error ? error : "?");
		}
	} else {
		t->real_invalid++;
		t->ours_rejects += (ours != 0);
	}
	free(error);
	xmlFreeDoc(doc);
}

static void check_dir(const char *sub, struct tally *t)
{
	char dir[4200], path[4500];
	struct dirent *e;
	DIR *d;
	/* Under valgrind (make check-memcheck) a sample is enough to find
	 * memory errors; the full corpus runs in make check. */
	unsigned int every = getenv("CHECK_UNDER_VALGRIND") != NULL ? 25 : 1;
	unsigned int seen = 0;

	snprintf(dir, sizeof(dir), "%s/%s", anchors, sub);
	d = opendir(dir);
	if (d == NULL) {
		return;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".xml") == 0 && seen++ % every == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			check_file(path, t);
		}
	}
	closedir(d);
}

static void anchors_validate(void **state)
{
	struct tally all = { 0 };

	(void)state;
	if (!find_anchors()) {
		skip();
	}
	for (size_t i = 0; i < sizeof(anchor_dirs) / sizeof(anchor_dirs[0]); i++) {
		struct tally t = { 0 };

		check_dir(anchor_dirs[i], &t);
		print_message("# %s: %d CIBs, %d valid by pacemaker's schema, %d of them by ours; "
			      "%d rejected by pacemaker's, %d of them by ours; %d with "
			      "validate-with=none\n",
			      anchor_dirs[i], t.cibs, t.real_valid, t.ours_valid, t.real_invalid,
			      t.ours_rejects, t.skipped);
		all.real_valid += t.real_valid;
		all.ours_valid += t.ours_valid;
		all.cibs += t.cibs;
	}
	assert_true(all.cibs > 0);
	assert_int_equal(all.ours_valid, all.real_valid);
}

static int teardown(void **state)
{
	(void)state;
	pcmk_schema_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(anchors_validate),
	};

	if (!find_anchors()) {
		/* a whole-program skip: automake's TAP driver counts a cmocka
		 * "not ok # SKIP" as failed */
		printf("1..0 # SKIP the anchors (../shared/anchors) are absent\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, teardown);
}
