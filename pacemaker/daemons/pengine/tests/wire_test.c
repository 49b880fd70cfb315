/*
 * The pengine messages: requests and replies built, read back, and every
 * way a message can be wrong.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/results.h>
#include <crm/common/xml.h>
#include "../pengine.h"

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;
	xmlNode *copy;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	copy = pcmk_xml_copy(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return copy;
}

static void request_round_trip(void **state)
{
	xmlNode *cib = parse("<cib epoch=\"3\"><configuration/></cib>");
	xmlNode *msg = pengine_request_new(cib, 42);
	const xmlNode *carried = NULL;
	char *error = NULL;
	int id = -1;

	(void)state;
	assert_non_null(msg);
	assert_int_equal(pengine_request_parse(msg, &id, &carried, &error), 0);
	assert_int_equal(id, 42);
	assert_null(error);
	assert_true(pcmk_xml_is(carried, "cib"));
	assert_string_equal(pcmk_xml_attr(carried, "epoch"), "3");
	assert_ptr_not_equal(carried, cib);
	pcmk_xml_free(msg);
	pcmk_xml_free(cib);
}

static void request_new_rejects(void **state)
{
	xmlNode *cib = parse("<cib/>");

	(void)state;
	assert_null(pengine_request_new(NULL, 1));
	assert_null(pengine_request_new(cib, -1));
	pcmk_xml_free(cib);
}

/* Each bad request gets -EINVAL and a message naming the problem. */
static void request_parse_rejects(void **state)
{
	static const struct {
		const char *text, *word;
	} bad[] = {
		{ "<cib/>", "<cib>" },
		{ "<pe_request transition_id=\"x\"><cib/></pe_request>", "\"x\"" },
		{ "<pe_request transition_id=\"-3\"><cib/></pe_request>", "\"-3\"" },
		{ "<pe_request transition_id=\"99999999999\"><cib/></pe_request>", "99999999999" },
		{ "<pe_request transition_id=\"1\">text only</pe_request>", "no CIB" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xmlNode *msg = parse(bad[i].text);
		const xmlNode *cib = NULL;
		char *error = NULL;
		int id = 0;

		assert_int_equal(pengine_request_parse(msg, &id, &cib, &error), -EINVAL);
		assert_non_null(error);
		assert_non_null(strstr(error, bad[i].word));
		assert_null(cib);
		free(error);
		pcmk_xml_free(msg);
	}
}

static void request_without_id_is_zero(void **state)
{
	xmlNode *msg = parse("<pe_request><cib/></pe_request>");
	const xmlNode *cib = NULL;
	char *error = NULL;
	int id = -1;

	(void)state;
	assert_int_equal(pengine_request_parse(msg, &id, &cib, &error), 0);
	assert_int_equal(id, 0);
	pcmk_xml_free(msg);
}

static void reply_success_round_trip(void **state)
{
	xmlNode *graph = parse("<transition_graph transition_id=\"7\"><synapse id=\"0\"/>"
			       "</transition_graph>");
	const char *errors[] = { "bad constraint" };
	const char *warnings[] = { "odd option", "odd op" };
	struct pengine_reply_data data = {
		.rc = 0,
		.transition_id = 7,
		.graph = graph,
		.input = "/x/pe-error-3.bz2",
		.errors = errors,
		.n_errors = 1,
		.warnings = warnings,
		.n_warnings = 2,
	};
	xmlNode *reply = pengine_reply_new(&data);
	struct pengine_result r = { 0 };
	xmlChar *text;

	(void)state;
	assert_non_null(reply);
	assert_int_equal(pengine_reply_parse(reply, &r), 0);
	assert_int_equal(r.transition_id, 7);
	assert_true(pcmk_xml_is(r.graph, "transition_graph"));
	assert_non_null(pcmk_xml_first_child(r.graph, "synapse"));
	assert_null(r.error);
	assert_string_equal(r.input, "/x/pe-error-3.bz2");
	assert_int_equal(r.config_errors, 1);
	assert_int_equal(r.config_warnings, 2);
	text = xmlNodeGetContent(pcmk_xml_first_child(reply, "config_error"));
	assert_string_equal((const char *)text, "bad constraint");
	xmlFree(text);
	pengine_result_clear(&r);
	pengine_result_clear(&r);
	pengine_result_clear(NULL);
	pcmk_xml_free(reply);
	pcmk_xml_free(graph);
}

static void reply_error_round_trip(void **state)
{
	struct pengine_reply_data data = { .rc = -PCMK_E_SCHEMA,
					   .transition_id = 3,
					   .error = "the CIB does not conform" };
	xmlNode *reply = pengine_reply_new(&data);
	struct pengine_result r = { 0 };

	(void)state;
	assert_int_equal(pengine_reply_parse(reply, &r), -PCMK_E_SCHEMA);
	assert_int_equal(r.rc, -PCMK_E_SCHEMA);
	assert_null(r.graph);
	assert_null(r.input);
	assert_string_equal(r.error, "the CIB does not conform");
	pengine_result_clear(&r);
	pcmk_xml_free(reply);
}

static void reply_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"<pe_request/>",           "<pe_reply/>",          "<pe_reply rc=\"1\"/>",
		"<pe_reply rc=\"zero\"/>", "<pe_reply rc=\"0\"/>",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		xmlNode *reply = parse(bad[i]);
		struct pengine_result r = { 0 };

		assert_int_equal(pengine_reply_parse(reply, &r), -EPROTO);
		assert_non_null(r.error);
		assert_null(r.graph);
		pengine_result_clear(&r);
		pcmk_xml_free(reply);
	}
}

static void reply_error_without_text(void **state)
{
	xmlNode *reply = parse("<pe_reply rc=\"-22\"/>");
	struct pengine_result r = { 0 };

	(void)state;
	assert_int_equal(pengine_reply_parse(reply, &r), -EINVAL);
	assert_non_null(r.error);
	pengine_result_clear(&r);
	pcmk_xml_free(reply);
}

static void client_without_connection(void **state)
{
	xmlNode *cib = parse("<cib/>");
	struct pengine_result r = { 0 };

	(void)state;
	assert_int_equal(pengine_client_calc(NULL, cib, 1, 1000, &r), -EINVAL);
	assert_non_null(r.error);
	pengine_result_clear(&r);
	pcmk_xml_free(cib);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_round_trip),
		cmocka_unit_test(request_new_rejects),
		cmocka_unit_test(request_parse_rejects),
		cmocka_unit_test(request_without_id_is_zero),
		cmocka_unit_test(reply_success_round_trip),
		cmocka_unit_test(reply_error_round_trip),
		cmocka_unit_test(reply_parse_rejects),
		cmocka_unit_test(reply_error_without_text),
		cmocka_unit_test(client_without_connection),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
