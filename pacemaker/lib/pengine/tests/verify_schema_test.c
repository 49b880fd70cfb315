/*
 * The schema check of crm_verify: libxml2's validity errors in its own
 * words, the verdict line, schemas unknown or not named, and that a CIB
 * failing its schema gets no semantic checks.  Needs the schemas
 * ($PCMK_schema_directory, set by make check).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/tree.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>

#include "verify_testutil.h"

#define FAILED "(main) \terror: CIB did not pass schema validation\n"
#define DISABLED                                                                               \
	"Schema validation of configuration is disabled (enabling is encouraged and prevents " \
	"common misconfigurations)\n"
#define OFF "<nvpair id=\"off\" name=\"stonith-enabled\" value=\"false\"/>"

static xmlDoc *parse(const char *text)
{
	struct pe_verify_report *r = pe_verify_report_new();
	xmlDoc *doc = NULL;

	assert_int_equal(pe_verify_parse_text(text, strlen(text), r, &doc), 0);
	pe_verify_report_free(r);
	return doc;
}

/* Check @cib (with validate-with replaced by @schema, or removed when
 * NULL) and compare the text at -V with @want. */
static int check(const char *cib, const char *schema, const char *want)
{
	xmlDoc *doc = parse(cib);
	struct pe_verify_report *r = pe_verify_report_new();
	char *text;
	int rc;

	if (schema != NULL) {
		xmlSetProp(xmlDocGetRootElement(doc), (const xmlChar *)"validate-with",
			   (const xmlChar *)schema);
	} else {
		xmlUnsetProp(xmlDocGetRootElement(doc), (const xmlChar *)"validate-with");
	}
	rc = pe_verify_schema(doc, r);
	text = verify_text(r, 1);
	assert_string_equal(text, want);
	assert_int_equal(r->invalid, rc != 0);
	g_free(text);
	xmlFreeDoc(doc);
	pe_verify_report_free(r);
	return rc;
}

static void valid_unknown_and_none(void **state)
{
	char *cib = verify_cib(OFF, "", "");

	(void)state;
	assert_int_equal(check(cib, "pacemaker-3.9", ""), 0);
	assert_int_equal(check(cib, "pacemaker-9.9", FAILED), -PCMK_E_SCHEMA);
	assert_int_equal(check(cib, "none", DISABLED), 0);
	assert_int_equal(check(cib, NULL, DISABLED), 0);
	g_free(cib);
}

static void dangling_reference(void **state)
{
	static const char rscs[] = "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" "
				   "type=\"Dummy\"/>";
	char *cib = verify_cib(OFF, rscs, "");
	char *bad = NULL;
	const char *where = strstr(cib, "<constraints/>");
	/* libxml2 names no line for these when the document has no file name */
	const char *want = "element rsc_colocation: validity error : IDREF attribute "
			   "with-rsc references an unknown ID \"vip\"\n"
			   "element rsc_colocation: validity error : IDREF attribute "
			   "with-rsc references an unknown ID \"vip\"\n" FAILED;

	(void)state;
	bad = g_strdup_printf("%.*s<constraints><rsc_colocation id=\"c\" rsc=\"web\" "
			      "with-rsc=\"vip\" score=\"INFINITY\"/></constraints>%s",
			      (int)(where - cib), cib, where + strlen("<constraints/>"));
	assert_int_equal(check(bad, "pacemaker-3.9", want), -PCMK_E_SCHEMA);
	g_free(bad);
	g_free(cib);
}

/* The CIB with @constraints in its constraints section (caller frees). */
static char *with_constraints(const char *constraints)
{
	char *cib = verify_cib(OFF,
			       "<primitive id=\"web\" class=\"ocf\" provider=\"heartbeat\" "
			       "type=\"Dummy\"/>",
			       "");
	const char *where = strstr(cib, "<constraints/>");
	char *out = g_strdup_printf("%.*s<constraints>%s</constraints>%s", (int)(where - cib), cib,
				    constraints, where + strlen("<constraints/>"));

	g_free(cib);
	return out;
}

/* libxml2 lists dangling IDs in a clock-seeded hash order; they come out
 * in the order the document first refers to them, whatever the second. */
static void dangling_references_in_document_order(void **state)
{
#define COLOC "<rsc_colocation id=\"c\" rsc=\"web\" with-rsc=\"vip\" score=\"INFINITY\"/>"
#define LOC "<rsc_location id=\"l\" rsc=\"gone\" node=\"n1\" score=\"1\"/>"
#define VIP                                                                                        \
	"element rsc_colocation: validity error : IDREF attribute with-rsc references an unknown " \
	"ID \"vip\"\n"
#define GONE                                                                                   \
	"element rsc_location: validity error : IDREF attribute rsc references an unknown ID " \
	"\"gone\"\n"
	char *first = with_constraints(COLOC LOC);
	char *second = with_constraints(LOC COLOC);

	(void)state;
	assert_int_equal(check(first, "pacemaker-3.9", VIP VIP GONE FAILED), -PCMK_E_SCHEMA);
	assert_int_equal(check(second, "pacemaker-3.9", GONE VIP VIP FAILED), -PCMK_E_SCHEMA);
	g_free(first);
	g_free(second);
}

static void invalid_cib_gets_no_semantics(void **state)
{
	/* no STONITH device and stonith enabled, but the schema fails first */
	char *cib = verify_cib("", "<primitive id=\"web\" type=\"Dummy\"/>", "");
	xmlDoc *doc = parse(cib);
	struct pe_verify_report *r = pe_verify_report_new();
	char *text;

	(void)state;
	assert_int_equal(pe_verify_doc(doc, r), -PCMK_E_SCHEMA);
	text = verify_text(r, 2);
	assert_null(strstr(text, "STONITH"));
	assert_non_null(strstr(text, "Relax-NG validity error"));
	assert_non_null(strstr(text, FAILED));
	g_free(text);
	xmlFreeDoc(doc);
	pe_verify_report_free(r);
	g_free(cib);
}

static int cleanup(void **state)
{
	(void)state;
	pcmk_schema_cleanup();
	xmlCleanupParser();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_unknown_and_none),
		cmocka_unit_test(dangling_reference),
		cmocka_unit_test(dangling_references_in_document_order),
		cmocka_unit_test(invalid_cib_gets_no_semantics),
	};

	return cmocka_run_group_tests(tests, NULL, cleanup);
}
