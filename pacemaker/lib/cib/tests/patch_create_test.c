/*
 * cib_patch_create(): one test per kind of change.  The expected patches
 * are what pacemaker 2.1's crm_diff prints for the same pair of CIBs
 * (apart from the cases noted, where pacemaker's own patch would not
 * apply correctly).
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

#define BASE_HEAD "<cib crm_feature_set=\"3.16.1\" epoch=\"5\" num_updates=\"3\" admin_epoch=\"0\">"
#define RESOURCES                                            \
	"<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>" \
	"<primitive id=\"b\" class=\"ocf\" type=\"Dummy\"/>" \
	"<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>"
#define CIB(head, crm_config, resources, status)                                           \
	head "<configuration><crm_config>" crm_config "</crm_config><resources>" resources \
	     "</resources><constraints/></configuration><status>" status "</status></cib>"
#define NODE "<node_state id=\"1\" uname=\"n1\"/>"
#define BASE CIB(BASE_HEAD, "", RESOURCES, NODE)

#define VERSIONS(src, tgt)                                                                      \
	"<diff format=\"2\"><version><source admin_epoch=\"0\" epoch=\"5\" num_updates=\"3\"/>" \
	"<target admin_epoch=\"0\" " tgt "/></version>"
#define EPOCH_6                                                                         \
	"<change operation=\"modify\" path=\"/cib\"><change-list>"                      \
	"<change-attr name=\"epoch\" operation=\"set\" value=\"6\"/></change-list>"     \
	"<change-result><cib crm_feature_set=\"3.16.1\" epoch=\"6\" num_updates=\"3\" " \
	"admin_epoch=\"0\"/></change-result></change>"
#define HEAD_6 "<cib crm_feature_set=\"3.16.1\" epoch=\"6\" num_updates=\"3\" admin_epoch=\"0\">"

static xmlNode *parse(const char *text)
{
	xmlDoc *doc = NULL;

	assert_int_equal(pcmk_xml_parse(text, strlen(text), &doc, NULL), 0);
	return xmlDocGetRootElement(doc);
}

/* The patch from @old to @new as one line, or NULL when none. */
static char *diff_text(const char *old, const char *new, bool *config_changed)
{
	xmlNode *o = parse(old), *n = parse(new), *patch = (xmlNode *)1;
	char *text = NULL;

	assert_int_equal(cib_patch_create(o, n, &patch, config_changed), 0);
	if (patch != NULL) {
		text = pcmk_xml_to_string(patch, false);
		pcmk_xml_free(patch);
	}
	pcmk_xml_free(o);
	pcmk_xml_free(n);
	return text;
}

static void expect(const char *old, const char *new, const char *patch, bool config)
{
	bool changed = !config;
	char *text = diff_text(old, new, &changed);

	assert_non_null(text);
	assert_string_equal(text, patch);
	assert_int_equal(changed, config);
	free(text);
}

static void equal_trees_give_no_patch(void **state)
{
	bool changed = true;

	(void)state;
	assert_null(diff_text(BASE, BASE, &changed));
	assert_false(changed);
	/* attribute order is not a change */
	assert_null(diff_text("<cib a=\"1\" b=\"2\"/>", "<cib b=\"2\" a=\"1\"/>", NULL));
}

static void create_at_position(void **state)
{
	(void)state;
	expect(BASE,
	       CIB(HEAD_6, "",
		   "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"n\" class=\"lsb\" type=\"x\"/>"
		   "<primitive id=\"b\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>",
		   NODE),
	       VERSIONS("", "epoch=\"6\" num_updates=\"3\"") EPOCH_6
	       "<change operation=\"create\" path=\"/cib/configuration/resources\" position=\"1\">"
	       "<primitive id=\"n\" class=\"lsb\" type=\"x\"/></change></diff>",
	       true);
}

static void delete_comes_first(void **state)
{
	(void)state;
	expect(BASE,
	       CIB(HEAD_6, "",
		   "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>",
		   NODE),
	       VERSIONS("", "epoch=\"6\" num_updates=\"3\"") "<change operation=\"delete\" "
							     "path=\"/cib/configuration/resources/"
							     "primitive[@id='b']\"/>" EPOCH_6
							     "</diff>",
	       true);
}

static void modify_lists_set_and_unset(void **state)
{
	(void)state;
	expect(BASE,
	       CIB(BASE_HEAD, "",
		   "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"b\" type=\"Stateful\" provider=\"pacemaker\"/>"
		   "<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>",
		   NODE),
	       VERSIONS(
		       "",
		       "epoch=\"5\" num_updates=\"3\"") "<change operation=\"modify\" "
							"path=\"/cib/configuration/resources/"
							"primitive[@id='b']\"><change-list>"
							"<change-attr name=\"type\" "
							"operation=\"set\" value=\"Stateful\"/>"
							"<change-attr name=\"provider\" "
							"operation=\"set\" value=\"pacemaker\"/>"
							"<change-attr name=\"class\" "
							"operation=\"unset\"/></change-list>"
							"<change-result><primitive id=\"b\" "
							"type=\"Stateful\" provider=\"pacemaker\"/>"
							"</change-result></change></diff>",
	       true);
}

/* crm_diff adds a redundant move of "a"; keeping a and b in place is
 * enough. */
static void move_the_fewest(void **state)
{
	(void)state;
	expect(BASE,
	       CIB(HEAD_6, "",
		   "<primitive id=\"c\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"a\" class=\"ocf\" type=\"Dummy\"/>"
		   "<primitive id=\"b\" class=\"ocf\" type=\"Dummy\"/>",
		   NODE),
	       VERSIONS("", "epoch=\"6\" num_updates=\"3\"") EPOCH_6
	       "<change operation=\"move\" "
	       "path=\"/cib/configuration/resources/primitive[@id='c']\" position=\"0\"/></diff>",
	       true);
}

/* Neither <cib> attributes nor status are configuration. */
static void cib_attributes_and_status_are_not_config(void **state)
{
	(void)state;
	expect(BASE,
	       CIB("<cib crm_feature_set=\"3.16.1\" epoch=\"5\" num_updates=\"3\" "
		   "admin_epoch=\"0\" validate-with=\"pacemaker-3.9\">",
		   "", RESOURCES, "<node_state id=\"1\" uname=\"n1\" in_ccm=\"true\"/>"),
	       VERSIONS(
		       "",
		       "epoch=\"5\" num_updates=\"3\"") "<change operation=\"modify\" "
							"path=\"/cib\"><change-list>"
							"<change-attr name=\"validate-with\" "
							"operation=\"set\" "
							"value=\"pacemaker-3.9\"/>"
							"</change-list><change-result><cib "
							"crm_feature_set=\"3.16.1\" epoch=\"5\" "
							"num_updates=\"3\" admin_epoch=\"0\" "
							"validate-with=\"pacemaker-3.9\"/>"
							"</change-result></change>"
							"<change operation=\"modify\" "
							"path=\"/cib/status/node_state[@id='1']\">"
							"<change-list><change-attr name=\"in_ccm\" "
							"operation=\"set\" value=\"true\"/>"
							"</change-list><change-result><node_state "
							"id=\"1\" uname=\"n1\" in_ccm=\"true\"/>"
							"</change-result></change></diff>",
	       false);
}

/* A field the new CIB lacks keeps the old value; one neither has is 1. */
static void missing_version_fields(void **state)
{
	(void)state;
	expect("<cib epoch=\"5\" num_updates=\"3\" admin_epoch=\"0\"/>", "<cib epoch=\"5\"/>",
	       VERSIONS("", "epoch=\"5\" num_updates=\"3\"") "<change operation=\"modify\" "
							     "path=\"/cib\"><change-list>"
							     "<change-attr name=\"num_updates\" "
							     "operation=\"unset\"/>"
							     "<change-attr name=\"admin_epoch\" "
							     "operation=\"unset\"/></change-list>"
							     "<change-result><cib "
							     "epoch=\"5\"/></change-result></"
							     "change></diff>",
	       false);
	expect("<cib><status/></cib>", "<cib><status><node_state id=\"2\"/></status></cib>",
	       "<diff format=\"2\"><version><source admin_epoch=\"1\" epoch=\"1\" "
	       "num_updates=\"1\"/><target admin_epoch=\"1\" epoch=\"1\" num_updates=\"1\"/>"
	       "</version><change operation=\"create\" path=\"/cib/status\" position=\"0\">"
	       "<node_state id=\"2\"/></change></diff>",
	       false);
}

/* Pacemaker's applier takes the first "x" for the path .../x, so a change
 * to the second id-less x is written as a rewrite of the children
 * (crm_diff writes a move here that its own applier gets wrong). */
static void idless_duplicates_are_rewritten(void **state)
{
	(void)state;
	expect(CIB(BASE_HEAD, "<x a=\"1\"/><x a=\"2\"/>", RESOURCES, NODE),
	       CIB(BASE_HEAD, "<x a=\"1\"/><x a=\"3\"/>", RESOURCES, NODE),
	       VERSIONS(
		       "",
		       "epoch=\"5\" num_updates=\"3\"") "<change operation=\"delete\" "
							"path=\"/cib/configuration/crm_config/x\"/>"
							"<change operation=\"delete\" "
							"path=\"/cib/configuration/crm_config/x\"/>"
							"<change operation=\"create\" "
							"path=\"/cib/configuration/crm_config\" "
							"position=\"0\"><x a=\"1\"/></change>"
							"<change operation=\"create\" "
							"path=\"/cib/configuration/crm_config\" "
							"position=\"1\"><x "
							"a=\"3\"/></change></diff>",
	       true);
	/* the first one alone is addressable */
	expect(CIB(BASE_HEAD, "<x a=\"1\"/><x a=\"2\"/>", RESOURCES, NODE),
	       CIB(BASE_HEAD, "<x a=\"0\"/><x a=\"2\"/>", RESOURCES, NODE),
	       VERSIONS(
		       "",
		       "epoch=\"5\" num_updates=\"3\"") "<change operation=\"modify\" "
							"path=\"/cib/configuration/crm_config/x\">"
							"<change-list><change-attr name=\"a\" "
							"operation=\"set\" value=\"0\"/>"
							"</change-list><change-result><x "
							"a=\"0\"/></change-result></change></diff>",
	       true);
}

static void comments_by_position(void **state)
{
	const char *with = CIB(BASE_HEAD, "<!--hello-->", RESOURCES, NODE);

	(void)state;
	expect(BASE, with,
	       VERSIONS("",
			"epoch=\"5\" num_updates=\"3\"") "<change operation=\"create\" "
							 "path=\"/cib/configuration/crm_config\" "
							 "position=\"0\"><!--hello--></change></"
							 "diff>",
	       true);
	expect(with, BASE,
	       VERSIONS("", "epoch=\"5\" num_updates=\"3\"") "<change operation=\"delete\" "
							     "path=\"/cib/configuration/crm_config/"
							     "comment\" "
							     "position=\"0\"/></diff>",
	       true);
}

static void whole_configuration(void **state)
{
	(void)state;
	expect("<cib><status/></cib>", "<cib><configuration/><status/></cib>",
	       "<diff format=\"2\"><version><source admin_epoch=\"1\" epoch=\"1\" "
	       "num_updates=\"1\"/><target admin_epoch=\"1\" epoch=\"1\" num_updates=\"1\"/>"
	       "</version><change operation=\"create\" path=\"/cib\" position=\"0\">"
	       "<configuration/></change></diff>",
	       true);
}

static void bad_arguments(void **state)
{
	xmlNode *cib = parse(BASE), *other = parse("<diff/>"), *patch = NULL;

	(void)state;
	assert_int_equal(cib_patch_create(NULL, cib, &patch, NULL), -EINVAL);
	assert_int_equal(cib_patch_create(cib, other, &patch, NULL), -EINVAL);
	assert_int_equal(cib_patch_create(other, cib, &patch, NULL), -EINVAL);
	assert_int_equal(cib_patch_create(cib, cib, NULL, NULL), -EINVAL);
	assert_null(patch);
	pcmk_xml_free(cib);
	pcmk_xml_free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_trees_give_no_patch),
		cmocka_unit_test(create_at_position),
		cmocka_unit_test(delete_comes_first),
		cmocka_unit_test(modify_lists_set_and_unset),
		cmocka_unit_test(move_the_fewest),
		cmocka_unit_test(cib_attributes_and_status_are_not_config),
		cmocka_unit_test(missing_version_fields),
		cmocka_unit_test(idless_duplicates_are_rewritten),
		cmocka_unit_test(comments_by_position),
		cmocka_unit_test(whole_configuration),
		cmocka_unit_test(bad_arguments),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
