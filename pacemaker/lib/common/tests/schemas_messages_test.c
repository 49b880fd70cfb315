/*
 * What libxml2 says about invalid CIBs under our schemas.  Tools print
 * those messages as they are (crm_verify, the crm shell), so our grammar
 * must be shaped as pacemaker's is where the shape decides the words: a
 * primitive's attributes sit inside its interleave, a group's outside.
 * Each case has the messages expected from our schema; when pacemaker's
 * schemas are installed, they are also checked to say the same.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <libxml/relaxng.h>

#include <crm/common/schemas.h>
#include <crm/common/xml.h>

#define REAL_SCHEMAS "/usr/share/pacemaker"

struct msg_case {
	const char *name;
	const char *schema;
	const char *crm_config; /* content of crm_config */
	const char *resources;  /* content of resources */
	const char *expected;   /* "element: message" lines */
};

static const struct msg_case cases[] = {
	{ "primitive with a bad id", "pacemaker-3.9", "",
	  "<primitive id=\"1bad\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>",
	  "primitive: Type ID doesn't allow value '1bad'\n"
	  "primitive: Invalid sequence in interleave\n"
	  "primitive: Element primitive failed to validate content\n"
	  "primitive: Element resources has extra content: primitive\n" },
	{ "primitive without provider, 1.x", "pacemaker-1.3", "",
	  "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>",
	  "primitive: Invalid sequence in interleave\n"
	  "primitive: Element primitive failed to validate content\n"
	  "primitive: Element resources has extra content: primitive\n" },
	{ "template with a bad id", "pacemaker-2.10", "",
	  "<template id=\"1t\" class=\"lsb\" type=\"x\"/>",
	  "template: Type ID doesn't allow value '1t'\n"
	  "template: Invalid sequence in interleave\n"
	  "template: Element template failed to validate content\n"
	  "template: Element resources has extra content: template\n" },
	{ "group with a bad id", "pacemaker-3.9", "",
	  "<group id=\"1g\"><primitive id=\"a\" class=\"lsb\" type=\"x\"/></group>",
	  "primitive: Expecting an element meta_attributes, got nothing\n"
	  "group: Expecting an element primitive, got nothing\n"
	  "group: Element resources has extra content: group\n" },
	{ "master with a bad id", "pacemaker-3.9", "",
	  "<master id=\"1m\"><primitive id=\"a\" class=\"lsb\" type=\"x\"/></master>",
	  "primitive: Expecting an element meta_attributes, got nothing\n"
	  "master: Element resources has extra content: master\n" },
	{ "two operations sections", "pacemaker-3.9", "",
	  "<primitive id=\"a\" class=\"lsb\" type=\"x\"><operations/><operations/></primitive>",
	  ": Extra element operations in interleave\n"
	  "operations: Element primitive failed to validate content\n"
	  "primitive: Element resources has extra content: primitive\n" },
	{ "op with both start-delay and interval-origin", "pacemaker-3.9", "",
	  "<primitive id=\"a\" class=\"lsb\" type=\"x\"><operations><op id=\"o\" name=\"start\""
	  " interval=\"0\" start-delay=\"1\" interval-origin=\"2\"/></operations></primitive>",
	  NULL },
	{ "op requires, 3.x", "pacemaker-3.0", "",
	  "<primitive id=\"a\" class=\"lsb\" type=\"x\"><operations><op id=\"o\" name=\"start\""
	  " interval=\"0\" requires=\"quorum\"/></operations></primitive>",
	  "op: Expecting an element meta_attributes, got nothing\n"
	  ": Extra element operations in interleave\n"
	  "operations: Element primitive failed to validate content\n"
	  "primitive: Element resources has extra content: primitive\n" },
	{ "op requires, 2.x", "pacemaker-2.10", "",
	  "<primitive id=\"a\" class=\"lsb\" type=\"x\"><operations><op id=\"o\" name=\"start\""
	  " interval=\"0\" requires=\"quorum\"/></operations></primitive>",
	  "" },
	{ "removed cluster option, 3.x", "pacemaker-3.0",
	  "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"is-managed-default\""
	  " value=\"false\"/></cluster_property_set>",
	  "",
	  "nvpair: Element nvpair failed to validate attributes\n"
	  ": Extra element nvpair in interleave\n"
	  "nvpair: Element cluster_property_set failed to validate content\n"
	  "cluster_property_set: Element crm_config has extra content: cluster_property_set\n" },
	{ "old cluster stack, 3.x", "pacemaker-3.5",
	  "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"cluster-infrastructure\""
	  " value=\"cman\"/></cluster_property_set>",
	  "",
	  "nvpair: Element nvpair failed to validate attributes\n"
	  ": Extra element nvpair in interleave\n"
	  "nvpair: Element cluster_property_set failed to validate content\n"
	  "cluster_property_set: Element crm_config has extra content: cluster_property_set\n" },
	{ "current cluster stack, 3.x", "pacemaker-3.5",
	  "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"cluster-infrastructure\""
	  " value=\"corosync\"/><nvpair id-ref=\"o1\" name=\"expected-quorum-votes\"/>"
	  "</cluster_property_set>",
	  "", "" },
	{ "removed cluster options, 2.x", "pacemaker-2.10",
	  "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"default-resource-stickiness\""
	  " value=\"1\"/><nvpair id=\"o2\" name=\"cluster-infrastructure\" value=\"cman\"/>"
	  "</cluster_property_set>",
	  "", "" },
	{ "removed cluster options, 1.x", "pacemaker-1.2",
	  "<cluster_property_set id=\"o\"><nvpair id=\"o1\" name=\"stonith_enabled\""
	  " value=\"1\"/></cluster_property_set>",
	  "", "" },
};

struct collected {
	char text[4096];
	size_t used;
};

#if LIBXML_VERSION >= 21200
static void collect(void *ctx, const xmlError *err)
#else
static void collect(void *ctx, xmlError *err)
#endif
{
	struct collected *c = ctx;
	const xmlNode *node = err->node;
	const char *name = "";
	size_t len = strlen(err->message ? err->message : "");
	int n;

	if (node != NULL && node->type == XML_ELEMENT_NODE) {
		name = (const char *)node->name;
	}
	while (len > 0 && err->message[len - 1] == '\n') {
		len--;
	}
	n = snprintf(c->text + c->used, sizeof(c->text) - c->used, "%s: %.*s\n", name, (int)len,
		     err->message ? err->message : "");
	if (n > 0 && c->used + (size_t)n < sizeof(c->text)) {
		c->used += (size_t)n;
	}
}

static xmlDoc *case_cib(const struct msg_case *mc)
{
	char text[4096];
	xmlDoc *doc = NULL;

	snprintf(text, sizeof(text),
		 "<cib validate-with=\"%s\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
		 "<configuration><crm_config>%s</crm_config><nodes/><resources>%s</resources>"
		 "<constraints/></configuration><status/></cib>",
		 mc->schema, mc->crm_config, mc->resources);
	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

/* The messages of schema file @dir/@name.rng about @doc, or false when the
 * file is absent. */
static bool messages(const char *dir, const char *name, xmlDoc *doc, struct collected *out)
{
	char path[4096];
	xmlRelaxNGParserCtxtPtr parser;
	xmlRelaxNGValidCtxtPtr valid;
	xmlRelaxNGPtr schema;

	memset(out, 0, sizeof(*out));
	snprintf(path, sizeof(path), "%s/%s.rng", dir, name);
	if (access(path, R_OK) != 0) {
		return false;
	}
	parser = xmlRelaxNGNewParserCtxt(path);
	assert_non_null(parser);
	schema = xmlRelaxNGParse(parser);
	xmlRelaxNGFreeParserCtxt(parser);
	assert_non_null(schema);
	valid = xmlRelaxNGNewValidCtxt(schema);
	assert_non_null(valid);
	xmlRelaxNGSetValidStructuredErrors(valid, collect, out);
	xmlRelaxNGValidateDoc(valid, doc);
	xmlRelaxNGFreeValidCtxt(valid);
	xmlRelaxNGFree(schema);
	return true;
}

static void same_words(void **state)
{
	const char *ours_dir = getenv("PCMK_schema_directory");
	int compared = 0;

	(void)state;
	assert_non_null(ours_dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct msg_case *mc = &cases[i];
		xmlDoc *doc = case_cib(mc);
		struct collected ours, real;

		assert_true(messages(ours_dir, mc->schema, doc, &ours));
		if (mc->expected != NULL && strcmp(ours.text, mc->expected) != 0) {
			print_error("%s: ours says\n%s", mc->name, ours.text);
			fail();
		}
		if (mc->expected == NULL && ours.used == 0) {
			print_error("%s: accepted by ours\n", mc->name);
			fail();
		}
		if (messages(REAL_SCHEMAS, mc->schema, doc, &real)) {
			compared++;
			if (strcmp(ours.text, real.text) != 0) {
				print_error("%s: ours says\n%spacemaker's says\n%s", mc->name,
					    ours.text, real.text);
				fail();
			}
		}
		xmlFreeDoc(doc);
	}
	print_message("# %d cases, %d compared with pacemaker's schemas%s\n",
		      (int)(sizeof(cases) / sizeof(cases[0])), compared,
		      compared ? "" : " (not installed)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
