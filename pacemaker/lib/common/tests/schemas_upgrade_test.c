/*
 * libcrmcommon schema upgrades: a 1.x CIB rewritten by the stylesheet, a
 * 2.x CIB that only changes validate-with or, holding what 3.0 removed, is
 * rewritten as well, and the refusals (already the
 * newest, unknown schema, content the newest schema rejects).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <crm/common/results.h>
#include <crm/common/schemas.h>
#include <crm/common/xml.h>

static const char old_cib[] =
	"<cib validate-with=\"pacemaker-1.2\" admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\">"
	"<configuration>"
	"<crm_config><cluster_property_set id=\"opts\">"
	"<nvpair id=\"o1\" name=\"stonith_enabled\" value=\"false\"/>"
	"<nvpair id=\"o2\" name=\"default-resource-stickiness\" value=\"100\"/>"
	"<nvpair id=\"o3\" name=\"default_action_timeout\" value=\"60s\"/>"
	"<nvpair id=\"o4\" name=\"transition_idle_timeout\" value=\"90s\"/>"
	"</cluster_property_set></crm_config>"
	"<nodes><node id=\"n1\" uname=\"node1\" type=\"normal\"/></nodes>"
	"<resources>"
	"<primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
	"<op id=\"a-m\" name=\"monitor\" interval=\"10s\" prereq=\"nothing\" disabled=\"true\"/>"
	"</operations></primitive>"
	"<primitive id=\"b\" class=\"lsb\" type=\"httpd\"/>"
	"</resources>"
	"<constraints>"
	"<rsc_colocation id=\"c1\" from=\"a\" to=\"b\" score=\"INFINITY\" from_role=\"Started\"/>"
	"<rsc_order id=\"r1\" from=\"a\" to=\"b\" action=\"start\" to_action=\"promote\"/>"
	"<rsc_order id=\"r2\" from=\"a\" to=\"b\" type=\"before\"/>"
	"</constraints>"
	"<acls>"
	"<acl_role id=\"admin\"><write id=\"admin-w\" xpath=\"/cib\"/></acl_role>"
	"<acl_user id=\"alice\"><role_ref id=\"admin\"/></acl_user>"
	"<acl_user id=\"bob\"><read id=\"bob-r\" tag=\"nodes\" attribute=\"uname\"/>"
	"<deny id=\"bob-d\" ref=\"b\"/></acl_user>"
	"</acls>"
	"</configuration><status/></cib>";

static xmlDoc *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

/* Attribute @attr of the first match of @xpath in @doc. */
static const char *at(xmlDoc *doc, const char *xpath, const char *attr)
{
	xmlNode *node = NULL;

	if (pcmk_xml_xpath_first(doc, xpath, &node) != 0) {
		print_error("no match for %s\n", xpath);
		fail();
	}
	return pcmk_xml_attr(node, attr);
}

static void upgrades_1x(void **state)
{
	xmlDoc *doc = parse(old_cib), *before = doc;
	xmlNode **none = NULL;
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), 0);
	assert_null(error);
	assert_ptr_not_equal(doc, before);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-3.9");
	assert_string_equal(at(doc, "//nvpair[@id='o1']", "name"), "stonith-enabled");
	assert_string_equal(at(doc, "//nvpair[@id='o4']", "name"), "cluster-delay");
	assert_string_equal(at(doc, "//rsc_defaults/meta_attributes/nvpair", "name"),
			    "resource-stickiness");
	assert_string_equal(at(doc, "//op_defaults/meta_attributes/nvpair", "name"), "timeout");
	assert_int_equal(pcmk_xml_xpath_all(doc, "//crm_config//nvpair[@id='o2']", &none), 0);
	assert_string_equal(at(doc, "//node", "type"), "member");
	assert_string_equal(at(doc, "//op", "enabled"), "false");
	assert_null(at(doc, "//op", "prereq"));
	assert_string_equal(at(doc, "//primitive[@id='a']/meta_attributes/nvpair", "value"),
			    "nothing");
	assert_string_equal(at(doc, "//rsc_colocation", "rsc"), "a");
	assert_string_equal(at(doc, "//rsc_colocation", "with-rsc"), "b");
	assert_string_equal(at(doc, "//rsc_colocation", "rsc-role"), "Started");
	/* type="after" (the default): the from resource comes second. */
	assert_string_equal(at(doc, "//rsc_order[@id='r1']", "first"), "b");
	assert_string_equal(at(doc, "//rsc_order[@id='r1']", "then"), "a");
	assert_string_equal(at(doc, "//rsc_order[@id='r1']", "first-action"), "promote");
	assert_string_equal(at(doc, "//rsc_order[@id='r1']", "then-action"), "start");
	assert_string_equal(at(doc, "//rsc_order[@id='r2']", "first"), "a");
	assert_null(at(doc, "//rsc_order[@id='r2']", "type"));
	assert_string_equal(at(doc, "//acl_target[@id='alice']/role", "id"), "admin");
	assert_string_equal(at(doc, "//acl_permission[@id='admin-w']", "kind"), "write");
	assert_string_equal(at(doc, "//acl_target[@id='bob']/role", "id"), "bob-permissions");
	assert_string_equal(at(doc, "//acl_permission[@id='bob-r']", "object-type"), "nodes");
	assert_string_equal(at(doc, "//acl_permission[@id='bob-d']", "reference"), "b");
	assert_int_equal(pcmk_schema_validate(doc, NULL), 0);
	assert_int_equal(pcmk_schema_upgrade(&doc, NULL), -PCMK_E_SCHEMA_UNCHANGED);
	xmlFreeDoc(doc);
}

static void upgrades_2x_by_name(void **state)
{
	xmlDoc *doc = parse("<cib validate-with=\"pacemaker-2.10\" admin_epoch=\"0\" epoch=\"1\""
			    " num_updates=\"0\"><configuration><crm_config/><nodes/><resources/>"
			    "<constraints/></configuration></cib>");

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, NULL), 0);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-3.9");
	xmlFreeDoc(doc);
}

/* What 3.0 removed makes a 2.x CIB go through the stylesheet as well. */
static void upgrades_2x_with_removed_syntax(void **state)
{
	xmlDoc *doc = parse(
		       "<cib validate-with=\"pacemaker-2.10\" admin_epoch=\"0\" epoch=\"1\""
		       " num_updates=\"0\"><configuration><crm_config>"
		       "<cluster_property_set id=\"o\">"
		       "<nvpair id=\"o1\" name=\"default-resource-stickiness\" value=\"100\"/>"
		       "<nvpair id=\"o2\" name=\"expected-quorum-votes\" value=\"2\"/>"
		       "<nvpair id=\"o3\" name=\"cluster-infrastructure\" value=\"cman\"/>"
		       "<nvpair id=\"o4\" name=\"no_quorum_policy\" value=\"stop\"/>"
		       "<nvpair id=\"o5\" name=\"notification-agent\" value=\"/bin/true\"/>"
		       "</cluster_property_set></crm_config><nodes/><resources>"
		       "<primitive id=\"a\" class=\"lsb\" type=\"x\"><operations>"
		       "<op id=\"a-start\" name=\"start\" interval=\"0\" requires=\"quorum\"/>"
		       "</operations></primitive></resources><constraints/></configuration></cib>"),
	       *before = doc;
	xmlNode **found = NULL;
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_validate(doc, NULL), 0);
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), 0);
	assert_null(error);
	assert_ptr_not_equal(doc, before);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-3.9");
	assert_string_equal(at(doc, "//rsc_defaults/meta_attributes/nvpair", "name"),
			    "resource-stickiness");
	assert_string_equal(at(doc, "//nvpair[@id='o4']", "name"), "no-quorum-policy");
	assert_int_equal(pcmk_xml_xpath_all(doc, "//crm_config//nvpair", &found), 1);
	free(found);
	assert_null(at(doc, "//op", "requires"));
	assert_string_equal(at(doc, "//primitive/meta_attributes/nvpair", "value"), "quorum");
	xmlFreeDoc(doc);
}

/* Where the stylesheet cannot help either, the error is about the CIB as
 * it was given. */
static void invalid_2x_with_removed_syntax_keeps_original(void **state)
{
	xmlDoc *doc = parse("<cib validate-with=\"pacemaker-2.5\" admin_epoch=\"0\" epoch=\"1\""
			    " num_updates=\"0\"><configuration><crm_config>"
			    "<cluster_property_set id=\"o\">"
			    "<nvpair id=\"o1\" name=\"is-managed-default\" value=\"false\"/>"
			    "</cluster_property_set></crm_config><nodes/><resources>"
			    "<primitive id=\"p\" class=\"lsb\"/></resources>"
			    "<constraints/></configuration></cib>"),
	       *before = doc;
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), -PCMK_E_SCHEMA);
	assert_ptr_equal(doc, before);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-2.5");
	assert_non_null(strstr(error, "line 1: element primitive (id=p): missing attribute type"));
	free(error);
	xmlFreeDoc(doc);
}

static void none_is_checked_against_latest(void **state)
{
	xmlDoc *doc = parse("<cib validate-with=\"none\" admin_epoch=\"0\" epoch=\"1\""
			    " num_updates=\"0\"><configuration><crm_config/><nodes/><resources/>"
			    "<constraints/></configuration></cib>");

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, NULL), 0);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-3.9");
	xmlFreeDoc(doc);
}

static void invalid_result_keeps_original(void **state)
{
	xmlDoc *doc = parse("<cib validate-with=\"pacemaker-2.0\" admin_epoch=\"0\" epoch=\"1\""
			    " num_updates=\"0\"><configuration><crm_config/><nodes/><resources>"
			    "<primitive id=\"p\" class=\"lsb\"/></resources>"
			    "<constraints/></configuration></cib>"),
	       *before = doc;
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), -PCMK_E_SCHEMA);
	assert_ptr_equal(doc, before);
	assert_string_equal(at(doc, "/cib", "validate-with"), "pacemaker-2.0");
	assert_string_equal(error, "the upgraded CIB does not validate with pacemaker-3.9: "
				   "line 1: element primitive (id=p): missing attribute type");
	free(error);
	xmlFreeDoc(doc);
}

/* Validated in place: a failure must also take back an added validate-with. */
static void invalid_without_schema_stays_without(void **state)
{
	xmlDoc *doc = parse("<cib admin_epoch=\"0\" epoch=\"1\" num_updates=\"0\"><configuration>"
			    "<crm_config/><nodes/><resources><primitive id=\"p\" class=\"lsb\"/>"
			    "</resources><constraints/></configuration></cib>");

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, NULL), -PCMK_E_SCHEMA);
	assert_null(xmlGetProp(xmlDocGetRootElement(doc), BAD_CAST "validate-with"));
	xmlFreeDoc(doc);
}

static void refusals(void **state)
{
	xmlDoc *doc = parse("<cib validate-with=\"pacemaker-9\"/>");
	xmlDoc *next = parse("<cib validate-with=\"pacemaker-next\"/>");
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), -EINVAL);
	assert_string_equal(error, "unknown schema 'pacemaker-9'");
	free(error);
	assert_int_equal(pcmk_schema_upgrade(&next, NULL), -PCMK_E_SCHEMA_UNCHANGED);
	assert_int_equal(pcmk_schema_upgrade(NULL, NULL), -EINVAL);
	xmlFreeDoc(doc);
	xmlFreeDoc(next);
}

static void missing_stylesheet(void **state)
{
	xmlDoc *doc = parse(old_cib);
	char *saved =
		strdup(getenv("PCMK_schema_directory") ? getenv("PCMK_schema_directory") : "");
	char *error = NULL;

	(void)state;
	setenv("PCMK_schema_directory", "/nonexistent", 1);
	assert_int_equal(pcmk_schema_upgrade(&doc, &error), -PCMK_E_TRANSFORM);
	assert_non_null(strstr(error, "upgrade by /nonexistent/upgrade-1.x.xsl failed"));
	free(error);
	setenv("PCMK_schema_directory", saved, 1);
	free(saved);
	xmlFreeDoc(doc);
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
		cmocka_unit_test(upgrades_1x),
		cmocka_unit_test(upgrades_2x_by_name),
		cmocka_unit_test(upgrades_2x_with_removed_syntax),
		cmocka_unit_test(invalid_2x_with_removed_syntax_keeps_original),
		cmocka_unit_test(none_is_checked_against_latest),
		cmocka_unit_test(invalid_result_keeps_original),
		cmocka_unit_test(invalid_without_schema_stays_without),
		cmocka_unit_test(refusals),
		cmocka_unit_test(missing_stylesheet),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
