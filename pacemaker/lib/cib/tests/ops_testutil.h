/*
 * Shared by the CIB operation tests: a CIB to start from, running one
 * operation, and reading the result.
 */
#ifndef OPS_TESTUTIL_H
#define OPS_TESTUTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/parser.h>

#include <crm/cib/ops.h>
#include <crm/cib/version.h>
#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

/* Version 0.5.2 with one primitive "a" and a node_state in status. */
static const char ops_base_cib[] =
	"<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"5\" "
	"num_updates=\"2\" admin_epoch=\"0\">"
	"<configuration><crm_config/><nodes/><resources>"
	"<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
	"<instance_attributes id=\"a-ia\"><nvpair id=\"a-ia-x\" name=\"x\" value=\"1\"/>"
	"</instance_attributes></primitive>"
	"<primitive id=\"b\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
	"</resources><constraints/></configuration>"
	"<status><node_state id=\"1\" uname=\"n1\"/></status></cib>";

static inline xmlDoc *ops_parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

static inline int ops_setup(void **state)
{
	*state = ops_parse(ops_base_cib);
	return 0;
}

static inline int ops_teardown(void **state)
{
	xmlFreeDoc(*state);
	return 0;
}

static inline xmlNode *ops_root(void **state)
{
	return xmlDocGetRootElement((xmlDoc *)*state);
}

/* Run @op on the CIB in *@state with @data (XML text or NULL). */
static inline int ops_run(void **state, enum cib_op op, const char *section, const char *xpath,
			  const char *data, unsigned int options, struct cib_op_result *res)
{
	xmlDoc *data_doc = data != NULL ? ops_parse(data) : NULL;
	struct cib_op_request req = {
		.op = op,
		.section = section,
		.xpath = xpath,
		.data = data_doc != NULL ? xmlDocGetRootElement(data_doc) : NULL,
		.options = options | (xpath != NULL ? CIB_OPT_XPATH : 0),
		.origin = "node1",
		.client = "cibadmin",
		.user = "root",
		.now = 1764883200, /* Thu Dec  4 21:20:00 2025 UTC */
	};
	int rc = cib_op_perform((xmlDoc **)state, &req, res);

	xmlFreeDoc(data_doc);
	return rc;
}

static inline char *ops_text(void **state)
{
	return pcmk_xml_to_string(ops_root(state), false);
}

/* The first element @xpath selects in the CIB. */
static inline xmlNode *ops_find(void **state, const char *xpath)
{
	xmlNode *match = NULL;

	assert_int_equal(pcmk_xml_xpath_first((xmlDoc *)*state, xpath, &match), 0);
	return match;
}

static inline int ops_count(void **state, const char *xpath)
{
	xmlNode **matches = NULL;
	int n = pcmk_xml_xpath_all((xmlDoc *)*state, xpath, &matches);

	free(matches);
	return n;
}

static inline void ops_assert_version(void **state, long long admin, long long epoch,
				      long long updates)
{
	struct cib_version v;

	assert_int_equal(cib_version_get(ops_root(state), &v), 0);
	assert_int_equal(v.admin_epoch, admin);
	assert_int_equal(v.epoch, epoch);
	assert_int_equal(v.num_updates, updates);
}

/* Run an operation expected to fail with @want and check the CIB did not
 * change at all; returns the result for more checks (caller clears). */
static inline void ops_expect_failure(void **state, enum cib_op op, const char *section,
				      const char *xpath, const char *data, unsigned int options,
				      int want, struct cib_op_result *res)
{
	char *before = ops_text(state);
	xmlDoc *doc_before = *state;
	char *after;

	assert_int_equal(ops_run(state, op, section, xpath, data, options, res), want);
	assert_ptr_equal(*state, doc_before);
	after = ops_text(state);
	assert_string_equal(before, after);
	assert_non_null(res->error);
	assert_null(res->patch);
	free(before);
	free(after);
}

static inline int ops_main_cleanup(int failed)
{
	pcmk_schema_cleanup();
	xmlCleanupParser();
	return failed;
}

#endif /* OPS_TESTUTIL_H */
