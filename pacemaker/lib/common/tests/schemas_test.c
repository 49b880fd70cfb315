/*
 * libcrmcommon schemas: names, validation of good CIBs of each family and
 * the messages for the structural mistakes an administrator makes.
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

#define CIB_HEAD(schema)                                                                       \
	"<cib validate-with=\"" schema "\" admin_epoch=\"0\" epoch=\"3\" num_updates=\"1\">\n" \
	"<configuration>\n"                                                                    \
	"<crm_config><cluster_property_set id=\"opts\">\n"                                     \
	"<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>\n"             \
	"</cluster_property_set></crm_config>\n"                                               \
	"<nodes><node id=\"1\" uname=\"node1\"/></nodes>\n"

#define CIB_TAIL "</configuration>\n<status/>\n</cib>\n"

/* A configuration in 3.x syntax touching most of the grammar. */
static const char good_3x[] =
	"<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"3\" num_updates=\"1\""
	" crm_feature_set=\"3.16.2\" have-quorum=\"1\" dc-uuid=\"1\" update-origin=\"node1\""
	" update-client=\"cibadmin\" update-user=\"root\" cib-last-written=\"Mon Jan 15 2024\""
	" execution-date=\"1705320000\" no-quorum-panic=\"false\">"
	"<configuration>"
	"<crm_config><cluster_property_set id=\"o\">"
	"<nvpair id=\"o-1\" name=\"stonith-enabled\" value=\"false\"/>"
	"</cluster_property_set></crm_config>"
	"<nodes><node id=\"1\" uname=\"node1\" type=\"member\">"
	"<instance_attributes id=\"n1-ia\"><nvpair id=\"n1-a\" name=\"site\" value=\"a\"/>"
	"</instance_attributes>"
	"<utilization id=\"n1-u\"><nvpair id=\"n1-cpu\" name=\"cpu\" value=\"4\"/></utilization>"
	"</node></nodes>"
	"<resources>"
	"<template id=\"tpl\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"
	"<primitive id=\"fence\" class=\"stonith\" type=\"fence_xvm\"/>"
	"<primitive id=\"fromtpl\" template=\"tpl\"/>"
	"<group id=\"web\"><meta_attributes id=\"web-m\">"
	"<nvpair id=\"web-m-t\" name=\"target-role\" value=\"Started\"/></meta_attributes>"
	"<primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
	"<instance_attributes id=\"ip-ia\"><nvpair id=\"ip-ip\" name=\"ip\" value=\"10.0.0.9\"/>"
	"</instance_attributes><operations>"
	"<op id=\"ip-mon\" name=\"monitor\" interval=\"30s\" timeout=\"20s\" on-fail=\"restart\"/>"
	"<op id=\"ip-mon-p\" name=\"monitor\" interval=\"31s\" role=\"Promoted\"/>"
	"</operations></primitive>"
	"<primitive id=\"srv\" class=\"lsb\" type=\"httpd\"/></group>"
	"<clone id=\"c\"><primitive id=\"d\" class=\"systemd\" type=\"chronyd\"/></clone>"
	"<master id=\"ms\"><primitive id=\"st\" class=\"ocf\" provider=\"pacemaker\" "
	"type=\"Stateful\"/>"
	"</master>"
	"</resources>"
	"<constraints>"
	"<rsc_location id=\"l1\" rsc=\"web\" node=\"node1\" score=\"100\"/>"
	"<rsc_location id=\"l2\" rsc-pattern=\"^w\" resource-discovery=\"never\">"
	"<rule id=\"l2-r\" score=\"-INFINITY\" boolean-op=\"or\">"
	"<expression id=\"l2-e\" attribute=\"site\" operation=\"ne\" value=\"a\"/>"
	"<date_expression id=\"l2-d\" operation=\"date_spec\">"
	"<date_spec id=\"l2-ds\" hours=\"9-16\" weekdays=\"1-5\"/></date_expression>"
	"</rule></rsc_location>"
	"<rsc_colocation id=\"co\" score=\"INFINITY\" rsc=\"c\" with-rsc=\"web\" "
	"rsc-role=\"Started\"/>"
	"<rsc_colocation id=\"cos\" score=\"INFINITY\"><resource_set id=\"cos-1\">"
	"<resource_ref id=\"c\"/><resource_ref id=\"ms\"/></resource_set></rsc_colocation>"
	"<rsc_order id=\"or\" first=\"c\" then=\"web\" kind=\"Mandatory\" symmetrical=\"false\"/>"
	"<rsc_ticket id=\"tk\" ticket=\"t1\" rsc=\"web\" loss-policy=\"stop\"/>"
	"</constraints>"
	"<fencing-topology><fencing-level id=\"fl\" target=\"node1\" index=\"1\" "
	"devices=\"fence\"/>"
	"</fencing-topology>"
	"<op_defaults><meta_attributes id=\"od\"><rule id=\"od-r\">"
	"<op_expression id=\"od-e\" name=\"monitor\" interval=\"10s\"/></rule>"
	"<nvpair id=\"od-t\" name=\"timeout\" value=\"30s\"/></meta_attributes></op_defaults>"
	"<rsc_defaults><meta_attributes id=\"rd\"><rule id=\"rd-r\">"
	"<rsc_expression id=\"rd-e\" class=\"ocf\" type=\"Dummy\"/></rule>"
	"<nvpair id=\"rd-s\" name=\"resource-stickiness\" value=\"1\"/></meta_attributes>"
	"</rsc_defaults>"
	"<tags><tag id=\"t\"><obj_ref id=\"web\"/></tag></tags>"
	"<alerts><alert id=\"al\" path=\"/bin/true\"><select><select_nodes/></select>"
	"<recipient id=\"al-r\" value=\"/tmp/x\"/></alert></alerts>"
	"<acls><acl_target id=\"alice\"><role id=\"ro\"/></acl_target>"
	"<acl_role id=\"ro\"><acl_permission id=\"ro-p\" kind=\"read\" xpath=\"/cib\"/></acl_role>"
	"</acls>"
	"</configuration>"
	"<status><node_state id=\"1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\">"
	"<lrm id=\"1\"><lrm_resources><lrm_resource id=\"ip\" type=\"IPaddr2\" class=\"ocf\">"
	"<lrm_rsc_op id=\"ip_last_0\" operation=\"start\" call-id=\"5\" rc-code=\"0\"/>"
	"</lrm_resource></lrm_resources></lrm>"
	"<transient_attributes id=\"1\"><instance_attributes id=\"s-1\"/></transient_attributes>"
	"</node_state></status>"
	"</cib>";

static xmlDoc *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return doc;
}

/* Validate @text; expect @want, and when @message is set, an error that
 * contains it. */
static void check(const char *text, int want, const char *message)
{
	xmlDoc *doc = parse(text);
	char *error = (char *)"unset";
	int rc = pcmk_schema_validate(doc, &error);

	if (rc != want || (message != NULL && (error == NULL || strstr(error, message) == NULL))) {
		print_error("rc %d (want %d), error: %s\n", rc, want, error ? error : "(none)");
		fail();
	}
	if (want == 0) {
		assert_null(error);
	}
	free(error);
	xmlFreeDoc(doc);
}

static void names_known(void **state)
{
	(void)state;
	assert_string_equal(pcmk_schema_latest(), "pacemaker-3.9");
	assert_true(pcmk_schema_known("pacemaker-1.0"));
	assert_true(pcmk_schema_known("pacemaker-1.2"));
	assert_true(pcmk_schema_known("pacemaker-2.10"));
	assert_true(pcmk_schema_known("pacemaker-3.0"));
	assert_true(pcmk_schema_known("pacemaker-next"));
	assert_true(pcmk_schema_known("none"));
	assert_false(pcmk_schema_known("pacemaker-1.1"));
	assert_false(pcmk_schema_known("pacemaker-3.10"));
	assert_false(pcmk_schema_known("pacemaker-3"));
	assert_false(pcmk_schema_known(""));
	assert_false(pcmk_schema_known(NULL));
}

static void valid_3x(void **state)
{
	(void)state;
	check(good_3x, 0, NULL);
}

static void valid_every_name(void **state)
{
	static const char *const schemas[] = {
		"pacemaker-1.0",  "pacemaker-1.2", "pacemaker-2.0",
		"pacemaker-2.10", "pacemaker-3.0", "pacemaker-next"
	};
	xmlDoc *doc = parse(CIB_HEAD("x") "<resources/><constraints/>" CIB_TAIL);
	char *error = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		assert_int_equal(pcmk_schema_validate_as(doc, schemas[i], &error), 0);
		assert_null(error);
	}
	xmlFreeDoc(doc);
}

static void none_accepts_anything(void **state)
{
	(void)state;
	check("<cib validate-with=\"none\"><anything/></cib>", 0, NULL);
}

static void missing_validate_with_uses_latest(void **state)
{
	(void)state;
	check("<cib admin_epoch=\"0\" epoch=\"0\" num_updates=\"0\"><configuration><crm_config/>"
	      "<nodes/><resources/><constraints/></configuration></cib>",
	      -PCMK_E_SCHEMA, "line 1: element cib: missing attribute validate-with");
}

static void unknown_schema(void **state)
{
	xmlDoc *doc = parse(CIB_HEAD("pacemaker-9.9") "<resources/><constraints/>" CIB_TAIL);
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_validate(doc, &error), -EINVAL);
	assert_string_equal(error, "unknown schema 'pacemaker-9.9'");
	free(error);
	assert_int_equal(pcmk_schema_validate_as(doc, NULL, NULL), -EINVAL);
	assert_int_equal(pcmk_schema_validate(NULL, NULL), -EINVAL);
	xmlFreeDoc(doc);
}

static void bad_attribute(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitive id=\"b\" klass=\"ocf\" type=\"Dummy\"/>\n"
					"</resources><constraints/>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "line 8: element primitive (id=b): attribute klass not allowed");
}

static void primitive_without_type(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitive id=\"p\" class=\"lsb\"/>\n"
					"</resources><constraints/>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "line 8: element primitive (id=p): missing attribute type");
}

static void missing_id(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitive class=\"lsb\" type=\"httpd\"/>\n"
					"</resources><constraints/>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "line 8: element primitive: missing attribute id");
}

static void unknown_element(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitiv id=\"p\" class=\"lsb\" type=\"httpd\"/>\n"
					"</resources><constraints/>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "line 8: element primitiv (id=p): not allowed in resources");
}

static void constraint_without_rsc(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources/><constraints>\n"
					"<rsc_location id=\"loc\" node=\"node1\" score=\"5\"/>\n"
					"</constraints>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "line 8: element rsc_location (id=loc): missing attribute rsc");
}

static void duplicate_id(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitive id=\"p\" class=\"lsb\" type=\"httpd\"/>\n"
					"<primitive id=\"p\" class=\"lsb\" type=\"sshd\"/>\n"
					"</resources><constraints/>" CIB_TAIL,
	      -PCMK_E_SCHEMA, "id p used more than once");
}

static void bad_value(void **state)
{
	(void)state;
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n"
					"<primitive id=\"p\" class=\"ocf\" provider=\"h\" "
					"type=\"D\">"
					"<operations>\n"
					"<op id=\"m\" name=\"monitor\" interval=\"10\" "
					"on-fail=\"explode\"/>"
					"</operations></primitive></resources><constraints/"
					">" CIB_TAIL,
	      -PCMK_E_SCHEMA,
	      "line 9: element op (id=m): value 'explode' not allowed for attribute on-fail");
}

/* The status section is set aside while the rest is validated: any content
 * there passes, it is all back afterwards, and errors elsewhere still count. */
static void status_is_free_and_kept(void **state)
{
	xmlDoc *doc = parse(good_3x);
	xmlNode *status = xmlDocGetRootElement(doc)->last;
	xmlNode *odd = xmlNewChild(status, NULL, BAD_CAST "anything", NULL);
	char *before, *after;

	(void)state;
	/* ids in the status section are not the configuration's */
	xmlNewProp(odd, BAD_CAST "id", BAD_CAST "fence");
	before = pcmk_xml_to_string(status, false);
	assert_int_equal(pcmk_schema_validate(doc, NULL), 0);
	after = pcmk_xml_to_string(status, false);
	assert_string_equal(after, before);
	assert_ptr_equal(status->last, odd);
	free(before);
	free(after);
	xmlFreeDoc(doc);
	check(CIB_HEAD("pacemaker-3.9") "<resources>\n<primitive id=\"p\" class=\"lsb\"/>\n"
					"</resources><constraints/></configuration>"
					"<status><node_state id=\"1\"><x "
					"y=\"z\"/></node_state></status></cib>",
	      -PCMK_E_SCHEMA, "element primitive (id=p): missing attribute type");
}

static void missing_section(void **state)
{
	(void)state;
	check("<cib validate-with=\"pacemaker-3.9\" admin_epoch=\"0\" epoch=\"0\" "
	      "num_updates=\"0\">"
	      "<configuration><crm_config/><nodes/><constraints/></configuration></cib>",
	      -PCMK_E_SCHEMA, "element configuration");
}

static void old_acls_only_in_1x(void **state)
{
	const char *acls = CIB_HEAD("pacemaker-1.2") "<resources/><constraints/>"
						     "<acls><acl_user id=\"bob\">"
						     "<read id=\"bob-r\" xpath=\"/cib\"/>"
						     "</acl_user></acls>" CIB_TAIL;
	xmlDoc *doc = parse(acls);
	char *error = NULL;

	(void)state;
	assert_int_equal(pcmk_schema_validate(doc, &error), 0);
	assert_int_equal(pcmk_schema_validate_as(doc, "pacemaker-3.0", &error), -PCMK_E_SCHEMA);
	assert_string_equal(error, "line 7: element acls: not allowed in configuration");
	free(error);
	xmlFreeDoc(doc);
}

/* Cluster options 3.0 removed: refused by 3.x, kept by 2.x and 1.x; the
 * error names the removed one only. */
static void removed_options_only_before_3x(void **state)
{
	static const char cib_fmt[] =
		"<cib validate-with=\"%s\" admin_epoch=\"0\" epoch=\"3\" num_updates=\"1\">\n"
		"<configuration>\n"
		"<crm_config><cluster_property_set id=\"opts\">\n"
		"<nvpair id=\"opts-stonith\" name=\"stonith-enabled\" value=\"false\"/>\n"
		"<nvpair id=\"opts-drs\" name=\"default-resource-stickiness\" value=\"1\"/>\n"
		"</cluster_property_set></crm_config>\n"
		"<nodes/><resources/><constraints/></configuration>\n<status/>\n</cib>\n";
	char text[1024];
	xmlDoc *doc;
	char *error = NULL;

	(void)state;
	snprintf(text, sizeof(text), cib_fmt, "pacemaker-3.0");
	doc = parse(text);
	assert_int_equal(pcmk_schema_validate(doc, &error), -PCMK_E_SCHEMA);
	assert_string_equal(error, "line 5: element nvpair (id=opts-drs): attributes not valid");
	free(error);
	xmlFreeDoc(doc);
	snprintf(text, sizeof(text), cib_fmt, "pacemaker-2.10");
	check(text, 0, NULL);
	snprintf(text, sizeof(text), cib_fmt, "pacemaker-1.2");
	check(text, 0, NULL);
}

static void missing_schema_file(void **state)
{
	xmlDoc *doc = parse(CIB_HEAD("pacemaker-3.9") "<resources/><constraints/>" CIB_TAIL);
	char *saved =
		strdup(getenv("PCMK_schema_directory") ? getenv("PCMK_schema_directory") : "");
	char *error = NULL;

	(void)state;
	pcmk_schema_cleanup();
	setenv("PCMK_schema_directory", "/nonexistent", 1);
	assert_int_equal(pcmk_schema_validate(doc, &error), -ENOENT);
	assert_non_null(strstr(error, "/nonexistent/pacemaker-3.9.rng"));
	free(error);
	setenv("PCMK_schema_directory", saved, 1);
	assert_int_equal(pcmk_schema_validate(doc, NULL), 0);
	free(saved);
	xmlFreeDoc(doc);
}

static int teardown(void **state)
{
	(void)state;
	pcmk_schema_cleanup();
	pcmk_schema_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_known),
		cmocka_unit_test(valid_3x),
		cmocka_unit_test(valid_every_name),
		cmocka_unit_test(none_accepts_anything),
		cmocka_unit_test(missing_validate_with_uses_latest),
		cmocka_unit_test(unknown_schema),
		cmocka_unit_test(bad_attribute),
		cmocka_unit_test(primitive_without_type),
		cmocka_unit_test(missing_id),
		cmocka_unit_test(unknown_element),
		cmocka_unit_test(constraint_without_rsc),
		cmocka_unit_test(duplicate_id),
		cmocka_unit_test(bad_value),
		cmocka_unit_test(status_is_free_and_kept),
		cmocka_unit_test(missing_section),
		cmocka_unit_test(old_acls_only_in_1x),
		cmocka_unit_test(removed_options_only_before_3x),
		cmocka_unit_test(missing_schema_file),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
