/*
 * The messages between the CIB client library and the daemon.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/cib/wire.h>
#include <crm/common/xml.h>

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

static void request_round_trip(void **state)
{
	xmlNode *data =
		parse("<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>");
	struct cib_op_request req = {
		.op = CIB_OP_MODIFY,
		.section = "resources",
		.xpath = "//primitive[@id='a']",
		.data = data,
		.options = CIB_OPT_XPATH | CIB_OPT_CAN_CREATE,
		.user = "root",
	};
	struct cib_op_request back;
	xmlNode *msg = cib_wire_request(&req, "cibadmin");
	char *error = NULL;

	assert_non_null(msg);
	assert_int_equal(cib_wire_request_parse(msg, &back, &error), 0);
	assert_null(error);
	assert_int_equal(back.op, CIB_OP_MODIFY);
	assert_string_equal(back.section, "resources");
	assert_string_equal(back.xpath, "//primitive[@id='a']");
	assert_int_equal(back.options, CIB_OPT_XPATH | CIB_OPT_CAN_CREATE);
	assert_string_equal(back.user, "root");
	assert_string_equal(back.client, "cibadmin");
	assert_true(pcmk_xml_is(back.data, "primitive"));
	assert_string_equal(pcmk_xml_attr(back.data, "type"), "Dummy");
	pcmk_xml_free(msg);
	pcmk_xml_free(data);
}

static void request_without_data(void **state)
{
	struct cib_op_request req = { .op = CIB_OP_QUERY };
	struct cib_op_request back;
	xmlNode *msg = cib_wire_request(&req, NULL);

	assert_int_equal(cib_wire_request_parse(msg, &back, NULL), 0);
	assert_int_equal(back.op, CIB_OP_QUERY);
	assert_null(back.section);
	assert_null(back.data);
	assert_string_equal(back.client, "unknown");
	pcmk_xml_free(msg);
}

static void expect_bad_request(const char *text, const char *words)
{
	xmlNode *msg = parse(text);
	struct cib_op_request back;
	char *error = NULL;

	assert_int_equal(cib_wire_request_parse(msg, &back, &error), -EINVAL);
	assert_non_null(error);
	assert_non_null(strstr(error, words));
	free(error);
	pcmk_xml_free(msg);
}

static void bad_requests(void **state)
{
	expect_bad_request("<hello/>", "not a CIB request");
	expect_bad_request("<cib_command/>", "unknown CIB operation");
	expect_bad_request("<cib_command cib_op=\"cib_frobnicate\"/>", "'cib_frobnicate'");
	expect_bad_request("<cib_command cib_op=\"cib_query\" cib_callopt=\"zz\"/>",
			   "bad call options");
	expect_bad_request("<cib_command cib_op=\"cib_query\" cib_callopt=\"0x80000000\"/>",
			   "bad call options");
}

static void reply_round_trip(void **state)
{
	xmlNode *output = parse("<failed><failed_update id=\"a\"/></failed>");
	xmlNode *msg = cib_wire_reply("cib_create", -EEXIST, "File exists", output);
	const xmlNode *out = NULL;
	const char *error = NULL;

	assert_int_equal(cib_wire_reply_parse(msg, &out, &error), -EEXIST);
	assert_string_equal(error, "File exists");
	assert_true(pcmk_xml_is(out, "failed"));
	pcmk_xml_free(msg);
	pcmk_xml_free(output);

	msg = cib_wire_reply("cib_query", 0, NULL, NULL);
	assert_int_equal(cib_wire_reply_parse(msg, &out, &error), 0);
	assert_null(out);
	assert_null(error);
	pcmk_xml_free(msg);
}

/* The text of a reply written around a borrowed answer is the text of
 * the same reply built as a tree. */
static void reply_text_as_the_tree(void **state)
{
	xmlNode *output = parse("<resources><primitive id=\"a&amp;b\"/></resources>");
	xmlNode *msg = cib_wire_reply("cib_query", 0, NULL, output);
	char *tree = pcmk_xml_to_string(msg, false);
	size_t len = 0;
	char *text = cib_wire_reply_text("cib_query", output, &len);

	assert_non_null(text);
	assert_string_equal(text, tree);
	assert_int_equal(len, strlen(tree));
	free(text);
	free(tree);
	pcmk_xml_free(msg);
	pcmk_xml_free(output);
}

static void bad_replies(void **state)
{
	const char *texts[] = { "<cib_command cib_rc=\"0\"/>", "<cib_reply/>",
				"<cib_reply cib_rc=\"x\"/>", "<cib_reply cib_rc=\"5\"/>" };

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		xmlNode *msg = parse(texts[i]);

		assert_int_equal(cib_wire_reply_parse(msg, NULL, NULL), -EPROTO);
		pcmk_xml_free(msg);
	}
}

static void change_message(void **state)
{
	xmlNode *patch = parse("<diff format=\"2\"/>");
	xmlNode *msg = cib_wire_change("cib_modify", 0, "node1", "cibadmin", patch);

	assert_true(pcmk_xml_is(msg, "cib_notify"));
	assert_string_equal(pcmk_xml_attr(msg, "cib_origin"), "node1");
	assert_string_equal(pcmk_xml_attr(msg, "cib_clientname"), "cibadmin");
	assert_true(pcmk_xml_is(cib_wire_calldata(msg), "diff"));
	pcmk_xml_free(msg);
	pcmk_xml_free(patch);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_round_trip),
		cmocka_unit_test(request_without_data),
		cmocka_unit_test(bad_requests),
		cmocka_unit_test(reply_round_trip),
		cmocka_unit_test(bad_replies),
		cmocka_unit_test(change_message),
		cmocka_unit_test(reply_text_as_the_tree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
